#!/usr/bin/env bash
# Git ingest benchmark (issue #5): a synthetic repository of 100,000 commits by 2,000 authors,
# collected end to end by the packaged service (read, database writes, affiliation inference),
# against `git log --format='%H %ae %at'` on the same repository in the same run.
#
#   bench/git-ingest/run.sh            # generates the repository once, packages the service
#   COMMITS=20000 bench/git-ingest/run.sh
#   SKIP_BUILD=1 bench/git-ingest/run.sh  # measures the jar already in target/ (the commit shown may then differ)
#   KEEP_DB=1 bench/git-ingest/run.sh   # keeps counterpower_bench afterwards, to look into it
#   APP=/other/target/quarkus-app SKIP_BUILD=1 BENCH_DB=counterpower_bench_x bench/git-ingest/run.sh
#                                       # another build (a baseline), in a database of its own
#
# Needs Java 17, git, curl, jq and PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth). It
# creates and drops the scratch database counterpower_bench. The service runs with a 512 MB heap
# cap (the target), and its heap use is sampled from /q/metrics while it works.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
commits=${COMMITS:-100000}
authors=${AUTHORS:-2000}
work=${WORK_DIR:-/tmp/counterpower-bench}
repo=$work/repo-$commits-$authors.git
db=${BENCH_DB:-counterpower_bench}
port=${PORT:-18085}
heap=${HEAP:-512m}
key=cp_bench_admin_key_for_the_git_ingest_benchmark_only
base=http://127.0.0.1:$port
mkdir -p "$work"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
psql_() { psql -h 127.0.0.1 -U postgres -d postgres -qtAc "$1"; }

# ---- the repository -------------------------------------------------------------------------
if [ ! -d "$repo" ] || [ "$(git -C "$repo" rev-list --count main 2>/dev/null || echo 0)" != "$commits" ]; then
  log "generating $commits commits by $authors authors in $repo"
  "$here/generate-repo.sh" "$repo" "$commits" "$authors" >&2
fi

# ---- the service -----------------------------------------------------------------------------
app=${APP:-$root/target/quarkus-app}
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$app/quarkus-run.jar" ]; then
  log "packaging the service"
  (cd "$root" && ./mvnw -B -q -o -DskipTests package >&2)
fi
psql_ "drop database if exists $db" >/dev/null
psql_ "create database $db" >/dev/null

pid=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "${KEEP_DB:-}" ] || psql_ "drop database if exists $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "starting the service on port $port with -Xmx$heap"
COUNTERPOWER_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db \
COUNTERPOWER_ADMIN_KEY=$key \
COUNTERPOWER_DATASET_LOAD_ON_START=false \
QUARKUS_HTTP_PORT=$port \
COUNTERPOWER_COLLECT_CACHE_DIR=$work/cache \
  java -Xmx"$heap" -jar "$app/quarkus-run.jar" > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do   # up to 10 min: a loaded machine starts the service slowly
  curl -fs "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$base/q/health/ready" >/dev/null

api() { curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }

# The five company domains of the generator, so that affiliation inference has work.
for org in alpha beta gamma delta epsilon; do
  api -X POST "$base/api/v1/organisations" -d "{\"key\":\"bench-$org\",\"name\":\"Bench $org\",\"type\":\"company\",
    \"domains\":[\"$org.example\"],\"source\":{\"url\":\"https://example.org/$org\",\"quote\":\"A bench fact.\",\"confidence\":\"verified\"}}" >/dev/null
done
api -X POST "$base/api/v1/projects" -d '{"slug":"bench","name":"Bench","kind":"library","origin":"community",
  "source":{"url":"https://example.org/bench","quote":"A bench fact.","confidence":"verified"}}' >/dev/null

# Heap in use, summed over the heap pools, sampled every 200 ms; the peak is kept.
( peak=0
  while true; do
    used=$(curl -fs "$base/q/metrics" 2>/dev/null | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%d", s}')
    [ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used && echo "$peak" > "$work/heap-peak"
    sleep 0.2
  done ) &
sampler=$!
echo 0 > "$work/heap-peak"

now() { date +%s.%N; }

collect() {
  local started job id state
  started=$(now)
  job=$(api -X POST "$base/api/v1/projects/bench/collections" -d "{\"source\":\"git\",\"url\":\"file://$repo\"}")
  id=$(jq -r .id <<<"$job")
  while true; do
    job=$(curl -fsS "$base/api/v1/jobs/$id")
    state=$(jq -r .state <<<"$job")
    [ "$state" = succeeded ] || [ "$state" = failed ] && break
    sleep 0.05
  done
  local elapsed
  elapsed=$(echo "$(now) - $started" | bc -l)
  [ "$state" = succeeded ] || { log "job $id failed: $(jq -r .error <<<"$job")"; exit 1; }
  echo "$job" > "$work/job-$id.json"
  printf '%s %s\n' "$elapsed" "$work/job-$id.json"
}

# ---- baseline: git log, best of three --------------------------------------------------------
best=""
for _ in 1 2 3; do
  t0=$(now)
  git -C "$repo" log --format='%H %ae %at' main > /dev/null
  t=$(echo "$(now) - $t0" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
gitlog=$best

# ---- full ingest, then a rerun that finds nothing new ----------------------------------------
log "full ingest"
read -r full fulljob < <(collect)
log "no-change rerun"
read -r rerun rerunjob < <(collect)
sleep 0.5
heap_peak=$(cat "$work/heap-peak")

read_commits=$(jq .stats.commitsRead "$fulljob")
rate=$(echo "$read_commits / $full" | bc -l)
gitrate=$(echo "$commits / $gitlog" | bc -l)
ratio=$(echo "$full / $gitlog" | bc -l)

printf '\n'
printf 'machine            %s, %s cores, %s\n' "$(uname -srm)" "$(nproc)" "$(java -version 2>&1 | head -n 1)"
printf 'commit             %s\n' "$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+dirty') (app $app)"
printf 'repository         %s commits, %s authors, %s\n' "$commits" "$authors" "$(du -sh "$repo" | cut -f1)"
printf 'git log            %.3f s  (%.0f commits/s)\n' "$gitlog" "$gitrate"
printf 'full ingest        %.2f s  (%.0f commits/s, %.1f x git log)  from POST to succeeded\n' "$full" "$rate" "$ratio"
printf '  server phases    %s\n' "$(jq -c .stats.timings "$fulljob")"
printf '  recorded         %s\n' "$(jq -c '{commits: .stats.commitContributionsAdded, merges: .stats.mergeContributionsAdded, identities: .stats.identitiesAdded, contributors: .stats.contributorsAdded, affiliations: .stats.affiliationsAdded, licensePeriods: .stats.licensePeriodsAdded, seats: .stats.seatsAdded}' "$fulljob")"
printf 'no-change rerun    %.2f s  from POST to succeeded (server: %s ms)\n' "$rerun" "$(jq .stats.timings.totalMillis "$rerunjob")"
printf 'heap               peak %.0f MB in use (sampled every 200 ms), cap -Xmx%s\n' "$(echo "$heap_peak / 1048576" | bc -l)" "$heap"
printf 'targets            ingest >= 5000 commits/s: %s; rerun < 2 s: %s; heap < 512 MB: %s\n' \
  "$( [ "$(echo "$rate >= 5000" | bc -l)" = 1 ] && echo met || echo MISSED)" \
  "$( [ "$(echo "$rerun < 2" | bc -l)" = 1 ] && echo met || echo MISSED)" \
  "$( [ "$(echo "$heap_peak < 536870912" | bc -l)" = 1 ] && echo met || echo MISSED)"

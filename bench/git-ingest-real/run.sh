#!/usr/bin/env bash
# Git ingest on real repositories (issue #21): terraform and jax, pinned to fixed commits, collected end
# to end by the packaged service through the API, against `git log --format='%H %ae %at'` on the same
# repository in the same run. Three readings per repository:
#   fresh      the first collection into a new database (only the reference dataset loaded)
#   populated  the first collection into a database that already holds the default dataset and the
#              default snapshot's 24 collected projects (138k commits), as a real deployment would
#   rerun      the same collection again, which finds nothing new
#
#   bench/git-ingest-real/run.sh                       # both repositories, three readings each
#   REPOS=terraform bench/git-ingest-real/run.sh       # one of them
#   RUNS=3 bench/git-ingest-real/run.sh                # each reading three times (the spread)
#   QUIET_LOAD=1.5 bench/git-ingest-real/run.sh        # waits (up to 10 min) for the 1-minute load
#                                                      # average to fall under 1.5 before each run
#   SKIP_BUILD=1 ...                                   # measures the jar already in target/
#   SKIP_POPULATED=1 ...                               # fresh and rerun readings only
#   APP=/other/target/quarkus-app SKIP_BUILD=1 BENCH_DB=counterpower_bench_real_x ...
#                                                      # another build (a baseline), in a database of its own
#
# The repositories are not committed: the `fetch` tool of this workplace (or `git clone --mirror`)
# brings them; TERRAFORM_GIT and JAX_GIT name their git directories. Needs Java 17, git, curl, jq, bc
# and PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth). It creates and drops the scratch
# databases counterpower_bench_real*; the populated template (counterpower_bench_populated) is built
# once and kept (KEEP_TEMPLATE=0 drops it at the end).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${WORK_DIR:-/tmp/counterpower-bench-real}
port=${PORT:-18086}
heap=${HEAP:-512m}
runs=${RUNS:-1}
quiet=${QUIET_LOAD:-}
repos=${REPOS:-terraform jax}
key=cp_bench_admin_key_for_the_git_ingest_benchmark_only
base=http://127.0.0.1:$port
template=counterpower_bench_populated
db=${BENCH_DB:-counterpower_bench_real}
app=${APP:-$root/target/quarkus-app}
mkdir -p "$work"

# Pinned commits: the heads of the snapshots measured in bench/RESULTS.md.
declare -A git_dir=(
  [terraform]=${TERRAFORM_GIT:-/work/.mirror/hashicorp+terraform/repo}
  [jax]=${JAX_GIT:-/work/.mirror/jax-ml+jax/repo}
)
declare -A pinned=(
  [terraform]=883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7
  [jax]=cec06d116c05f0d52adfceee3d3b730fdbcb0ce5
)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
psql_() { psql -h 127.0.0.1 -U postgres -d postgres -qtAc "$1"; }
now() { date +%s.%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }

wait_quiet() {
  [ -n "$quiet" ] || return 0
  for _ in $(seq 1 120); do
    [ "$(echo "$(load1) < $quiet" | bc -l)" = 1 ] && return 0
    sleep 5
  done
  log "the load average stayed at $(load1), above $quiet: measuring anyway"
}

# A bare clone sharing the fetched objects, with branch `bench` at the pinned commit.
prepare_repo() {
  local name=$1 src=${git_dir[$1]} dst=$work/$1.git
  [ -d "$src" ] || { log "$name: no git directory at $src (set ${name^^}_GIT)"; exit 1; }
  if [ ! -d "$dst" ]; then
    # A full copy: a clone sharing objects through alternates would make JGit stat the pack directory
    # at every object it misses locally, which a deployment's own clone never does.
    cp -r "$src" "$dst"
  fi
  git -C "$dst" update-ref refs/heads/bench "${pinned[$name]}"
  git -C "$dst" symbolic-ref HEAD refs/heads/bench
}

pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  pid=""
}
trap 'cleanup; psql_ "drop database if exists $db" >/dev/null 2>&1 || true' EXIT

# start_service <database> [extra env...]
start_service() {
  local db=$1; shift
  env COUNTERPOWER_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db \
      COUNTERPOWER_ADMIN_KEY=$key \
      QUARKUS_HTTP_PORT=$port \
      COUNTERPOWER_COLLECT_CACHE_DIR=$work/cache \
      "$@" \
      java -Xmx"$heap" -XX:+UseSerialGC -jar "$app/quarkus-run.jar" > "$work/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    curl -fs "$base/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { tail -40 "$work/service.log" >&2; exit 1; }
    sleep 0.5
  done
  log "service not ready"; tail -40 "$work/service.log" >&2; exit 1
}

# A deployment that has been running has its risk ranking computed; a service just started computes it
# in the background (a few seconds of both cores on the populated database), which would be measured
# as ingest time. Wait for it, as for an idle service.
wait_ranking() {
  for _ in $(seq 1 600); do
    grep -q "Risk ranking refreshed" "$work/service.log" && return 0
    sleep 0.5
  done
  log "the first ranking did not finish within 5 minutes: measuring anyway"
}

api() { curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }

ensure_project() {
  local slug=$1
  curl -fs "$base/api/v1/projects/$slug" >/dev/null 2>&1 && return 0
  api -X POST "$base/api/v1/projects" -d "{\"slug\":\"$slug\",\"name\":\"$slug\",\"kind\":\"library\",\"origin\":\"community\",
    \"source\":{\"url\":\"https://example.org/$slug\",\"confidence\":\"reported\"}}" >/dev/null
}

# collect <slug> <repo> → prints "<seconds> <job file>"
collect() {
  local slug=$1 repo=$2 started job id state elapsed
  started=$(now)
  job=$(api -X POST "$base/api/v1/projects/$slug/collections" -d "{\"source\":\"git\",\"url\":\"file://$repo\",\"branch\":\"bench\"}")
  id=$(jq -r .id <<<"$job")
  while true; do
    job=$(curl -fsS "$base/api/v1/jobs/$id")
    state=$(jq -r .state <<<"$job")
    [ "$state" = succeeded ] || [ "$state" = failed ] && break
    sleep 0.05
  done
  elapsed=$(echo "$(now) - $started" | bc -l)
  [ "$state" = succeeded ] || { log "job $id failed: $(jq -r .error <<<"$job")"; exit 1; }
  echo "$job" > "$work/job-$slug-$id.json"
  printf '%s %s\n' "$elapsed" "$work/job-$slug-$id.json"
}

gitlog_seconds() {
  local repo=$1 best="" t0 t
  for _ in 1 2 3; do
    t0=$(now)
    git -C "$repo" log --format='%H %ae %at' bench > /dev/null
    t=$(echo "$(now) - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

report() { # report <label> <repo-name> <seconds> <job file> <git log seconds>
  local label=$1 name=$2 secs=$3 jobfile=$4 gitlog=$5 commits rate
  commits=$(jq .stats.commitsRead "$jobfile")
  if [ "$commits" -gt 0 ]; then rate=$(echo "$commits / $secs" | bc -l); else rate=0; fi
  printf '%-10s %-9s %7.2f s  %6d commits  %7.0f commits/s  %6.1f x git log  load %s  phases %s\n' \
    "$name" "$label" "$secs" "$commits" "$rate" "$(echo "$secs / $gitlog" | bc -l)" "$LOAD_BEFORE" \
    "$(jq -c '.stats.timings' "$jobfile")"
}

# ---- the service ---------------------------------------------------------------------------------
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$app/quarkus-run.jar" ]; then
  log "packaging the service"
  (cd "$root" && ./mvnw -B -q -o -DskipTests package >&2)
fi
for name in $repos; do prepare_repo "$name"; done

# ---- the populated template: the default dataset and the default snapshot, built once ------------
if [ -z "${SKIP_POPULATED:-}" ] && [ -z "$(psql_ "select 1 from pg_database where datname = '$template'")" ]; then
  log "building $template (the default dataset and the default snapshot)"
  psql_ "create database $template" >/dev/null
  t0=$(now)
  start_service "$template" COUNTERPOWER_DATASET_SNAPSHOT_ON_START=true
  log "template ready in $(printf '%.0f' "$(echo "$(now) - $t0" | bc -l)") s"
  cleanup
fi

printf 'machine    %s, %s cores, %s\n' "$(uname -srm)" "$(nproc)" "$(java -version 2>&1 | head -n 1)"
printf 'commit     %s\n' "$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+dirty') (app $app)"
printf 'date       %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
printf 'template   %s contributions\n' "$(psql -h 127.0.0.1 -U postgres -d $template -qtAc 'select count(*) from contribution')"

for name in $repos; do
  repo=$work/$name.git
  gitlog=$(gitlog_seconds "$repo")
  printf '%-10s git log   %7.3f s  %6d commits  %7.0f commits/s (best of three, same run)\n' "$name" "$gitlog" \
    "$(git -C "$repo" rev-list --count bench)" "$(echo "$(git -C "$repo" rev-list --count bench) / $gitlog" | bc -l)"
  for run in $(seq 1 "$runs"); do
    # fresh: a new database; only the reference dataset is loaded on start
    psql_ "drop database if exists $db" >/dev/null
    psql_ "create database $db" >/dev/null
    start_service $db COUNTERPOWER_DATASET_SNAPSHOT_ON_START=false
    ensure_project "bench-$name"
    wait_ranking
    wait_quiet; LOAD_BEFORE=$(load1)
    read -r secs jobfile < <(collect "bench-$name" "$repo")
    report fresh "$name" "$secs" "$jobfile" "$gitlog"
    wait_quiet; LOAD_BEFORE=$(load1)
    read -r secs jobfile < <(collect "bench-$name" "$repo")
    report rerun "$name" "$secs" "$jobfile" "$gitlog"
    cleanup

    # populated: a copy of the template
    [ -n "${SKIP_POPULATED:-}" ] && continue
    psql_ "drop database if exists $db" >/dev/null
    psql_ "create database $db template $template" >/dev/null
    start_service $db COUNTERPOWER_DATASET_SNAPSHOT_ON_START=false
    ensure_project "bench-$name"
    wait_ranking
    wait_quiet; LOAD_BEFORE=$(load1)
    read -r secs jobfile < <(collect "bench-$name" "$repo")
    report populated "$name" "$secs" "$jobfile" "$gitlog"
    cleanup
  done
done
if [ "${KEEP_TEMPLATE:-1}" = 0 ]; then psql_ "drop database if exists $template" >/dev/null; fi

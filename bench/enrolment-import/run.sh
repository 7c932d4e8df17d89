#!/usr/bin/env bash
# Enrolment import benchmark (issue #7): 100,000 enrolment rows in the CSV export format imported
# over HTTP by the packaged service (POST /api/v1/affiliations/import?format=csv), against a plain
# `COPY` of the same file into a scratch table of text columns (psql \copy, so the rows cross the
# client connection too), in the same run, a few repetitions. Each repetition starts from no
# affiliations; a second import of the same file (nothing to write, every row checked) is timed too.
# A second baseline is the database's own floor for the work: the same rows inserted into the
# affiliation table straight from the COPY's scratch table by one INSERT … SELECT (organisation
# keys joined), with its indexes, foreign keys and exclusion constraint, and nothing checked.
# The same number of enrolments in the gitdm format (people matched or created, organisations
# matched by name, some created) is timed as well, with new people each repetition.
#
#   bench/enrolment-import/run.sh
#   ROWS=20000 REPS=2 bench/enrolment-import/run.sh
#   SKIP_BUILD=1 bench/enrolment-import/run.sh   # measures the jar already in target/
#   KEEP_DB=1 bench/enrolment-import/run.sh      # keeps counterpower_bench_import afterwards
#
# Needs Java 17, curl, jq, bc, awk and PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth).
# It creates and drops the scratch database counterpower_bench_import.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${ROWS:-100000}
reps=${REPS:-3}
orgs=${ORGANISATIONS:-500}
work=${WORK_DIR:-/tmp/counterpower-bench-import}
db=counterpower_bench_import
port=${PORT:-18082}
heap=${HEAP:-512m}
key=cp_bench_admin_key_for_the_enrolment_import_benchmark_only
base=http://127.0.0.1:$port
mkdir -p "$work"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
psql_() { psql -h 127.0.0.1 -U postgres -d postgres -qtAc "$1"; }
sql() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qtAc "$1"; }
now() { date +%s.%N; }

if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$root/target/quarkus-app/quarkus-run.jar" ]; then
  log "packaging the service"
  (cd "$root" && ./mvnw -B -q -o -DskipTests package >&2)
fi
psql_ "drop database if exists $db" >/dev/null
psql_ "create database $db" >/dev/null

pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "${KEEP_DB:-}" ] || psql_ "drop database if exists $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "starting the service on port $port with -Xmx$heap"
COUNTERPOWER_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db \
COUNTERPOWER_ADMIN_KEY=$key \
COUNTERPOWER_DATASET_LOAD_ON_START=false \
QUARKUS_HTTP_PORT=$port \
  java -Xmx"$heap" -jar "$root/target/quarkus-app/quarkus-run.jar" > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fs "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$base/q/health/ready" >/dev/null

# ---- the recorded data the CSV refers to: ROWS/2 contributors and the organisations ---------
log "recording $((rows / 2)) contributors and $orgs organisations"
sql "insert into organisation (key) select 'bench-org-' || g from generate_series(1, $orgs) g"
sql "insert into organisation_version (id, name, type, source_kind, source_url, confidence)
     select id, 'Bench Org ' || substr(key, 11), 'company', 'import', 'https://example.org/orgs', 'reported' from organisation
     where key like 'bench-org-%'"
first=$(sql "select coalesce(max(id), 0) + 1 from contributor")
sql "insert into contributor (created_at) select now() from generate_series(1, $((rows / 2)))"
sql "insert into contributor_version (id, display_name, source_kind, source_url, confidence)
     select id, 'Bench person ' || id, 'import', 'https://example.org/people', 'reported' from contributor where id >= $first"
sql "create table bench_copy (contributor text, name text, emails text, organisation text, independent text, valid_from text,
     valid_to text, role text, source_kind text, source_url text, source_note text, source_confidence text)"

csv=$work/enrolments-$rows.csv
"$here/generate.sh" csv "$rows" "$first" "$orgs" > "$csv"
log "$(($(wc -l < "$csv") - 1)) CSV rows, $(du -h "$csv" | cut -f1)"

post() { # format file -> seconds, and the report in $work/report.json
  local started code
  started=$(now)
  code=$(curl -sS -o "$work/report.json" -w '%{http_code}' -H "Authorization: Bearer $key" \
    -H "Content-Type: $3" --data-binary @"$2" "$base/api/v1/affiliations/import?format=$1&sourceUrl=https://example.org/bench")
  local elapsed
  elapsed=$(echo "$(now) - $started" | bc -l)
  [ "$code" = 200 ] || { log "import answered $code: $(head -c 600 "$work/report.json")"; exit 1; }
  printf '%s' "$elapsed"
}

copy() {
  sql "truncate bench_copy"
  local started
  started=$(now)
  psql -h 127.0.0.1 -U postgres -d "$db" -qc "\\copy bench_copy from '$1' with (format csv, header)"
  echo "$(now) - $started" | bc -l
}

printf '\n'
printf 'machine   %s, %s cores, %s\n' "$(uname -srm)" "$(nproc)" "$(java -version 2>&1 | head -n 1)"
printf 'commit    %s\n' "$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+dirty')"
printf 'rows      %s enrolments (CSV %s), %s organisations, heap cap -Xmx%s\n\n' "$rows" "$(du -h "$csv" | cut -f1)" "$orgs" "$heap"
insert_floor() {
  sql "truncate affiliation"
  local started
  started=$(now)
  sql "insert into affiliation (contributor_id, organisation_id, valid_from, valid_to, role, source_kind, source_url, confidence)
       select b.contributor::bigint, o.id, nullif(b.valid_from, '')::date, nullif(b.valid_to, '')::date, nullif(b.role, ''),
              b.source_kind, b.source_url, b.source_confidence
       from bench_copy b join organisation o on o.key = b.organisation"
  echo "$(now) - $started" | bc -l
  sql "truncate affiliation"
}

printf '%-4s %-8s %-8s %-9s %-10s %-9s %-8s %-11s %-8s\n' rep load "COPY s" "insert s" "import s" "× COPY" "× insert" "re-import s" "gitdm s"
for rep in $(seq 1 "$reps"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  sql "truncate affiliation"
  c=$(copy "$csv")
  f=$(insert_floor)
  i=$(post csv "$csv" text/csv)
  created=$(jq .created "$work/report.json")
  again=$(post csv "$csv" text/csv)
  unchanged=$(jq .unchanged "$work/report.json")
  [ "$unchanged" = "$rows" ] || { log "re-import left $unchanged of $rows unchanged"; exit 1; }
  gitdm=$work/gitdm-$rows-r$rep.txt
  "$here/generate.sh" gitdm "$rows" "r$rep" "$orgs" > "$gitdm"
  g=$(post gitdm "$gitdm" text/plain)
  gcreated=$(jq -c '{people, contributorsCreated, affiliationsCreated, organisations: (.organisationsCreated | length)}' "$work/report.json")
  [ "$created" = "$rows" ] || { log "the import created $created of $rows"; exit 1; }
  printf '%-4s %-8s %-8.2f %-9.2f %-10.2f %-9.1f %-8.1f %-11.2f %-8.2f %s\n' "$rep" "$load" "$c" "$f" "$i" "$(echo "$i / $c" | bc -l)" \
    "$(echo "$i / $f" | bc -l)" "$again" "$g" "$gcreated"
done
printf '\ntarget    100,000 rows imported in under 30 s\n'

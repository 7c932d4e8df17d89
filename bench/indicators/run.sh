#!/usr/bin/env bash
# Indicator benchmark: a scratch database with 1,000 projects and 5,000,000 contributions, the
# packaged service against it, cold and warm assessments, a 10-year monthly series, /q/health/live
# as the baseline, and EXPLAIN (ANALYZE, BUFFERS) of the indicator statements. Loopback only.
# Usage: bench/indicators/run.sh [--no-build] [--keep-db]   (from the repository root; writes bench/indicators/out/)
#   DATASET=default-snapshot measures on real data instead: the packaged default snapshot (the default
#   projects' git histories and the reference dataset), loaded by this build's first start into an empty
#   BENCH_DB, and BENCH_PROJECT (default: the project with most contributions) measured.
#   BENCH_DB (default counterpower_bench_ind) and BENCH_PORT name the scratch database and the port;
#   --keep-db reuses BENCH_DB when it is already generated and keeps it afterwards (for repeated runs).
#   BASELINE_APP=/path/to/quarkus-app (the build of another commit, e.g. main) measures that build
#   first, against the same database in the same run, so that both sets of figures share the load
#   (without validating the migrations: the database has this build's newer ones).
# The risk ranking's background refresh is off: its first run assesses all 1,000 projects, minutes of
# CPU that would share the two cores with the requests measured here (bench/api-reads measures it).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${BENCH_DB:-counterpower_bench_ind}
KEEP=false
BUILD=true
for arg in "$@"; do case $arg in --no-build) BUILD=false ;; --keep-db) KEEP=true ;; *) echo "unknown option $arg" >&2; exit 2 ;; esac; done
PORT=${BENCH_PORT:-18091}
KEY=cp_bench_admin_key_not_secret_0123456789
OUT=bench/indicators/out
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
BASE="http://127.0.0.1:$PORT"
mkdir -p "$OUT"
PID=

. bench/lib.sh
cleanup() { stop; $KEEP || "${PSQL[@]}" -d postgres -c "drop database if exists $DB" || true; }
trap cleanup EXIT

start() {
  COUNTERPOWER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" COUNTERPOWER_DATASET_LOAD_ON_START=${SNAPSHOT:-false} \
  COUNTERPOWER_DATASET_SNAPSHOT_ON_START=${SNAPSHOT:-false} \
  COUNTERPOWER_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
  COUNTERPOWER_RISK_REFRESH_ON_START=false \
  QUARKUS_FLYWAY_VALIDATE_ON_MIGRATE=${APP:+false}${APP:-true} \
    java -jar "${APP:-target/quarkus-app}/quarkus-run.jar" > "$OUT/service.log" 2>&1 &
  PID=$!
  wait_ready "$OUT/service.log"
}

# time_total in milliseconds of one GET (bounded)
ms() { curl -s -o /dev/null --max-time 180 -w '%{http_code} %{time_total}\n' "$1" | awk '$1 != 200 { print "HTTP " $1 > "/dev/stderr"; exit 1 } { printf "%.2f\n", $2 * 1000 }'; }
# median, p95 and min of N requests sent by one curl over one keep-alive connection (a curl process per
# request would add its own start, several milliseconds, to every figure); the first request, which
# opens the connection, is not counted
stats() {
  local url=$1 n=$2 cfg
  cfg=$(mktemp)
  for _ in $(seq 0 "$n"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done > "$cfg"
  curl -s -K "$cfg" -w '%{http_code} %{time_total}\n' | tail -n +2 \
    | awk '$1 != 200 { print "HTTP " $1 > "/dev/stderr"; exit 1 } { printf "%.3f\n", $2 * 1000 }' | sort -n \
    | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; p = a[int(NR * 0.95 + 0.999)]; printf "median %.2f ms, p95 %.2f ms, min %.2f ms (n=%d, one connection)\n", m, p, a[1], NR }'
  rm -f "$cfg"
}
# N cold requests (each after a data version bump), in ms, and their median
cold() {
  local url=$1 n=$2 all=()
  # after the bump, wait out counterpower.data-version.max-age (1 s): until then the service may still
  # serve the version it holds, and the request would be a warm one
  for _ in $(seq 1 "$n"); do bump "$PID_"; sleep 1.2; all+=("$(ms "$url")"); done
  echo "${all[*]} ms (median $(printf '%s\n' "${all[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') ms)"
}
bump() { "${PSQL[@]}" -d $DB -c "insert into data_version (scope, version, changed_at) values ('project:$1', nextval('data_version_seq'), now()) on conflict (scope) do update set version = excluded.version, changed_at = excluded.changed_at"; }

$BUILD && ./mvnw -B -q -DskipTests package

if [ "${DATASET:-generated}" = default-snapshot ]; then
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB" -c "create database $DB"
  echo "== migrate and load the default snapshot (this build's first start)"
  SNAPSHOT=true start; stop
elif $KEEP && [ "$("${PSQL[@]}" -d $DB -Atc "select count(*) > 0 from dataset_load where name = 'bench-indicators'" 2>/dev/null)" = t ]; then
  echo "== reusing the generated database $DB"; start; stop   # applies any new migration
else
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB" -c "create database $DB"
  echo "== migrate (start the service once)"; start; stop
  echo "== generate"
  /usr/bin/time -f "generation: %e s" "${PSQL[@]}" -d $DB -f bench/indicators/generate.sql > "$OUT/generate.log" 2> "$OUT/generate.time"
  cat "$OUT/generate.time"; tail -4 "$OUT/generate.log"
  "${PSQL[@]}" -d $DB -c "insert into dataset_load (name, version) values ('bench-indicators', '1')"
fi

LARGEST=$("${PSQL[@]}" -d $DB -Atc "select p.slug || ' ' || p.id || ' ' || count(*) from contribution c join project p on p.id = c.project_id
  where p.slug = coalesce(nullif('${BENCH_PROJECT:-}', ''), p.slug) group by p.id order by count(*) desc limit 1")
read -r SLUG PID_ N <<< "$LARGEST"
echo "== largest project: $SLUG (id $PID_) with $N contributions"

AT=2025-12-31
NAMES=contributors_active,affiliation_coverage,corporate_share,top_org_share,elephant_factor,org_hhi,bus_factor,new_orgs,seats_total,funding_total_usd
# BENCH_METHODOLOGIES: the methodology versions measured, each pinned by ?methodology= (default: 2 and 1).
urls() { # methodology version
  ASSESS="$BASE/api/v1/projects/$SLUG/assessment?at=$AT&methodology=$1"
  SERIES="$BASE/api/v1/projects/$SLUG/indicators/series?names=$NAMES&from=2016-01-01&to=$AT&step=month&window=P12M&methodology=$1"
}
measure() { # label (APP names the build)
  for M in ${BENCH_METHODOLOGIES:-2 1}; do urls "$M"; measure_one "$1, methodology $M"; done
}
measure_one() { # label
  start
  stats "$BASE/q/health/live" 200 > /dev/null   # JIT warm-up of the HTTP layer
  # warm the JVM and the statements' plans: two cold computations of each, not counted
  cold "$ASSESS" 2 > /dev/null; cold "$SERIES" 2 > /dev/null; stats "$ASSESS" 200 > /dev/null
  sleep 5
  {
    echo "== $1"
    echo "date: $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "machine: nproc $(nproc), $(free -g | awk '/^Mem:/ { print $2 " GiB memory" }'), $(java -version 2>&1 | head -1), $(psql --version)"
    echo "dataset: $("${PSQL[@]}" -d $DB -Atc "select (select count(*) from project) || ' projects, ' || (select count(*) from contribution) || ' contributions, ' || (select count(*) from contributor) || ' contributors, ' || (select count(*) from organisation) || ' organisations, ' || (select count(*) from affiliation) || ' affiliations'")"
    echo "largest project: $SLUG ($N contributions)"
    echo "baseline /q/health/live: $(stats "$BASE/q/health/live" 200)"
    echo "cold assessment (after a data version bump), 5 runs: $(cold "$ASSESS" 5)"
    echo "warm assessment: $(stats "$ASSESS" 200)"
    echo "cold series (120 monthly points, 10 indicators, P12M), 5 runs: $(cold "$SERIES" 5)"
    echo "warm series: $(stats "$SERIES" 50)"
  } | tee -a "$OUT/figures.txt"
  stop; start   # not inside the pipeline above: PID must be this shell's, for stop and the exit trap
  echo "cold assessment, first request after a restart: $(ms "$ASSESS") ms" | tee -a "$OUT/figures.txt"
  stop
}
: > "$OUT/figures.txt"
if [ -n "${BASELINE_APP:-}" ]; then APP=$BASELINE_APP measure "baseline build: $BASELINE_APP"; fi
# BENCH_COMMIT names the build when the script runs from a copy without .git (a bench beside a test run).
if git rev-parse --short HEAD > /dev/null 2>&1; then
  LABEL="commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations || echo ' (with uncommitted changes)')"
else
  LABEL="commit ${BENCH_COMMIT:-unknown} (a copy of its tree)"
fi
measure "this build: $LABEL"

echo "== EXPLAIN (ANALYZE, BUFFERS) of the statements the service sends"
java -cp "target/classes:target/quarkus-app/lib/main/*" bench/indicators/Statements.java "$OUT/sql" 2   # methodology 2's statements
DAYS1="'{$AT}'"; LO1="'{2024-12-31}'"; LO24_1="'{2023-12-31}'"
DAYS=$(python3 - <<PY
import datetime as d
def end(y, m): return (d.date(y + m // 12, m % 12 + 1, 1) - d.timedelta(days=1))
days = [end(y, m) for y in range(2016, 2026) for m in range(1, 13)]
def minus(x, k):
    y, m = x.year, x.month - k
    while m < 1: m += 12; y -= 1
    import calendar
    return d.date(y, m, min(x.day, calendar.monthrange(y, m)[1]))
print("'{%s}' '{%s}' '{%s}'" % (",".join(map(str, days)), ",".join(str(minus(x, 12)) for x in days), ",".join(str(minus(x, 24)) for x in days)))
PY
)
read -r DAYSN LON LO24N <<< "$DAYS"
explain() { # file days lo_days lo24s kinds label
  {
    echo "-- $6"
    "${PSQL[@]}" -d $DB -v project="$PID_" -v kinds="$5" -v asof="now()" -v days="$2" -v lo_days="$3" -v lo24s="$4" \
      -v top_orgs="'{}'" -v top_org="''" <<SQL
\\set QUIET on
set jit = off;
set work_mem = '64MB';  -- as the service sets it for the contribution statements (counterpower.indicators.work-mem)
explain (analyze, buffers) $(cat "$OUT/sql/$1")
SQL
  } >> "$OUT/explain.txt"
}
: > "$OUT/explain.txt"
"${PSQL[@]}" -d $DB -Atc "show jit" | sed 's/^/jit (server default): /' >> "$OUT/explain.txt"
TREND="'{2024-12-31,$AT}'"; LOT="'{2023-12-31,2024-12-31}'"; LO24T="'{2022-12-31,2023-12-31}'"
explain contribution-current.sql "$TREND" "$LOT" "$LO24T" "'commit'" "contribution indicators, current, two dates (the assessment and its trend)"
explain contribution-current.sql "$TREND" "$LOT" "$LO24T" "'merge'" "merges (gatekeeper), current, two dates"
explain contribution-current.sql "$DAYSN" "$LON" "$LO24N" "'commit'" "contribution indicators, current, 120 monthly points (P12M)"
explain contribution-current.sql "$DAYSN" "$LON" "$LO24N" "'merge'" "merges, current, 120 monthly points (P12M)"
explain disputed.sql "$DAYSN" "$LON" "$LO24N" "'commit'" "disputed affiliation flags, 120 monthly points"
explain contribution.sql "$DAYS1" "$LO1" "$LO24_1" "'commit'" "contribution indicators, as recorded on (full statement), one date ($AT, P12M)"
explain contribution.sql "$DAYS1" "$LO1" "$LO24_1" "'merge'" "merges (gatekeeper), as recorded on, one date"
explain contribution.sql "$DAYSN" "$LON" "$LO24N" "'commit'" "contribution indicators, as recorded on, 120 monthly points (P12M)"
for f in seats flags funding license adoption; do
  explain $f.sql "$DAYS1" "$LO1" "$LO24_1" "'commit'" "$f, one date"
  explain $f.sql "$DAYSN" "$LON" "$LO24N" "'commit'" "$f, 120 points"
done
grep -E "^-- |Execution Time|Planning Time" "$OUT/explain.txt" | tee "$OUT/explain-summary.txt"

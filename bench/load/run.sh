#!/usr/bin/env bash
# Mixed read/write load with wrk (loopback only, fixed durations) against the packaged service:
#  1. steady: 60 s on the shared PostgreSQL (scratch database counterpower_bench_reliab);
#  2. outage: 60 s on a throw-away cluster (port 55434) that is stopped for 10 s in the middle.
# Every acknowledged write (201) is logged and checked in the database afterwards.
# Usage: bench/load/run.sh [--no-build]   (from the repository root; writes bench/load/out/)
# Needs: wrk (apt-get install -y wrk), Debian's pg_createcluster, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${BENCH_PORT:-18087}
OUTAGE_PORT=${BENCH_OUTAGE_PORT:-55434}
DB=counterpower_bench_reliab
CLUSTER=cpbench
PGVERSION=$(ls /etc/postgresql | sort -V | tail -n 1)
KEY=cp_bench_admin_key_not_secret_0123456789
OUT=bench/load/out
BASE="http://127.0.0.1:$PORT"
DURATION=${BENCH_DURATION:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
mkdir -p "$OUT"
PID=

. bench/lib.sh
cleanup() {
  stop
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" || true
  pg_dropcluster --stop "$PGVERSION" "$CLUSTER" 2>/dev/null || true
}
trap cleanup EXIT

# start <jdbc url> <log>: the packaged service on loopback; returns once it is ready.
start() {
  COUNTERPOWER_DB_URL="$1" COUNTERPOWER_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
  COUNTERPOWER_JOBS_WORKERS=0 \
    java -jar "${BENCH_APP:-target/quarkus-app}/quarkus-run.jar" > "$2" 2>&1 &
  PID=$!
  wait_ready "$2" 180
}

# load <name> <jdbc url for psql>: a wrk run; then every acknowledged write must be in the database.
load() {
  local name=$1 psql_url=$2 acked="$OUT/$1-acked"
  rm -rf "$acked"; mkdir -p "$acked"
  BENCH_KEY=$KEY BENCH_ACKED="$acked" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 15s \
    -s bench/load/mixed.lua "$BASE" | tee "$OUT/$name-wrk.txt"
  cat "$acked"/acked-*.txt 2>/dev/null | sort -u > "$OUT/$name-acked.txt"
  local n found
  n=$(wc -l < "$OUT/$name-acked.txt")
  found=$(psql "$psql_url" -qAt <<SQL
create temp table acked (key text);
\\copy acked from '$OUT/$name-acked.txt'
select count(distinct a.key) from acked a join organisation o on o.key = a.key join organisation_version v on v.id = o.id and v.superseded_at is null;
SQL
)
  echo "acknowledged writes: $n; found in the database: $found" | tee -a "$OUT/$name-wrk.txt"
}

[ "${1:-}" = "--no-build" ] || ./mvnw -B -q -DskipTests package
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations || echo ' (with uncommitted changes)')"
  echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(psql --version)"
  echo "wrk: 2 threads, $CONNECTIONS connections, ${DURATION} s; 80 % reads, 20 % writes (POST /api/v1/organisations)"
} | tee "$OUT/figures.txt"

echo "== 1. steady load on the shared server (database $DB)"
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB"
start "jdbc:postgresql://127.0.0.1:5432/$DB" "$OUT/steady-service.log"
curl -s -o /dev/null "$BASE/api/v1/projects"   # one request to warm the first connections
# The baseline of this run: the same connections on /q/health/live (no database, no JSON body).
wrk -t2 -c"$CONNECTIONS" -d20s --latency "$BASE/q/health/live" > "$OUT/baseline-wrk.txt"
echo "baseline /q/health/live (20 s): $(awk '/Requests\/sec/ { rps = $2 } / 99%/ { p99 = $2 } END { print rps " req/s, p99 " p99 }' "$OUT/baseline-wrk.txt")" \
  | tee "$OUT/baseline.txt"
load steady "postgresql://postgres@127.0.0.1:5432/$DB"
stop

echo "== 2. the same load with the database stopped for 10 s in the middle (throw-away cluster on $OUTAGE_PORT)"
pg_dropcluster --stop "$PGVERSION" "$CLUSTER" 2>/dev/null || true
pg_createcluster "$PGVERSION" "$CLUSTER" -p "$OUTAGE_PORT" --start-conf manual -- --auth=trust > /dev/null
pg_ctlcluster --skip-systemctl-redirect "$PGVERSION" "$CLUSTER" start
psql -h 127.0.0.1 -p "$OUTAGE_PORT" -U postgres -d postgres -qc "create database counterpower"
start "jdbc:postgresql://127.0.0.1:$OUTAGE_PORT/counterpower" "$OUT/outage-service.log"
# A probe: one read every 100 ms, to time the outage as a client sees it.
( while kill -0 "$PID" 2>/dev/null; do
    echo "$(date +%s.%N) $(curl -s -o /dev/null --max-time 10 -w '%{http_code} %{time_total}' "$BASE/api/v1/projects?size=1")"
    sleep 0.1
  done ) > "$OUT/outage-probe.txt" 2>/dev/null &
PROBE=$!
# Stopped at: when the stop begins (sessions end at once); started at: when the server accepts
# connections again. The server stays down 10 s between the end of the stop and the start.
( sleep $((DURATION / 2 - 5))
  date +%s.%N > "$OUT/outage-stopped-at"
  pg_ctlcluster --skip-systemctl-redirect "$PGVERSION" "$CLUSTER" stop -m fast
  sleep 10
  pg_ctlcluster --skip-systemctl-redirect "$PGVERSION" "$CLUSTER" start
  until pg_isready -q -h 127.0.0.1 -p "$OUTAGE_PORT"; do sleep 0.05; done
  date +%s.%N > "$OUT/outage-started-at" ) &
OUTAGE=$!
load outage "postgresql://postgres@127.0.0.1:$OUTAGE_PORT/counterpower"
wait "$OUTAGE"
kill "$PROBE" 2>/dev/null || true
stopped=$(cat "$OUT/outage-stopped-at"); started=$(cat "$OUT/outage-started-at")
awk -v stopped="$stopped" -v started="$started" '
  $1 >= stopped && $2 != 200 && first_bad == "" { first_bad = $1 }
  $1 >= stopped && $2 != 200 && $2 != 503 { other++ }
  $1 >= stopped && $2 == 503 { n503++; if ($3 > slowest) slowest = $3 }
  $1 >= started && $2 == 200 && recovered == "" { recovered = $1 }
  END {
    printf "probe: first non-200 %.1f s after the stop; %d probes got 503 (slowest answer %.2f s), %d got another error\n",
      first_bad - stopped, n503, slowest, other
    printf "recovery: first 200 %.2f s after the database accepted connections again (outage %.1f s)\n",
      recovered - started, started - stopped
  }' "$OUT/outage-probe.txt" | tee -a "$OUT/outage-wrk.txt"
stop
{ cat "$OUT/baseline.txt"; echo "-- steady"; cat "$OUT/steady-wrk.txt"; echo "-- outage"; cat "$OUT/outage-wrk.txt"; } | grep -v '^ ' >> "$OUT/figures.txt"
echo "figures: $OUT/figures.txt"

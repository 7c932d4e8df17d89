#!/usr/bin/env bash
# API read benchmark (issue #8): wrk on loopback against the stored risk ranking, a warm assessment
# and the ranking revalidated with If-None-Match (304), each as a ratio to /q/health/live measured
# in the same run. Dataset: bench/indicators/generate.sql (1,000 projects) with its contributions
# scaled by CONTRIBUTIONS (default 500000, a tenth of the indicator benchmark's 5,000,000, so that
# generation and the first ranking fit on shared cores; the reads measured here do not depend on it).
# Usage: bench/api-reads/run.sh [--no-build]   (from the repository root; writes bench/api-reads/out/)
# KEEP_DB=1 keeps the scratch database (with its stored ranking) at the end; REUSE_DB=1 starts from
# a kept one, skipping generation and the first ranking (the service adopts the stored snapshot).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${BENCH_DB:-counterpower_bench_query}
PORT=${BENCH_PORT:-18085}
CONTRIBUTIONS=${CONTRIBUTIONS:-500000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
KEY=cp_bench_admin_key_not_secret_0123456789
OUT=bench/api-reads/out
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
BASE="http://127.0.0.1:$PORT"
mkdir -p "$OUT"
PID=

command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
. bench/lib.sh
cleanup() { stop; [ -n "${KEEP_DB:-}" ] || "${PSQL[@]}" -d postgres -c "drop database if exists $DB" || true; }
trap cleanup EXIT

start() {
  COUNTERPOWER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" COUNTERPOWER_DATASET_LOAD_ON_START=false \
  COUNTERPOWER_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
    java -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
  PID=$!
  wait_ready "$OUT/service.log"
}

# One wrk run: "rps p99_ms non2xx3xx socket_errors" on stdout, the full report in $OUT/<name>.txt.
bench() {
  local name=$1 url=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" > "$OUT/$name.txt"
  awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); p99 = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); p99 = v } else if (v ~ /s$/) { sub(/s$/, "", v); p99 = v * 1000 } }
    /Non-2xx or 3xx responses:/ { bad = $5 }
    /Socket errors:/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
    END { printf "%s %.2f %d %d\n", rps, p99, bad, errors }' "$OUT/$name.txt"
}

[ "${1:-}" = "--no-build" ] || ./mvnw -B -q -DskipTests package

if [ -z "${REUSE_DB:-}" ]; then
"${PSQL[@]}" -d postgres -c "drop database if exists $DB" -c "create database $DB"
echo "== migrate (start the service once)"; start; stop
echo "== generate ($CONTRIBUTIONS contributions)"
sed "s/generate_series(1, 5000000)/generate_series(1, $CONTRIBUTIONS)/" bench/indicators/generate.sql \
  | /usr/bin/time -f "generation: %e s" "${PSQL[@]}" -d $DB > "$OUT/generate.log" 2> "$OUT/generate.time"
cat "$OUT/generate.time"
fi

echo "== first ranking"
start
started=$(date +%s.%N)
curl -sf -X POST -H "Authorization: Bearer $KEY" "$BASE/api/v1/risk/refresh" > /dev/null
for _ in $(seq 1 3600); do
  body=$(curl -s --max-time 10 "$BASE/api/v1/risk?size=1" || true)
  if echo "$body" | grep -q '"stale":false'; then break; fi
  sleep 1
done
echo "$body" | grep -q '"stale":false' || { echo "the ranking was not computed in an hour" >&2; exit 1; }
first=$(echo "$(date +%s.%N) $started" | awk '{ printf "%.1f", $1 - $2 }')
RISK="$BASE/api/v1/risk?size=50"
ASSESS="$BASE/api/v1/projects/bench-1/assessment"
curl -sf "$ASSESS" > /dev/null   # the first (cold) assessment fills the cache; the benchmark reads it warm
ETAG=$(curl -s -D - -o /dev/null "$RISK" | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }')
for url in "$BASE/q/health/live" "$RISK" "$ASSESS"; do wrk -t1 -c4 -d3s "$url" > /dev/null; done   # JIT warm-up

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations || echo ' (with uncommitted changes)')"
  echo "machine: nproc $(nproc), load before $(cut -d' ' -f1 /proc/loadavg), $(java -version 2>&1 | head -1), $(psql --version)"
  echo "dataset: $("${PSQL[@]}" -d $DB -Atc "select (select count(*) from project) || ' projects, ' || (select count(*) from contribution) || ' contributions'")"
  echo "ranking ready (from POST /risk/refresh to a fresh GET; REUSE_DB=${REUSE_DB:-} adopts the stored one): $first s; $(grep -o 'Risk ranking refreshed.*' "$OUT/service.log" | tail -1)"
  echo "wrk: 2 threads, $CONNECTIONS connections, $DURATION each, loopback"
  echo "endpoint rps p99_ms non2xx3xx socket_errors"
  base1=$(bench live "$BASE/q/health/live"); echo "/q/health/live $base1"
  risk=$(bench risk "$RISK"); echo "/api/v1/risk?size=50 $risk"
  assess=$(bench assessment "$ASSESS"); echo "assessment(bench-1, warm) $assess"
  revalidate=$(bench risk304 "$RISK" -H "If-None-Match: $ETAG"); echo "/api/v1/risk?size=50 If-None-Match (304) $revalidate"
  base2=$(bench live2 "$BASE/q/health/live"); echo "/q/health/live (again) $base2"
  base=$(echo "$base1 $base2" | awk '{ print ($1 + $5) / 2 }')
  for line in "risk $risk" "assessment $assess" "risk-304 $revalidate"; do
    set -- $line
    echo "$1: $(echo "$2 $base" | awk '{ printf "%.2f", $1 / $2 }')x the baseline's throughput (mean of the two baseline runs, $base rps), p99 $3 ms, errors $4 non-2xx/3xx + $5 socket"
  done
} | tee "$OUT/figures.txt"
stop

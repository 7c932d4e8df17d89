#!/usr/bin/env bash
# Read throughput of one instance against two instances plus a streaming read replica, on the same
# machine, under bench/load's mixed workload (issue #24). One command, rerunnable:
#   bench/replicas/run.sh [--no-build]      (from the repository root; writes bench/replicas/out/)
# A throw-away primary (initdb, port 55471) and its replica (pg_basebackup -R, port 55472) are made
# in a temporary directory and removed at the end; the shared server on 5432 is not used.
#  1. one instance on the primary, no replica: wrk, 2 threads, BENCH_CONNECTIONS connections;
#  2. two instances on the primary, both with the replica as read datasource: one wrk per instance
#     at the same time, each with half the threads and connections; their requests are added up.
# The mix is bench/load/mixed.lua with BENCH_PUBLIC_READS=1: 20 % writes, 40 % lists and records
# (primary), 40 % lag-tolerant public reads (risk ranking, assessments: the replica's).
# Needs: wrk, curl, PostgreSQL's server programs (/usr/lib/postgresql/<version>/bin).
set -euo pipefail
cd "$(dirname "$0")/../.."
P1=${BENCH_PORT:-18091}
P2=$((P1 + 1))
PG_PRIMARY=${BENCH_PRIMARY_PORT:-55471}
PG_REPLICA=${BENCH_REPLICA_PORT:-55472}
KEY=cp_bench_admin_key_not_secret_0123456789
OUT=bench/replicas/out
DURATION=${BENCH_DURATION:-30}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
APP=${BENCH_APP:-target/quarkus-app}
mkdir -p "$OUT"
ROOT=$(mktemp -d /tmp/counterpower-bench-replica.XXXXXX)
PIDS=()
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  as_pg "$BIN/pg_ctl" -D "$ROOT/replica" stop -m immediate > /dev/null 2>&1 || true
  as_pg "$BIN/pg_ctl" -D "$ROOT/primary" stop -m immediate > /dev/null 2>&1 || true
  rm -rf "$ROOT"
}
trap cleanup EXIT

pg_start() { # <data dir> <port>
  as_pg "$BIN/pg_ctl" -D "$1" -l "$1.log" -w -t 60 -o "-p $2 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$ROOT -c fsync=off -c max_connections=100" start > /dev/null
}

# instance <port> <log> [replica url]: the packaged service on loopback, returns once ready.
instance() {
  local port=$1 log=$2 replica=${3:-}
  COUNTERPOWER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PRIMARY/counterpower" COUNTERPOWER_DB_REPLICA_URL="$replica" \
  COUNTERPOWER_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 COUNTERPOWER_JOBS_WORKERS=0 \
  COUNTERPOWER_DATASET_SNAPSHOT_ON_START=false \
    java -Xmx512m -jar "$APP/quarkus-run.jar" > "$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    curl -sf --max-time 2 "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "service on $port did not start" >&2; tail -30 "$log" >&2; exit 1
}
stop_instances() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; PIDS=(); }

# mixed <port> <threads> <connections> <out>: one wrk run of the mixed workload.
mixed() {
  local acked="$OUT/acked-$1"; rm -rf "$acked"; mkdir -p "$acked"
  BENCH_KEY=$KEY BENCH_ACKED="$acked" BENCH_PUBLIC_READS=1 wrk -t"$2" -c"$3" -d"${DURATION}s" --timeout 15s \
    -s bench/load/mixed.lua "http://127.0.0.1:$1" > "$4"
}
rate() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }

[ "${1:-}" = "--no-build" ] || ./mvnw -B -q -DskipTests package
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then chown postgres "$ROOT"; fi
as_pg "$BIN/initdb" -D "$ROOT/primary" -U postgres --auth=trust --no-sync -E UTF8 --locale=C > /dev/null
pg_start "$ROOT/primary" "$PG_PRIMARY"
psql -h 127.0.0.1 -p "$PG_PRIMARY" -U postgres -qc "create database counterpower"
as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY" -U postgres -D "$ROOT/replica" -R -X stream --no-sync
pg_start "$ROOT/replica" "$PG_REPLICA"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations || echo ' (with uncommitted changes)'); service: $APP"
  echo "machine: nproc $(nproc), load average at start $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $("$BIN/postgres" --version)"
  echo "wrk: $CONNECTIONS connections in all, ${DURATION} s each run; 20 % writes, 40 % lists/records, 40 % ranking/assessments"
} | tee "$OUT/figures.txt"

echo "== 1. one instance, no replica"
instance "$P1" "$OUT/one-instance.log"
curl -s -o /dev/null "http://127.0.0.1:$P1/api/v1/risk"   # the first ranking is computed on start
mixed "$P1" 2 "$CONNECTIONS" "$OUT/one.txt"
one=$(rate "$OUT/one.txt")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/one.txt"
stop_instances

echo "== 2. two instances, both reading lag-tolerant answers from the replica"
REPLICA_URL="jdbc:postgresql://127.0.0.1:$PG_REPLICA/counterpower"
instance "$P1" "$OUT/two-a.log" "$REPLICA_URL"
instance "$P2" "$OUT/two-b.log" "$REPLICA_URL"
mixed "$P1" 1 $((CONNECTIONS / 2)) "$OUT/two-a.txt" &
A=$!
mixed "$P2" 1 $((CONNECTIONS / 2)) "$OUT/two-b.txt"
wait "$A"
two=$(awk -v a="$(rate "$OUT/two-a.txt")" -v b="$(rate "$OUT/two-b.txt")" 'BEGIN { print a + b }')
replica_sessions=$(psql -h 127.0.0.1 -p "$PG_REPLICA" -U postgres -d counterpower -Atc \
  "select count(*) from pg_stat_activity where application_name = 'counterpower-replica-reads'")
stop_instances
{
  echo "-- one instance"; cat "$OUT/one.txt"
  echo "-- two instances + replica (instance a, instance b)"; cat "$OUT/two-a.txt" "$OUT/two-b.txt"
  echo "replica sessions at the end of run 2: $replica_sessions"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  awk -v one="$one" -v two="$two" 'BEGIN { printf "throughput: one instance %.0f req/s; two instances + replica %.0f req/s; ratio %.2f\n", one, two, two / one }'
} | tee -a "$OUT/figures.txt"

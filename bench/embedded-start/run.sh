#!/usr/bin/env bash
# First start on the embedded database (issue #20): the README's start command with no datasource and
# an empty home directory, from `java -jar` until (1) /q/health/ready answers (the default dataset is
# loaded before that: it runs on the start path) and (2) /api/v1/risk answers 200 with items (the first
# ranking is computed in the background after start). Baseline in the same run: the same first start
# against the installed server on a new, empty database. Then a restart of each (data kept).
# Usage: bench/embedded-start/run.sh [--no-build] [runs]   (defaults: build the jar, 2 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh

build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
runs=${1:-2}
PORT=${BENCH_PORT:-18020}
BASE="http://127.0.0.1:$PORT"
DB=${BENCH_DB:-counterpower_bench_embedded}
PID=
APP=${BENCH_APP:-target/quarkus-app}   # another build, e.g. a copy while the worktree builds
work=$(mktemp -d)
trap 'stop; rm -rf "$work"; psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" >/dev/null 2>&1 || true' EXIT

[ "$build" = 1 ] && ./mvnw -B -q -DskipTests package

now_ms() { date +%s%3N; }

# run <label> <home> [VAR=value...]: prints "<ready s> <risk s>" measured from the launch.
run() {
  local label=$1 home=$2; shift 2
  local log="$work/$label.log" t0 ready served
  t0=$(now_ms)
  env -u COUNTERPOWER_DB_URL HOME="$home" QUARKUS_HTTP_PORT="$PORT" COUNTERPOWER_ADMIN_KEY=cp_bench_admin_key_0123456789 \
      "$@" java -jar "$APP/quarkus-run.jar" >"$log" 2>&1 &
  PID=$!
  wait_ready "$log" 300
  ready=$(( $(now_ms) - t0 ))
  until [ "$(curl -s -o "$work/risk.json" -w '%{http_code}' "$BASE/api/v1/risk?size=5")" = 200 ]; do sleep 0.2; done
  grep -q '"items":\[{' "$work/risk.json" || { echo "no ranking items" >&2; exit 1; }
  served=$(( $(now_ms) - t0 ))
  stop
  awk -v r="$ready" -v s="$served" 'BEGIN { printf "%.1f %.1f", r / 1000, s / 1000 }'
}

echo "commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, jar lib/ $(du -sh "$APP/lib" | cut -f1)"
printf '| run | load before | embedded first start: ready / ranking | server first start: ready / ranking | ratio (ready) | embedded restart: ready | server restart: ready |\n'
printf '|---|---|---|---|---|---|---|\n'
for i in $(seq 1 "$runs"); do
  home="$work/home$i"; mkdir -p "$home"
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r e_ready e_risk <<<"$(run "embedded$i" "$home")"
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" >/dev/null 2>&1
  read -r s_ready s_risk <<<"$(run "server$i" "$home" COUNTERPOWER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB")"
  read -r e2_ready _ <<<"$(run "embedded$i-again" "$home")"
  read -r s2_ready _ <<<"$(run "server$i-again" "$home" COUNTERPOWER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB")"
  ratio=$(awk -v e="$e_ready" -v s="$s_ready" 'BEGIN { printf "%.2f", e / s }')
  printf '| %s | %s | %s s / %s s | %s s / %s s | %s | %s s | %s s |\n' "$i" "$load" "$e_ready" "$e_risk" "$s_ready" "$s_risk" "$ratio" "$e2_ready" "$s2_ready"
  rm -rf "$home"
done

#!/usr/bin/env bash
# The measured costs behind docs/scaling.md's projection, on the default dataset (issue #24):
# storage per project and per contribution, the first start with the default snapshot, and the
# cold and warm assessment of the collected projects. One command, rerunnable:
#   bench/scaling/measure.sh [--no-build]   (from the repository root; writes bench/scaling/out/)
# Uses a scratch database counterpower_bench_scaling on the shared server (dropped at the end).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${BENCH_PORT:-18095}
DB=counterpower_bench_scaling
KEY=cp_bench_admin_key_not_secret_0123456789
OUT=bench/scaling/out
BASE="http://127.0.0.1:$PORT"
APP=${BENCH_APP:-target/quarkus-app}
PSQL="psql -h 127.0.0.1 -U postgres -d $DB -At"
mkdir -p "$OUT"
PID=
. bench/lib.sh
cleanup() { stop; psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" || true; }
trap cleanup EXIT

[ "${1:-}" = "--no-build" ] || ./mvnw -B -q -DskipTests package
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)"
  echo "machine: nproc $(nproc), load average at start $(cut -d' ' -f1-3 /proc/loadavg), $(psql --version)"
} | tee "$OUT/figures.txt"
started=$(date +%s.%N)
COUNTERPOWER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" COUNTERPOWER_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$PORT \
QUARKUS_HTTP_HOST=127.0.0.1 COUNTERPOWER_JOBS_WORKERS=0 COUNTERPOWER_DATASET_SNAPSHOT_ON_START=true \
COUNTERPOWER_RISK_REFRESH_ON_START=false \
  java -Xmx768m -jar "$APP/quarkus-run.jar" > "$OUT/service.log" 2>&1 &
PID=$!
wait_ready "$OUT/service.log" 1800
echo "first start with the default snapshot, to ready: $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f s", e - s }')" | tee -a "$OUT/figures.txt"
grep -o 'Snapshot[^"]*loaded[^"]*' "$OUT/service.log" | head -3 >> "$OUT/figures.txt" || true
$PSQL -c "vacuum analyze" > /dev/null
{
  echo "-- storage (pg_total_relation_size: heap, indexes, TOAST)"
  $PSQL -F ' ' -c "select 'database', pg_size_pretty(pg_database_size(current_database()))"
  $PSQL -F ' ' <<'SQL'
with p as (select count(distinct project_id) n from contribution),
     c as (select count(*) n from contribution),
     per as (select c.relname, pg_total_relation_size(c.oid) bytes from pg_class c
             where c.relnamespace = 'public'::regnamespace and c.relkind = 'r')
select 'projects with contributions', (select n from p) union all
select 'contributions', (select n from c) union all
select 'contribution + attribution bytes', (select sum(bytes) from per where relname in ('contribution', 'contribution_attribution')) union all
select 'bytes per contribution (contribution + attribution)', round((select sum(bytes) from per where relname in ('contribution', 'contribution_attribution')) / (select n from c)) union all
select 'all per-project tables bytes', (select sum(bytes) from per where relname in ('adopter','benchmark_result','collection_cursor','contribution','contribution_attribution','derivative','download_count','governance_body','governance_event','governance_seat','license_period','license_period_level','openness_component','project_repository','project_steward','repository_collected_through','risk_snapshot_row')) union all
select 'shared tables bytes (identities, contributors, organisations, ...)', (select sum(bytes) from per where relname in ('identity','identity_link','contributor','contributor_version','affiliation','organisation','organisation_version','project','project_version','license','license_fingerprint'));
SQL
  echo "-- largest tables"
  $PSQL -F ' ' -c "select relname, pg_size_pretty(pg_total_relation_size(oid)) from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by pg_total_relation_size(oid) desc limit 8"
} | tee -a "$OUT/figures.txt"
echo "-- assessments (P12M, today): cold = first request, warm = median of 20 more" | tee -a "$OUT/figures.txt"
for slug in $($PSQL -c "select p.slug from project p join contribution c on c.project_id = p.id group by p.slug order by count(*) desc limit 5"); do
  n=$($PSQL -c "select count(*) from contribution c join project p on p.id = c.project_id where p.slug = '$slug'")
  cold=$(curl -s -o /dev/null -w '%{time_total}' "$BASE/api/v1/projects/$slug/assessment")
  warm=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' "$BASE/api/v1/projects/$slug/assessment"; done | sort -n | sed -n 10p)
  echo "$slug ($n contributions): cold ${cold} s, warm median ${warm} s" | tee -a "$OUT/figures.txt"
done
echo "-- the risk ranking of every project, one refresh (from the service's log)" | tee -a "$OUT/figures.txt"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $KEY" "$BASE/api/v1/risk/refresh"
for _ in $(seq 1 600); do grep -q 'Risk ranking refreshed' "$OUT/service.log" && break; sleep 1; done
grep -o 'Risk ranking refreshed.*' "$OUT/service.log" | head -1 | tee -a "$OUT/figures.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/figures.txt"

#!/usr/bin/env bash
# Builds the default dataset snapshot (src/main/resources/dataset/default-snapshot.jsonl.gz): the
# reference dataset plus the git histories of the default projects, collected by the service itself
# from local mirrors of their public repositories, exported as a snapshot (GET /api/v1/snapshots).
#
#   MIRRORS=/work/.mirror ops/default-snapshot/build.sh
#
# MIRRORS holds one bare repository per project as <owner>+<name>/repo (the layout the session's
# fetch tool makes; `git clone --mirror https://github.com/<owner>/<name> <owner>+<name>/repo` makes
# the same). A project whose mirror is missing is listed as not collected, never guessed. Needs the
# packaged service (./mvnw -B -DskipTests package), curl, jq, psql and a PostgreSQL server; the
# service runs on its own database and port and is stopped at the end. The total time is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
MIRRORS=${MIRRORS:-/work/.mirror}
PORT=${PORT:-18021}
DB=${DB:-counterpower_default_snapshot}
KEY=cp_default_snapshot_build_key_$(date +%s)
OUT=src/main/resources/dataset/default-snapshot.jsonl.gz
CP=http://127.0.0.1:$PORT
start=$(date +%s)

psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB" -c "create database $DB"
COUNTERPOWER_ADMIN_KEY=$KEY COUNTERPOWER_JOBS_WORKERS=1 java -Xmx1g -Dquarkus.http.port=$PORT \
  -Dcounterpower.db.url=jdbc:postgresql://127.0.0.1:5432/$DB -Dcounterpower.dataset.snapshot-on-start=false \
  -Dcounterpower.risk.refresh-on-start=false -jar target/quarkus-app/quarkus-run.jar > /tmp/default-snapshot-service.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "$CP/q/health/ready" > /dev/null; do sleep 2; done

collected=() missing=()
while IFS=$'\t' read -r project url; do
  slug=${url#https://github.com/}
  repo="$MIRRORS/${slug/\//+}/repo"
  if [[ $url != https://github.com/* || ! -d $repo ]]; then missing+=("$project $url"); continue; fi
  job=$(curl -sf -X POST "$CP/api/v1/projects/$project/collections" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "{\"source\": \"git\", \"url\": \"file://$repo\"}" | jq -r .id)
  until state=$(curl -sf "$CP/api/v1/jobs/$job" | jq -r .state) && [[ $state == succeeded || $state == failed ]]; do sleep 3; done
  echo "$project: $state ($(curl -sf "$CP/api/v1/jobs/$job" | jq -c '.stats.commitsRead'))"
  # The mirror stands for the public repository: facts name the public URL, not this machine's path.
  psql -q -h 127.0.0.1 -U postgres -d $DB -v ON_ERROR_STOP=1 <<SQL
update contribution set repository_url = '$url', source_url = replace(source_url, 'file://$repo', '$url') where repository_url = 'file://$repo';
update license_period set source_url = replace(source_url, 'file://$repo', '$url'), evidence_ref = replace(evidence_ref, 'file://$repo', '$url') where source_url like 'file://$repo%' or evidence_ref like 'file://$repo%';
update governance_event set source_url = replace(source_url, 'file://$repo', '$url'), evidence_ref = replace(evidence_ref, 'file://$repo', '$url') where source_url like 'file://$repo%' or evidence_ref like 'file://$repo%';
update governance_seat set source_url = replace(source_url, 'file://$repo', '$url'), evidence_ref = replace(evidence_ref, 'file://$repo', '$url') where source_url like 'file://$repo%' or evidence_ref like 'file://$repo%';
update governance_body set source_url = replace(source_url, 'file://$repo', '$url') where source_url like 'file://$repo%';
update identity_link set source_url = replace(source_url, 'file://$repo', '$url') where source_url like 'file://$repo%';
update affiliation set source_url = replace(source_url, 'file://$repo', '$url') where source_url like 'file://$repo%';
update contributor_version set source_url = replace(source_url, 'file://$repo', '$url') where source_url like 'file://$repo%';
SQL
  collected+=("$project")
done < <(jq -r '.projects[] | [.key, .repository] | @tsv' src/main/resources/dataset/reference.json)

printf 'not collected: %s\n' "${missing[@]}"
curl -sf "$CP/api/v1/snapshots" -o "$OUT"
echo "collected ${#collected[@]} projects; $OUT is $(du -h "$OUT" | cut -f1); total $(( $(date +%s) - start )) s"

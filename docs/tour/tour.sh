#!/usr/bin/env bash
# The README's five-minute tour, run as written: bash docs/tour/tour.sh [base URL] [admin key]
# (or CP and KEY in the environment). Every id comes from what the tour created; any step whose
# answer is not the one expected stops the tour with an error.
set -euo pipefail
CP=${1:-${CP:-http://localhost:8080}}
KEY=${2:-${KEY:?the admin key: bash docs/tour/tour.sh URL KEY, or export KEY=...}}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# get PATH [curl options]: a public read; a 4xx or 5xx answer fails the tour.
get() { curl -sS --fail-with-body "$CP$1" "${@:2}"; echo; }
# send METHOD PATH JSON [curl options]: a write with the key.
send() {
  curl -sS --fail-with-body -X "$1" "$CP$2" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "$3" "${@:4}"
}
# The first "id" of a JSON answer (a created record's own id comes first).
id_of() { grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2; }
# expect TEXT: the answer on stdin contains TEXT, or the tour stops.
expect() { local body; body=$(cat); echo "$body"; grep -qF -- "$1" <<<"$body" || { echo "expected $1" >&2; exit 1; }; }

# Reads are public.
get "/api/v1/projects?kind=model&origin=corporate&sort=name&size=5"
get "/api/v1/projects/pytorch" | expect '"steward":"pytorch-foundation"'   # steward periods follow the foundation transfer
get "/api/v1/organisations/hashicorp" | expect '"parent":"ibm"'             # parent ibm from 2025-02-27 (the acquisition)
get "/api/v1/organisations?domain=meta.com" | expect '"key":"meta"'

# Writes need a key. Every fact carries a source a person can check, and a confidence; a verified
# fact also carries its quote, the sentence of the source that states it (400 without).
send POST /api/v1/organisations '{
  "key": "eleuther-friends", "name": "Friends of EleutherAI", "type": "community",
  "domains": ["friends.example"],
  "source": {"url": "https://example.org/about", "quote": "Friends of EleutherAI is a community group.", "confidence": "verified"}
}' | expect '"key":"eleuther-friends"'

# An edit records a new version; the old one stays readable "as recorded on" a moment before it.
before=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
send PUT /api/v1/organisations/eleuther-friends '{
  "name": "Friends of EleutherAI e.V.", "type": "nonprofit", "domains": ["friends.example"],
  "source": {"url": "https://example.org/register", "quote": "Friends of EleutherAI e.V. is registered as an association.", "confidence": "verified"},
  "reason": "registered as an association"
}' | expect '"type":"nonprofit"'
get "/api/v1/organisations/eleuther-friends?asRecordedOn=$before" | expect '"type":"community"'   # the old name and type
get "/api/v1/organisations/eleuther-friends/history"

# People, identities and affiliations (unknown is never the same as independent).
ada=$(send POST /api/v1/contributors '{
  "displayName": "Ada", "identities": [{"name": "Ada L", "email": "ada@meta.com"}],
  "source": {"url": "https://github.com/ada", "quote": "Ada L <ada@meta.com>", "confidence": "verified"}
}' | id_of)
affiliation=$(send POST /api/v1/affiliations '{
  "contributor": '"$ada"', "organisation": "meta", "from": "2021-03-01",
  "source": {"url": "https://example.org/ada-cv", "confidence": "reported"}
}' | id_of)
# The same person under another address, recorded apart.
ada2=$(send POST /api/v1/contributors '{
  "displayName": "Ada L", "identities": [{"name": "Ada L", "email": "ada.l@friends.example"}],
  "source": {"url": "https://github.com/ada-l", "confidence": "reported"}
}' | id_of)

# Who may be one person, and merging them (an undo restores the state before the merge exactly).
get "/api/v1/contributors/merge-candidates"
send POST /api/v1/contributor-merges '{"into": '"$ada"', "from": '"$ada2"', "reason": "same person"}'; echo

# Disputes: anyone with a key flags a wrong affiliation; a curator upholds (and corrects) or rejects it.
send POST /api/v1/affiliation-disputes '{"affiliation": '"$affiliation"', "reason": "she left Meta in 2022, says her blog"}' \
  | expect '"state":"open"'

# Enrolments from the files the field keeps (one transaction, line-numbered errors, idempotent).
curl -sS --fail-with-body -X POST "$CP/api/v1/affiliations/import?format=gitdm&sourceUrl=https://github.com/cncf/gitdm" \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: text/plain' --data-binary @"$HERE/developers_affiliations1.txt" \
  | expect '"people":2'
get "/api/v1/affiliations/export" -o "$WORK/affiliations.csv"        # re-imported with format=csv, it changes nothing
curl -sS --fail-with-body -X POST "$CP/api/v1/affiliations/import?format=csv" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: text/csv' --data-binary @"$WORK/affiliations.csv" | expect '"created":0'

# A move to a new employer ends the running period the day before (instead of a 409).
send 'POST' '/api/v1/affiliations?previous=close' '{"contributor": '"$ada"', "organisation": "mistral", "from": "2024-02-01",
  "source": {"url": "https://example.org/news", "confidence": "reported"}}' | expect '"organisation":"mistral"'
get "/api/v1/contributors/$ada/affiliations" | expect '"to":"2024-01-31"'

# The compost heap (methodology 2, section 7): who builds on Llama, with the Hub pages each figure rests on.
get "/api/v1/projects/llama/indicators?names=derivative_publishers,independent_derivative_share" \
  | expect '"name":"derivative_publishers","value":2'   # TheBloke and teleprint-me; their kind unknown, so the share is null
# The assessment carries them too, in its compost part, each with coverage, n, methodology version and sources.
get "/api/v1/projects/llama/assessment" | expect '"derivative_publishers":{"name":"derivative_publishers","value":2'

# Keys: an admin creates curator and steward keys; the secret is shown once.
send POST /api/v1/api-keys '{"name": "PyTorch Foundation", "scopes": ["steward:pytorch-foundation"]}' | expect '"key":"'

# HTTP caching: send back the ETag of a read, and it is 304 while nothing changed.
etag=$(curl -sS --fail-with-body -D - -o /dev/null "$CP/api/v1/projects/pytorch/assessment" | tr -d '\r' \
  | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
curl -sS -o /dev/null -w '%{http_code}\n' -H "If-None-Match: $etag" "$CP/api/v1/projects/pytorch/assessment" | expect 304

# A fork beside its upstream (methodology 2): OpenTofu and Terraform since the fork point (the last commit they share),
# with Terraform's relicense and the fork marked; a side not collected reads "not_collected", never 0.
get "/api/v1/projects/opentofu/fork?step=quarter" | expect '"upstream":"terraform"'
get "/api/v1/projects/opentofu/charts/fork.svg?step=quarter" -o "$WORK/opentofu-beside-terraform.svg"
# Valkey's fork is read in its own README at a commit (verified, the sentence kept): 2 days after Redis's relicense.
get "/api/v1/projects/valkey/indicators?names=fork_response_days" | expect '"name":"fork_response_days","value":2,'
get "/api/v1/governance-events?project=valkey&kind=fork" | expect '"quote":"This project was forked from the open source Redis'

#!/usr/bin/env bash
# Writes enrolment imports of ROWS rows for the enrolment import benchmark (issue #7).
#
#   generate.sh csv   ROWS FIRST_CONTRIBUTOR ORGANISATIONS > file.csv
#   generate.sh gitdm ROWS TAG ORGANISATIONS > file.txt
#
# csv: the format of GET /api/v1/affiliations/export, two consecutive periods for each of ROWS/2
# recorded contributors (ids FIRST_CONTRIBUTOR onwards), at the organisations bench-org-1 ..
# bench-org-ORGANISATIONS (keys), as an export of a curated dataset would have them.
# gitdm: ROWS/2 people (emails made unique by TAG) with two companies each, named like the
# organisations ("Bench Org N"), so that they are matched by name; one company in fifty is a name
# the service does not know, so that the import creates organisations too.
set -euo pipefail
format=$1 rows=$2 arg=$3 orgs=$4
case "$format" in
  csv)
    awk -v rows="$rows" -v first="$arg" -v orgs="$orgs" 'BEGIN {
      print "contributor,name,emails,organisation,independent,from,to,role,source.kind,source.url,source.note,source.confidence"
      for (i = 0; i < rows / 2; i++) {
        c = first + i
        a = 1 + (i % orgs); b = 1 + ((i * 7 + 3) % orgs)
        printf "%d,,,bench-org-%d,false,2015-01-01,2018-12-31,,import,https://example.org/affiliations.csv,,reported\n", c, a
        printf "%d,,,bench-org-%d,false,2019-01-01,,maintainer,import,https://example.org/affiliations.csv,,reported\n", c, b
      }
    }'
    ;;
  gitdm)
    awk -v rows="$rows" -v tag="$arg" -v orgs="$orgs" 'BEGIN {
      print "# developers_affiliations.txt written for the enrolment import benchmark"
      for (i = 0; i < rows / 2; i++) {
        a = 1 + (i % orgs); b = 1 + ((i * 7 + 3) % orgs)
        printf "Person %d %s: person%d!%s.example, p%d.%s!mail.example\n", i, tag, i, tag, i, tag
        printf "\tBench Org %d until 2019-01-01\n", a
        if (i % 50 == 0) printf "\tUnknown Company %d %s\n", i, tag; else printf "\tBench Org %d\n", b
      }
    }'
    ;;
  *) echo "usage: generate.sh csv|gitdm ROWS ARG ORGANISATIONS" >&2; exit 2 ;;
esac

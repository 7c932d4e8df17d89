#!/usr/bin/env bash
# Generates the synthetic repository of the git-ingest benchmark with git fast-import, then packs
# it with git gc, as a real clone is packed:
#   generate-repo.sh <directory> [commits] [authors]
# 100,000 commits by 2,000 authors by default. Authors are spread over five company domains, a
# subdomain, public mail providers and GitHub noreply addresses; a few are bots. Every 500th commit
# is a merge of a side branch, and the LICENSE changes twice, so that every writer has work.
# Deterministic: the same arguments give the same commits (fixed seed, fixed dates).
set -euo pipefail

dir=${1:?usage: generate-repo.sh <directory> [commits] [authors]}
commits=${2:-100000}
authors=${3:-2000}

rm -rf "$dir"
git init -q --bare "$dir"
git -C "$dir" symbolic-ref HEAD refs/heads/main

awk -v commits="$commits" -v authors="$authors" '
function data(text) { printf "data %d\n%s\n", length(text), text }
function who(i,   d) {
    d = i % 10
    if (i % 97 == 0) return sprintf("builder%d[bot] <%d+builder%d[bot]@users.noreply.github.com>", i, 40000 + i, i)
    if (d <= 4) return sprintf("Author %d <author%d@%s>", i, i, domain[d])
    if (d == 5) return sprintf("Author %d <author%d@research.alpha.example>", i, i)
    if (d <= 7) return sprintf("Author %d <author%d@%s>", i, i, (d == 6 ? "gmail.com" : "proton.me"))
    return sprintf("Author %d <%d+author%d@users.noreply.github.com>", i, 10000 + i, i)
}
BEGIN {
    srand(42)
    domain[0] = "alpha.example"; domain[1] = "beta.example"; domain[2] = "gamma.example"
    domain[3] = "delta.example"; domain[4] = "epsilon.example"
    mit = "MIT License\n\nCopyright (c) 2015 Bench\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software.\n"
    other = "Bench Non-Commercial License\n\nYou may not use this software for commercial purposes.\n"
    t = 1420070400          # 2015-01-01T00:00:00Z
    mark = 0
    for (c = 1; c <= commits; c++) {
        # A few authors write most commits, as in real projects.
        a = int(authors * (rand() ^ 3)) + 1
        ident = who(a)
        t += 1800 + int(rand() * 3600)
        mark++
        if (c % 500 == 0 && c < commits) {
            # A side commit, then its merge into main through the web UI.
            print "commit refs/heads/side"
            printf "mark :%d\n", mark
            printf "author %s %d +0000\ncommitter %s %d +0000\n", ident, t - 600, ident, t - 600
            data("Side change " c)
            printf "from :%d\n", mark - 1
            printf "M 644 inline side/s%d.txt\n", c % 50
            data("side " c)
            print ""
            mark++
            c++             # the side commit counts: the history has exactly `commits` commits
            print "commit refs/heads/main"
            printf "mark :%d\n", mark
            printf "author %s %d +0000\ncommitter GitHub <noreply@github.com> %d +0000\n", who(int(rand() * authors) + 1), t, t
            data("Merge pull request #" c)
            printf "from :%d\nmerge :%d\n\n", mark - 2, mark - 1
            continue
        }
        print "commit refs/heads/main"
        printf "mark :%d\n", mark
        printf "author %s %d +0200\ncommitter %s %d +0200\n", ident, t, ident, t
        if (c % 41 == 0) {
            data(sprintf("Change %d\n\nCo-authored-by: Author %d <author%d@beta.example>", c, a + 1, a + 1))
        } else {
            data("Change " c)
        }
        if (mark > 1) printf "from :%d\n", mark - 1
        printf "M 644 inline src/f%d.txt\n", c % 997
        data("content " c " " rand())
        if (c == 1) { print "M 644 inline LICENSE"; data(mit) }
        if (c == int(commits / 2) + 3) { print "M 644 inline LICENSE"; data(other) }
        if (c == int(commits * 3 / 4) + 3) { print "M 644 inline LICENSE"; data(mit) }
        if (c == 10) { print "M 644 inline CODEOWNERS"; data("* @author1 @author2\n") }
        print ""
    }
}' | git -C "$dir" fast-import --quiet
git -C "$dir" branch -D side >/dev/null 2>&1 || true
git -C "$dir" gc --quiet
echo "generated $(git -C "$dir" rev-list --count main) commits in $dir"

#!/usr/bin/env python3
"""EXPLAIN (ANALYZE) of two texts of a v2 indicator statement, alternated in the same minutes, on a
scratch database (DB, default cp_attr_bench) generated with bench/indicators/generate.sql: the rows of
both are compared first, then each run's execution time, the ratio of medians and the median of the
per-pair ratios are printed. A text with a step parameter (:day, :lo_day, :lo24, :top_org) is wrapped
as FactIndicators.lateral wraps it; `\ir` includes are resolved relative to the file.
usage: bench/indicators/forms.py <rounds> <steps: 1 or N month ends back from 2025-12> name:old.sql:new.sql ..."""
import json, os, re, subprocess, sys, datetime
DB = os.environ.get("DB", "cp_attr_bench")
V2 = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src/main/resources/methodology/v2/")

def resolve(path):
    out = []
    for line in open(path).read().splitlines():
        m = re.match(r"^\\ir ([a-z0-9-]+)\.sql$", line)
        out.append(resolve(os.path.join(os.path.dirname(path) or V2, m.group(1) + ".sql")) if m else line)
    return "\n".join(out)

STEPS_CTE = """steps as (
    select s.i, s.day, s.lo_day, s.lo24, s.top_org,
           (cast(s.lo_day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as lo,
           (cast(s.day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as hi
    from unnest(cast(cast(:days as text) as date[]), cast(cast(:lo_days as text) as date[]),
                cast(cast(:lo24s as text) as date[]), cast(cast(:top_orgs as text) as text[]))
         with ordinality as s(day, lo_day, lo24, top_org, i)
)"""

def month_ends(n):
    days = []
    y, m = 2025, 12
    for _ in range(n):
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        days.append(nxt - datetime.timedelta(days=1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return sorted(days)

def minus_months(d, k):
    y, m = d.year, d.month - k
    while m <= 0:
        m += 12; y -= 1
    import calendar
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))

def statement(path, steps):
    sql = resolve(path)
    days = month_ends(steps) if steps > 1 else [datetime.date(2025, 6, 30)]
    arr = lambda xs: "'{" + ",".join(str(x) for x in xs) + "}'"
    if ":days" not in sql:
        inner = sql.replace(":lo_day", "step_.lo_day").replace(":lo24", "step_.lo24").replace(":day", "step_.day").replace(":top_org", "step_.top_org")
        sql = "with " + STEPS_CTE + "\nselect x.* from steps step_ cross join lateral (\n" + inner + "\n) x order by step_.i"
    sql = (sql.replace(":days", arr(days)).replace(":lo_days", arr([minus_months(d, 12) for d in days]))
              .replace(":lo24s", arr([minus_months(d, 24) for d in days])).replace(":top_orgs", arr(["org-1"] * len(days)))
              .replace(":project", "1").replace(":asof", "now()").replace(":kinds", "'commit'"))
    # drop leading comment lines (psql handles them, but keep it compact)
    return sql

def run(sql, analyze=True):
    q = "set jit = off; set work_mem = '64MB'; explain (analyze, format json) " + sql if analyze else sql
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DB, "-Atq", "-c", q], capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr)
    return out.stdout

def rows(sql):
    return run("set jit = off; " + sql, analyze=False)

rounds, steps = int(sys.argv[1]), int(sys.argv[2])
for spec in sys.argv[3:]:
    name, old, new = spec.split(":")
    a, b = statement(old, steps), statement(new, steps)
    ra, rb = rows(a), rows(b)
    same = ra == rb
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(json.loads(run(a))[0]["Execution Time"])
        tb.append(json.loads(run(b))[0]["Execution Time"])
    med = lambda xs: sorted(xs)[len(xs) // 2]
    ratios = sorted(y / x for x, y in zip(ta, tb))
    print(f"{name} steps={steps} same_rows={same} ({len(ra.splitlines())} rows) base={[round(x) for x in ta]} new={[round(x) for x in tb]} "
          f"ratio_of_medians={med(tb)/med(ta):.2f} median_pair_ratio={ratios[len(ratios)//2]:.2f}", flush=True)

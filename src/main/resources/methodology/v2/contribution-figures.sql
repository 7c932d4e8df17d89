-- Methodology version 2: the figures of the contribution statements, shared by contribution.sql (as recorded on :asof)
-- and contribution-current.sql (the current recording); each includes this file after its own CTEs (\ir, IndicatorStatements).
-- Expects the CTEs steps (i, day, lo_day), attributed (day, contributor_id, known, organisation_id, entity_id, org_type),
-- firsts (org_key, first_day) and careers (first_company), and the parameters :project, :kinds, :asof.
-- The rules and the output columns are described at the top of both statements.
edge_list as (select array_agg(edge order by edge) as edges from (select lo_day as edge from steps union select day from steps) e),
slice_steps as (
    select k as slice, s.i
    from edge_list l cross join generate_subscripts(l.edges, 1) k join steps s on l.edges[k] > s.lo_day and l.edges[k] <= s.day
),
sliced as (
    select width_bucket(a.day - 1, l.edges) + 1 as slice, a.contributor_id, a.known, a.organisation_id, a.entity_id, a.org_type,
           cast(count(*) as int) as cnt
    from attributed a cross join edge_list l
    where a.day > l.edges[1] and a.day <= l.edges[cardinality(l.edges)]
    group by 1, a.contributor_id, a.known, a.organisation_id, a.entity_id, a.org_type
),
sums as (
    select ss.i, sum(x.n_all) as n_all, sum(x.n_known) as n_known, sum(x.n_company) as n_company,
           sum(x.n_independent) as n_independent
    from (select slice, sum(cnt) as n_all,
                 sum(cnt) filter (where known) as n_known,
                 sum(cnt) filter (where org_type = 'company') as n_company,
                 sum(cnt) filter (where known and organisation_id is null) as n_independent
          from sliced group by slice) x
    join slice_steps ss on ss.slice = x.slice
    group by ss.i
),
entities as (
    select ss.i, e.entity_id, cast(sum(e.cnt) as int) as cnt
    from (select slice, entity_id, cast(sum(cnt) as int) as cnt from sliced where known group by slice, entity_id) e
    join slice_steps ss on ss.slice = e.slice
    group by ss.i, e.entity_id
),
people as (
    select ss.i, p.contributor_id, cast(sum(p.cnt) as int) as cnt
    from (select slice, contributor_id, cast(sum(cnt) as int) as cnt from sliced group by slice, contributor_id) p
    join slice_steps ss on ss.slice = p.slice
    group by ss.i, p.contributor_id
),
-- how many people (entities) have each count at each step: the elephant and bus factors and the HHI
-- need only the sorted counts, not who holds them
people_levels as (select i, cnt, count(*) as m from people group by i, cnt),
entity_levels as (
    select i, cnt, count(*) as m, count(*) filter (where entity_id > 0) as orgs, count(*) filter (where entity_id < 0) as independents
    from entities group by i, cnt
),
distinct_people as (select i, sum(m) as n from people_levels group by i),
distinct_entities as (
    select i, sum(m) as n, sum(orgs) as orgs, sum(independents) as independents -- an independent is the entity -contributor_id
    from entity_levels group by i
),
totals as (
    select s.i, coalesce(x.n_all, 0) as n_all, coalesce(x.n_known, 0) as n_known,
           coalesce(x.n_company, 0) as n_company, coalesce(x.n_independent, 0) as n_independent,
           coalesce(p.n, 0) as n_contributors, coalesce(e.orgs, 0) as n_orgs, coalesce(e.n, 0) as n_entities,
           coalesce(e.independents, 0) as n_independent_people
    from steps s
    left join sums x on x.i = s.i
    left join distinct_people p on p.i = s.i
    left join distinct_entities e on e.i = s.i
),
-- The factor counts the largest holders, one by one, while the ones before them hold less than half:
-- within a level of equal counts c, after `before` contributions of larger levels, the j-th holder
-- (j = 1..m) is counted when 2 * (before + (j - 1) * c) < n, i.e. min(m, ceil((n - 2 * before) / (2 * c))).
entity_factor as (
    select l.i, sum(least(l.m, (cast(t.n_known as bigint) - 2 * l.before + 2 * l.cnt - 1) / (2 * l.cnt))) filter (where t.n_known > 2 * l.before) as elephant,
           sum(l.m * power(cast(l.cnt as float8) / t.n_known, 2)) filter (where t.n_known > 0) as hhi
    from (select i, cnt, m, cast(coalesce(sum(cnt * m) over (partition by i order by cnt desc rows between unbounded preceding and 1 preceding), 0) as bigint) as before
          from entity_levels) l
    join totals t on t.i = l.i
    group by l.i
),
bus as (
    select l.i, sum(least(l.m, (cast(t.n_all as bigint) - 2 * l.before + 2 * l.cnt - 1) / (2 * l.cnt))) filter (where t.n_all > 2 * l.before) as n
    from (select i, cnt, m, cast(coalesce(sum(cnt * m) over (partition by i order by cnt desc rows between unbounded preceding and 1 preceding), 0) as bigint) as before
          from people_levels) l
    join totals t on t.i = l.i
    group by l.i
),
top_org as (
    select distinct on (e.i) e.i, o.key as org_key, e.cnt
    from (select i, entity_id, cnt, max(cnt) over (partition by i) as top_cnt from entities where entity_id > 0) e
    join organisation o on o.id = e.entity_id
    where e.cnt = e.top_cnt
    order by e.i, e.cnt desc, o.key
),
new_orgs as (
    select s.i, count(*) as n from firsts f join steps s on f.first_day > s.lo_day and f.first_day <= s.day group by s.i
),
hired as (
    select s.i, count(*) as n from careers c join steps s on c.first_company > s.lo_day and c.first_company <= s.day group by s.i
)
select t.n_all, t.n_known, t.n_company, t.n_independent, t.n_contributors, t.n_orgs, t.n_entities,
       coalesce(ef.elephant, 0) as elephant, ef.hhi, tp.org_key as top_org_key, tp.cnt as top_org_count, coalesce(b.n, 0) as bus,
       coalesce(nw.n, 0) as new_orgs, coalesce(hd.n, 0) as hired,
       exists (select 1 from contribution c where c.project_id = :project and c.kind in (:kinds)
               and visible_at(c.recorded_at, c.superseded_at, :asof)) as any_recorded,
       t.n_independent_people
from totals t
left join entity_factor ef on ef.i = t.i
left join top_org tp on tp.i = t.i
left join bus b on b.i = t.i
left join new_orgs nw on nw.i = t.i
left join hired hd on hd.i = t.i
order by t.i

-- Methodology version 2: whether a contribution in each step's window counts through an affiliation under an open dispute.
-- Parameters: :project, :asof (the "as recorded on" instant) and the steps (:days, :lo_days, :lo24s, :top_orgs; CTE steps, Steps.java).
-- Rules: METHODOLOGY.md version 2 section 2 (disputes) and section 3 (the window).
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column disputed_affiliation: contributors_active, affiliation_coverage, corporate_share, independent_share, top_org_share, org_hhi, org_count, bus_factor, gatekeeper_top_org_share | METHODOLOGY section 2 (a disputed fact is shown as disputed): a figure that counts an affiliation under an open dispute at :asof carries the flag disputed_affiliation
with steps as (
    select s.i, s.day, s.lo_day, s.lo24, s.top_org,
           (cast(s.lo_day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as lo,
           (cast(s.day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as hi
    from unnest(cast(cast(:days as text) as date[]), cast(cast(:lo_days as text) as date[]),
                cast(cast(:lo24s as text) as date[]), cast(cast(:top_orgs as text) as text[]))
         with ordinality as s(day, lo_day, lo24, top_org, i)
),
open_disputes as materialized (
    -- Disputes of any fact kind (fact_dispute, V036) open at :asof: a steward's edit or close, or a
    -- steward's claim, with the ids of the facts it contradicts.
    select f.fact_kind, f.fact_id, f.conflicts_with from fact_dispute f
    where f.raised_at <= :asof and (f.resolved_at is null or f.resolved_at > :asof)
),
disputed_affiliations as (
    -- Anyone's dispute of an affiliation (affiliation_dispute, V001) and a steward's dispute of one
    -- (fact_dispute): an edit, a close, or a claim that contradicts it. Issue 17: both tables count.
    select d.affiliation_id as id from affiliation_dispute d
    where d.raised_at <= :asof and (d.resolved_at is null or d.resolved_at > :asof)
    union
    select f.fact_id from open_disputes f where f.fact_kind = 'affiliation' and f.fact_id is not null
    union
    select cast(c.id as bigint) from open_disputes f, jsonb_array_elements_text(f.conflicts_with) as c(id)
    where f.fact_kind = 'affiliation' and f.conflicts_with is not null
),
disputed as materialized (
    select a.contributor_id, a.valid_from, a.valid_to
    from disputed_affiliations d
    join affiliation a on a.id = d.id
     and visible_at(a.recorded_at, a.superseded_at, :asof)
    union all
    -- Version 2: an affiliation to an organisation whose record or parent period is under an
    -- open dispute attributes work through a disputed fact too (METHODOLOGY.md section 2).
    select a.contributor_id, a.valid_from, a.valid_to
    from (select f.fact_id as organisation_id from open_disputes f where f.fact_kind = 'organisation'
          union
          select p.organisation_id from open_disputes f
          join organisation_parent p on p.id = f.fact_id and visible_at(p.recorded_at, p.superseded_at, :asof)
          where f.fact_kind = 'organisation-parent') o
    join affiliation a on a.organisation_id = o.organisation_id
     and visible_at(a.recorded_at, a.superseded_at, :asof)
)
select exists (
    select 1 from disputed a
    join identity_link l on l.contributor_id = a.contributor_id
     and visible_at(l.recorded_at, l.superseded_at, :asof)
    join contribution c on c.identity_id = l.id
     and (a.valid_from is null or a.valid_from <= cast(c.at at time zone 'UTC' as date))
     and (a.valid_to is null or a.valid_to >= cast(c.at at time zone 'UTC' as date))
    where c.project_id = :project and c.kind in (:kinds) and c.at > s.lo and c.at <= s.hi
      and visible_at(c.recorded_at, c.superseded_at, :asof)) as disputed_affiliation
from steps s order by s.i

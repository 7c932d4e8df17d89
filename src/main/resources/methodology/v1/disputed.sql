-- Methodology version 1: whether a contribution in each step's window counts through an affiliation under an open dispute.
-- Parameters: :project, :asof (the "as recorded on" instant) and the steps (:days, :lo_days, :lo24s, :top_orgs; CTE steps, Steps.java).
-- Rules: METHODOLOGY.md version 1 section 2 (disputes) and section 3 (the window).
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
disputed as materialized (
    select a.contributor_id, a.valid_from, a.valid_to
    from affiliation_dispute d
    join affiliation a on a.id = d.affiliation_id
     and a.recorded_at <= :asof and (a.superseded_at is null or a.superseded_at > :asof)
    where d.raised_at <= :asof and (d.resolved_at is null or d.resolved_at > :asof)
)
select exists (
    select 1 from disputed a
    join identity_link l on l.contributor_id = a.contributor_id
     and l.recorded_at <= :asof and (l.superseded_at is null or l.superseded_at > :asof)
    join contribution c on c.identity_id = l.id
     and (a.valid_from is null or a.valid_from <= cast(c.at at time zone 'UTC' as date))
     and (a.valid_to is null or a.valid_to >= cast(c.at at time zone 'UTC' as date))
    where c.project_id = :project and c.kind in (:kinds) and c.at > s.lo and c.at <= s.hi
      and c.recorded_at <= :asof and (c.superseded_at is null or c.superseded_at > :asof)) as disputed_affiliation
from steps s order by s.i

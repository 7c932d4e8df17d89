-- Methodology version 2: the people outside the top organisation who merged in each step's window (walk-away).
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (the contribution group's top organisation at the step; GatekeeperIndicators runs the statement at every step in one round trip).
-- Rules: METHODOLOGY.md version 2 section 7, "Walk-away", with the attribution rules of section 2 (affiliation valid on the date of the merge, best source tier, top-level parent on that date, bots excluded); a fork's merges on or before its fork point's date are the upstream's, as in the contribution statements.
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column mergers: walkaway_mergers | METHODOLOGY section 7 Walk-away: walkaway_mergers, distinct people who merged in the window (its n)
-- column known_mergers: walkaway_mergers | METHODOLOGY section 7 Walk-away: walkaway_mergers (its coverage: mergers with a known affiliation on a merge's date)
-- column mergers_not_top: walkaway_mergers | METHODOLOGY section 7 Walk-away: walkaway_mergers, distinct people outside the top organisation who merged in the window
-- column any_merge: walkaway_mergers | METHODOLOGY section 3 "Every value": null, never 0, when no merge was ever recorded for the project
with merges as (
  select distinct l.contributor_id, cast(c.at at time zone 'UTC' as date) as day
  from contribution c
  join identity_link l on l.id = c.identity_id and visible_at(l.recorded_at, l.superseded_at, :asof)
  where c.project_id = :project and c.kind = 'merge' and not l.is_bot
    and c.at > (cast(:lo_day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and c.at <= (cast(:day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and visible_at(c.recorded_at, c.superseded_at, :asof)
    and cast(c.at at time zone 'UTC' as date) > (select coalesce(max(fv.fork_point_date), date '-infinity') from project_version fv
        where fv.id = :project and fv.upstream_project_id is not null and visible_at(fv.recorded_at, fv.superseded_at, :asof))
), aff as (
  -- the merger's affiliation on the merge's day (affiliation_on, V066)
  select m.contributor_id, m.day, a.known is not null as known, a.organisation_id
  from merges m left join lateral affiliation_on(m.contributor_id, m.day, :asof) a on true
), tops as (
  -- the top-level parent of every (organisation, day) pair at once (top_organisations, V065)
  select t.organisation_id as org, t.on_day as day, t.top_organisation_id as top
  from (select array_agg(organisation_id) as orgs, array_agg(day) as days from aff where organisation_id is not null) s
  cross join lateral top_organisations(s.orgs, s.days, :asof) t
),
attributed as (
  select a.contributor_id, a.known, o.key as org_key
  from aff a left join tops t on t.org = a.organisation_id and t.day = a.day left join organisation o on o.id = t.top
)
select count(distinct contributor_id) as mergers,
  count(distinct contributor_id) filter (where known) as known_mergers,
  count(distinct contributor_id) filter (where known and org_key is distinct from nullif(cast(:top_org as text), '')) as mergers_not_top,
  exists (select 1 from contribution c where c.project_id = :project and c.kind = 'merge'
    and visible_at(c.recorded_at, c.superseded_at, :asof)) as any_merge
from attributed

-- Methodology version 2: governance over-representation and the foundation rule checks, per governing body, at each step.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day and :lo24 (FactIndicators.lateral runs the statement at every step in one round trip).
-- Rules: METHODOLOGY.md version 2 section 7, "Governance over-representation"; seats as in section 3 "Governance" (active on the day, a person's seat counts for the person's
-- affiliation on the day, shares over seats whose holder's affiliation is known); contributions as in section 3 "Contribution" (commits, bots excluded, affiliation on the day of the
-- act, top-level parent on that day) over the 24 months before at, (at - 24 months, at]. An independent counts as an organisation of one for the rule checks (a body of independents is
-- not one employer's), and is never the over-represented organisation. Nothing is read when the project records no governing body.
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column any_body: seat_overrepresentation, bodies_over_one_third, bodies_under_two_orgs | METHODOLOGY section 3 "Every value": null, never 0, when no governing body is recorded
-- column seats: seat_overrepresentation, bodies_over_one_third, bodies_under_two_orgs | METHODOLOGY section 3 Governance: seats active at `at` (n, coverage)
-- column known_seats: seat_overrepresentation, bodies_over_one_third, bodies_under_two_orgs | METHODOLOGY section 3 Governance: shares are over seats whose holder's affiliation is known
-- column contributions: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: contributions over the 24 months before at (coverage)
-- column known_contributions: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: its share of known contributions over the 24 months before at
-- column over_org: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: the largest, with the organisation (ties by body, then organisation key)
-- column over_body: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: the largest, with the body (its name)
-- column over_body_kind: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: the body's kind
-- column over_value: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: seat share of a body minus share of known contributions
-- column over_seat_share: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: the organisation's share of the body's known seats
-- column over_contribution_share: seat_overrepresentation | METHODOLOGY section 7 Governance over-representation: the organisation's share of known contributions
-- column bodies: seat_overrepresentation, bodies_over_one_third, bodies_under_two_orgs | METHODOLOGY section 7 Governance over-representation: a foundation rule check per body (detail)
-- column sources: seat_overrepresentation, bodies_over_one_third, bodies_under_two_orgs | METHODOLOGY section 3 "Every value": evidence with sources (the seats' source URLs)
with has_body as (
  select exists (select 1 from governance_body b where b.project_id = :project and visible_at(b.recorded_at, b.superseded_at, :asof)) as any_body
), seats as (
  select s.id, s.body_id, b.name as body_name, b.kind as body_kind, s.holder_contributor_id as person, s.holder_organisation_id as held_org, s.source_url
  from governance_seat s join governance_body b on b.id = s.body_id and b.project_id = :project and visible_at(b.recorded_at, b.superseded_at, :asof)
  where visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= :day) and (s.valid_to is null or s.valid_to >= :day))
), held as (
  -- a person's seat counts for the person's affiliation on the day (affiliation_on, V066)
  select s.*, (s.held_org is not null or a.known is not null) as known, coalesce(s.held_org, a.organisation_id) as org_id
  from seats s left join lateral affiliation_on(s.person, cast(:day as date), :asof) a on true
), base as (
  select c.id, cast(c.at at time zone 'UTC' as date) as day, l.contributor_id
  from contribution c
  join identity_link l on l.id = c.identity_id and visible_at(l.recorded_at, l.superseded_at, :asof)
  where (select any_body from has_body) and c.project_id = :project and c.kind = 'commit'
    and c.at > (cast(cast(:lo24 as date) + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and c.at <= (cast(cast(:day as date) + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and visible_at(c.recorded_at, c.superseded_at, :asof) and not l.is_bot
), aff as (
  -- the affiliation of every (contributor, day) pair of the contributions at once, the pairs with one (affiliations_on, V066)
  select t.contributor_id, t.on_day as day, t.organisation_id
  from (select array_agg(contributor_id) as contributors, array_agg(day) as days from (select distinct contributor_id, day from base) p) s
  cross join lateral affiliations_on(s.contributors, s.days, :asof) t
), tops as (
  -- the top-level parent of every (organisation, day) pair of the contributions and the seats at once (top_organisations, V065)
  select t.organisation_id as org, t.on_day as day, t.top_organisation_id as top
  from (select array_agg(o.org) as orgs, array_agg(o.day) as days
        from (select organisation_id as org, day from aff where organisation_id is not null
              union all select org_id, cast(:day as date) from held where org_id is not null) o) s
  cross join lateral top_organisations(s.orgs, s.days, :asof) t
),
contrib as (
  select b.id, a.contributor_id is not null as known, case when a.organisation_id is not null then o.key end as org_key
  from base b left join aff a on a.contributor_id = b.contributor_id and a.day = b.day
  left join tops t on t.org = a.organisation_id and t.day = b.day left join organisation o on o.id = t.top
), org_contrib as (select org_key, count(*) as cnt from contrib where known and org_key is not null group by org_key),
seat_rows as (
  select h.*, case when not h.known then null when h.org_id is null then 'independent:' || h.person else o.key end as entity,
         case when h.org_id is not null then o.key end as org_key
  from held h left join tops t on t.org = h.org_id and t.day = cast(:day as date) left join organisation o on o.id = t.top
), body_counts as (
  select body_id, min(body_name) as body_name, min(body_kind) as body_kind, count(*) as seats, count(*) filter (where known) as known_seats,
         count(distinct entity) as entities, count(distinct org_key) as organisations
  from seat_rows group by body_id
), body_org as (
  select body_id, org_key, count(*) as cnt from seat_rows where known and org_key is not null group by body_id, org_key
), largest as (
  select distinct on (bo.body_id) bo.body_id, bo.org_key, cast(bo.cnt as float8) / bc.known_seats as share
  from body_org bo join body_counts bc on bc.body_id = bo.body_id order by bo.body_id, bo.cnt desc, bo.org_key
), known_contrib as (select count(*) as n from contrib where known),
candidates as (
  select bc.body_id, bc.body_name, bc.body_kind, k.org_key,
         coalesce(cast(bo.cnt as float8), 0) / bc.known_seats as seat_share,
         coalesce(cast(oc.cnt as float8), 0) / (select n from known_contrib) as contribution_share
  from body_counts bc
  cross join (select org_key from body_org union select org_key from org_contrib) k
  left join body_org bo on bo.body_id = bc.body_id and bo.org_key = k.org_key
  left join org_contrib oc on oc.org_key = k.org_key
  where bc.known_seats > 0 and (select n from known_contrib) > 0
), overrep as (
  select * from candidates order by seat_share - contribution_share desc, body_name, body_id, org_key limit 1
)
select
  (select any_body from has_body) as any_body,
  (select count(*) from seat_rows) as seats,
  (select count(*) from seat_rows where known) as known_seats,
  (select count(*) from contrib) as contributions,
  (select n from known_contrib) as known_contributions,
  (select org_key from overrep) as over_org,
  (select body_name from overrep) as over_body,
  (select body_kind from overrep) as over_body_kind,
  (select seat_share - contribution_share from overrep) as over_value,
  (select seat_share from overrep) as over_seat_share,
  (select contribution_share from overrep) as over_contribution_share,
  (select cast(json_agg(json_build_object('body', bc.body_name, 'kind', bc.body_kind, 'seats', bc.seats, 'knownSeats', bc.known_seats,
            'entities', bc.entities, 'organisations', bc.organisations, 'largestOrganisation', l.org_key, 'largestShare', l.share)
            order by bc.body_name, bc.body_id) as text)
     from body_counts bc left join largest l on l.body_id = bc.body_id) as bodies,
  (select string_agg(distinct source_url, ' ') from seat_rows where source_url is not null) as sources

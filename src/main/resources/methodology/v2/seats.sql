-- Methodology version 2: governance seats active at each step.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (FactIndicators.lateral runs the statement at every step in one round trip).
-- Rules: METHODOLOGY.md version 2 section 3, "Governance".
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column seats: seats_total, seat_orgs, corporate_seat_share, top_org_seat_share | METHODOLOGY section 3 Governance: seats_total, seats active at `at`
-- column known_seats: seat_orgs, corporate_seat_share, top_org_seat, top_org_seat_share, seat_hhi | METHODOLOGY section 3 Governance: shares are over seats whose holder's affiliation is known (a person's seat counts for the person's affiliation at `at`)
-- column company_seats: corporate_seat_share | METHODOLOGY section 3 Governance: corporate_seat_share
-- column seat_orgs: seat_orgs | METHODOLOGY section 3 Governance: seat_orgs
-- column top_org_seat: top_org_seat | METHODOLOGY section 3 Governance: top_org_seat (ties by organisation key)
-- column top_org_seats: top_org_seat_share | METHODOLOGY section 3 Governance: top_org_seat_share
-- column seat_hhi: seat_hhi | METHODOLOGY section 3 Governance: seat_hhi
-- column maintainer_seats: walkaway_maintainers | METHODOLOGY section 7 Walk-away: walkaway_maintainers, maintainer and committer seats not held by the top organisation
-- column known_maintainer_seats: walkaway_maintainers | METHODOLOGY section 7 Walk-away: walkaway_maintainers (its coverage)
-- column maintainer_seats_not_top: walkaway_maintainers | METHODOLOGY section 7 Walk-away: walkaway_maintainers
-- column any_body: seats_total | METHODOLOGY section 3 "Every value": null, never 0, when no governance body is recorded
-- column largest_body_share: top_org_seat_share | METHODOLOGY section 7 Governance over-representation: the one-third rule is per body (detail largestBodyShare)
with seats as (
  select s.id, s.body_id, s.holder_contributor_id as person, s.holder_organisation_id as held_org, b.kind as body_kind
  from governance_seat s join governance_body b on b.id = s.body_id and b.project_id = :project and visible_at(b.recorded_at, b.superseded_at, :asof)
  where visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= :day) and (s.valid_to is null or s.valid_to >= :day))
), held as (
  -- the attribution rule (migration V064): the person's affiliation on the day, or the organisation holding the seat, and its top-level parent
  select s.id, s.body_id, s.body_kind, s.person, (s.held_org is not null or a.known is not null) as known,
         coalesce(s.held_org, a.organisation_id) as org_id, t.top_organisation_id as top_id
  from seats s left join lateral attribution_on(s.person, cast(:day as date), :asof) a on true
  cross join lateral top_organisation_on(coalesce(s.held_org, a.organisation_id), cast(:day as date), :asof) t
),
seat_rows as (
  select h.*, case when not h.known then null when h.org_id is null then 'independent:' || h.person else o.key end as entity,
         case when h.org_id is not null then o.key end as org_key, ot.type as org_type
  from held h left join organisation o on o.id = h.top_id
  left join organisation_version ot on ot.id = h.org_id and visible_at(ot.recorded_at, ot.superseded_at, :asof)
), ent as (select entity, org_key, count(*) as cnt from seat_rows where known group by entity, org_key),
top_seat as (select org_key, cnt from ent where org_key is not null order by cnt desc, org_key limit 1)
select count(*) as seats, count(*) filter (where known) as known_seats, count(*) filter (where org_type = 'company') as company_seats,
  count(distinct org_key) as seat_orgs,
  (select org_key from top_seat) as top_org_seat, (select cnt from top_seat) as top_org_seats,
  (select sum(power(cast(e.cnt as float8) / (select count(*) from seat_rows where known), 2)) from ent e) as seat_hhi,
  count(*) filter (where body_kind = 'maintainers') as maintainer_seats,
  count(*) filter (where body_kind = 'maintainers' and known) as known_maintainer_seats,
  count(*) filter (where body_kind = 'maintainers' and known and org_key is distinct from cast(:top_org as text)) as maintainer_seats_not_top,
  exists (select 1 from governance_body b where b.project_id = :project and visible_at(b.recorded_at, b.superseded_at, :asof)) as any_body,
  (select max(cast(c.cnt as float8) / k.known) from
     (select body_id, org_key, count(*) as cnt from seat_rows where known and org_key is not null group by body_id, org_key) c
     join (select body_id, count(*) filter (where known) as known from seat_rows group by body_id) k on k.body_id = c.body_id) as largest_body_share
from seat_rows

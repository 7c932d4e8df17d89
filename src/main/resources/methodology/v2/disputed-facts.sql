-- Methodology version 2: whether a governance, funding, license or adoption figure at a step reads a fact under an open dispute.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day (FactIndicators.lateral runs the statement at every step in one round trip).
-- Rules: METHODOLOGY.md version 2 section 2: any fact kind can be disputed, and a curator decides; until then a figure that reads the
-- fact says so (docs/decisions.md, "Disputed facts beyond affiliations"). A dispute is open at :asof when raised at or before it and not
-- resolved by then; it names the fact (an edit or a close) or, for a claim, the facts it contradicts. Conservative like disputed.sql:
-- a disputed fact counts at every step on or after its start (an event's date, a period's or seat's start, an adopter's since); one
-- with no start counts at every step.
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column seats_disputed: seats_total, seat_orgs, corporate_seat_share, top_org_seat, top_org_seat_share, seat_hhi, walkaway_maintainers | METHODOLOGY section 2: any fact kind can be disputed (a governing body or a seat)
-- column steward_disputed: foundation_hosted | METHODOLOGY section 2: any fact kind can be disputed (the steward period)
-- column event_disputed: cla_relicensing, trademark_holder_type | METHODOLOGY section 2: any fact kind can be disputed (a CLA or trademark event)
-- column funding_disputed: funding_total_usd, funder_count, corporate_funding_share, top_funder, top_funder_share, funder_hhi, funding_reported_usd | METHODOLOGY section 2: any fact kind can be disputed (a funding event)
-- column license_disputed: license_restrictiveness, restrictive_relicenses, restrictive_new_releases, license_capture, restrictive_license_in_force, forkable | METHODOLOGY section 2: any fact kind can be disputed (a license period)
-- column openness_disputed: openness | METHODOLOGY section 2: any fact kind can be disputed (an openness component)
-- column adoption_disputed: adopter_orgs, corporate_adopters, derivatives, downloads, derivative_orgs | METHODOLOGY section 2: any fact kind can be disputed (an adopter, a derivative, a download count)
with open_disputes as (
    select f.fact_kind, f.fact_id as id from fact_dispute f
    where f.fact_id is not null and f.raised_at <= :asof and (f.resolved_at is null or f.resolved_at > :asof)
    union
    select f.fact_kind, cast(c.id as bigint) from fact_dispute f, jsonb_array_elements_text(f.conflicts_with) as c(id)
    where f.conflicts_with is not null and f.raised_at <= :asof and (f.resolved_at is null or f.resolved_at > :asof)
)
select
 (exists (select 1 from open_disputes d join governance_body b on b.id = d.id
          and visible_at(b.recorded_at, b.superseded_at, :asof)
          where d.fact_kind = 'governance-body' and b.project_id = :project)
  or exists (select 1 from open_disputes d join governance_seat s on s.id = d.id
          and visible_at(s.recorded_at, s.superseded_at, :asof)
          where d.fact_kind = 'governance-seat' and s.project_id = :project and (s.valid_from is null or s.valid_from <= :day))) as seats_disputed,
 exists (select 1 from open_disputes d join project_steward s on s.id = d.id
          and visible_at(s.recorded_at, s.superseded_at, :asof)
          where d.fact_kind = 'project-steward' and s.project_id = :project and (s.valid_from is null or s.valid_from <= :day)) as steward_disputed,
 exists (select 1 from open_disputes d join governance_event e on e.id = d.id
          and visible_at(e.recorded_at, e.superseded_at, :asof)
          where d.fact_kind = 'governance-event' and e.project_id = :project
            and e.kind in ('cla-relicensing', 'cla-introduced', 'trademark') and (e.event_date is null or e.event_date <= :day)) as event_disputed,
 exists (select 1 from open_disputes d join funding_event e on e.id = d.id
          and visible_at(e.recorded_at, e.superseded_at, :asof)
          where d.fact_kind = 'funding-event' and e.recipient_project_id = :project and (e.event_date is null or e.event_date <= :day)) as funding_disputed,
 exists (select 1 from open_disputes d join license_period l on l.id = d.id
          and visible_at(l.recorded_at, l.superseded_at, :asof)
          where d.fact_kind = 'license-period' and l.project_id = :project and (l.valid_from is null or l.valid_from <= :day)) as license_disputed,
 exists (select 1 from open_disputes d join openness_component o on o.id = d.id
          and visible_at(o.recorded_at, o.superseded_at, :asof)
          where d.fact_kind = 'openness-component' and o.project_id = :project) as openness_disputed,
 (exists (select 1 from open_disputes d join adopter a on a.id = d.id
          and visible_at(a.recorded_at, a.superseded_at, :asof)
          where d.fact_kind = 'adopter' and a.project_id = :project and (a.since is null or a.since <= :day))
  or exists (select 1 from open_disputes d join derivative x on x.id = d.id
          and visible_at(x.recorded_at, x.superseded_at, :asof)
          where d.fact_kind = 'derivative' and x.project_id = :project
            and (x.published_at is null or cast(x.published_at as date) <= :day))
  or exists (select 1 from open_disputes d join download_count c on c.id = d.id
          and visible_at(c.recorded_at, c.superseded_at, :asof)
          where d.fact_kind = 'download-count' and c.project_id = :project and (c.period_from is null or c.period_from <= :day))) as adoption_disputed

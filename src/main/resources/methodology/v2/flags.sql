-- Methodology version 2: the governance flags at each step.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (FactIndicators.lateral runs the statement at every step in one round trip).
-- Rules: METHODOLOGY.md version 2 section 3, "Governance" (flags at `at`).
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column steward_type: foundation_hosted | METHODOLOGY section 3 Governance, flags at `at`: foundation_hosted (the steward at `at` is a foundation)
-- column cla_relicensing: cla_relicensing | METHODOLOGY section 3 Governance, flags at `at`: cla_relicensing
-- column cla_introduced: cla_relicensing | METHODOLOGY section 3 Governance, flags at `at`: cla_relicensing is false (not unknown) once a CLA without relicensing rights is recorded
-- column trademark_holder_type: trademark_holder_type | METHODOLOGY section 3 Governance, flags at `at`: trademark_holder_type (the holder named by the latest trademark event)
-- column steward: foundation_hosted | METHODOLOGY section 3 Governance, flags at `at`: foundation_hosted (detail: the steward)
select
 (select v.type from project_steward s join organisation_version v on v.id = s.organisation_id and visible_at(v.recorded_at, v.superseded_at, :asof)   where s.project_id = :project and visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= :day) and (s.valid_to is null or s.valid_to >= :day)) limit 1) as steward_type,
 exists (select 1 from governance_event e where e.project_id = :project and e.kind = 'cla-relicensing' and e.event_date <= :day and visible_at(e.recorded_at, e.superseded_at, :asof)) as cla_relicensing,
 exists (select 1 from governance_event e where e.project_id = :project and e.kind = 'cla-introduced' and e.event_date <= :day and visible_at(e.recorded_at, e.superseded_at, :asof)) as cla_introduced,
 (select v.type from governance_event e join organisation_version v on v.id = e.to_organisation_id and visible_at(v.recorded_at, v.superseded_at, :asof)   where e.project_id = :project and e.kind = 'trademark' and e.event_date <= :day and visible_at(e.recorded_at, e.superseded_at, :asof)   order by e.event_date desc, e.id desc limit 1) as trademark_holder_type,
 (select o.key from project_steward s join organisation o on o.id = s.organisation_id   where s.project_id = :project and visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= :day) and (s.valid_to is null or s.valid_to >= :day)) limit 1) as steward

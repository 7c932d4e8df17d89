-- Methodology version 2: license periods at each step.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (FactIndicators.lateral runs the statement at every step in one round trip).
-- Levels are this version's own (methodology/v2/license-levels.json, table license_period_level, migration V031), never the running catalog's.
-- Rules: METHODOLOGY.md version 2 section 3, "License" and section 5 (capture is read from levels 4-7 only); the periods in force by source tier (license_periods_effective, migration V017); named artifacts (section 2): each artifact of a family its own line of periods, the reading over the family's current artifacts (license_current_artifacts, migration V035: 24 months after an artifact's first period, and while it is the newest of its kind, unless a curator closed it); a new release is restrictive when it comes in above the family's most open member in force.
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column artifacts: license_restrictiveness, restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 License: the artifacts in force at `at` (null when no period is known: unknown is not "no license")
-- column known_artifacts: license_restrictiveness | METHODOLOGY section 3 License: license_restrictiveness coverage, artifacts whose level is known
-- column level_lower: license_restrictiveness | METHODOLOGY section 3 License: license_restrictiveness, the highest level over the artifacts in force, with bounds when a part is unknown
-- column level_upper: license_restrictiveness | METHODOLOGY section 3 License: license_restrictiveness (upper bound)
-- column relicenses: restrictive_relicenses | METHODOLOGY section 3 License: restrictive_relicenses, periods starting in the window that raise an artifact's level
-- column new_releases: restrictive_new_releases | METHODOLOGY section 3 License: restrictive_new_releases
-- column changes: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 License: changes in the window (coverage; unknown, not 0, when a level on either side is unknown)
-- column known_changes: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 License: changes in the window whose levels are known
-- column date_uncertain: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 Time: date_uncertain when a window edge cuts a period's month or year
-- column raising_periods: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 License: the periods behind the counts (detail periods)
-- column license_capture: license_capture | METHODOLOGY section 3 License: license_capture, 0 for levels 0-3, 0.5 for level 4, 1 for levels 5-7, the highest over the artifacts of known level
-- column in_force_via: restrictive_license_in_force, company_restrictive_license_in_force | METHODOLOGY section 3 License: restrictive_license_in_force, a current artifact at 5-7 whose first rise to 5-7 after its last period at 0-3 was a relicense (detail: the relicense and the steward at its date)
-- column restrictive_artifacts: restrictive_license_in_force | METHODOLOGY section 3 License: restrictive_license_in_force (detail restrictiveArtifacts)
-- column open_artifacts: forkable | METHODOLOGY section 7 Walk-away: forkable, every artifact in force at level 0-3
-- column last_open_state: forkable | METHODOLOGY section 7 Walk-away: forkable detail last_open_state, the last date at which every artifact was at level 0-3 (the day before the earliest period that took a current artifact from 0-3 to 4-7 for good)
-- column converts_to: forkable | METHODOLOGY section 7 Walk-away: forkable detail converts_to, for a BUSL-style license the change date and change license read from the period's text (its detail; a curated period without one borrows the detail of a collected period of the same artifact and expression)
with lp0 as (
  select l.id, l.artifact, l.artifact_name, l.expression, l.valid_from, l.detail, l.date_precision, l.change_kind, pl.level,
         coalesce(pl.level_lower, pl.level, 0) as lower, coalesce(pl.level_upper, pl.level, 7) as upper,
         lag(pl.level) over w as prev_level, lag(l.expression) over w as prev_expression,
         (select v.type from project_steward s join organisation_version v on v.id = s.organisation_id and visible_at(v.recorded_at, v.superseded_at, :asof)           where s.project_id = l.project_id and visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= l.valid_from) and (s.valid_to is null or s.valid_to >= l.valid_from)) limit 1) as steward_type
  from license_periods_effective(cast(:project as bigint), cast(:asof as timestamptz)) l
  left join license_period_level pl on pl.period_row_id = l.row_id and pl.methodology_version = 2
  where l.valid_from <= :day
  window w as (partition by l.artifact, l.artifact_name order by l.valid_from, l.id)
), lp as (select n.*, (select min(x.level) from lp0 x where x.artifact = n.artifact and x.artifact_name <> n.artifact_name
      and x.valid_from < n.valid_from and not exists (select 1 from lp0 y where y.artifact = x.artifact
        and y.artifact_name = x.artifact_name and y.valid_from > x.valid_from and y.valid_from < n.valid_from)) as family_min
  from lp0 n
), cur as (select lp.* from lp join license_current_artifacts(cast(:project as bigint), cast(:asof as timestamptz), cast(:day as date)) c on c.id = lp.id)
select (select count(*) from cur) as artifacts, (select count(*) from cur where level is not null) as known_artifacts,
  (select max(lower) from cur) as level_lower, (select max(upper) from cur) as level_upper,
  count(*) filter (where change_kind = 'relicense' and valid_from > :lo_day and level > prev_level) as relicenses,
  count(*) filter (where change_kind = 'new-release' and valid_from > :lo_day and level > family_min) as new_releases,
  count(*) filter (where valid_from > :lo_day and prev_expression is not null) as changes,
  count(*) filter (where valid_from > :lo_day and prev_expression is not null and (level is not null and prev_level is not null)) as known_changes,
  coalesce(bool_or(valid_from > :lo_day and ((valid_from <= :lo_day and (case date_precision when 'month' then cast(valid_from + interval '1 month' - interval '1 day' as date) when 'year' then cast(valid_from + interval '1 year' - interval '1 day' as date) else valid_from end) > :lo_day) or (valid_from <= :day and (case date_precision when 'month' then cast(valid_from + interval '1 month' - interval '1 day' as date) when 'year' then cast(valid_from + interval '1 year' - interval '1 day' as date) else valid_from end) > :day))), false) as date_uncertain,
  (select string_agg(cast(id as text), ',' order by valid_from, id) from lp where ((change_kind = 'relicense' and level > prev_level) or (change_kind = 'new-release' and level > family_min)) and valid_from > :lo_day) as raising_periods,
  (select max(case when level <= 3 then 0.0 when level = 4 then 0.5 else 1.0 end) from cur where level is not null) as license_capture,
  (select concat_ws('|', f.id, f.valid_from, coalesce(f.steward_type, ''), f.artifact || coalesce(nullif(':' || f.artifact_name, ':'), '')) from cur c cross join lateral (
      select p.* from lp p where p.artifact = c.artifact and p.artifact_name = c.artifact_name and p.level >= 5 and p.valid_from > coalesce(
        (select max(o.valid_from) from lp o where o.artifact = c.artifact and o.artifact_name = c.artifact_name and o.level <= 3), date '0001-01-01')
      order by p.valid_from, p.id limit 1) f
    where c.level >= 5 and f.change_kind = 'relicense' order by (f.steward_type = 'company') desc, f.valid_from, f.id limit 1) as in_force_via,
  (select count(*) from cur where level >= 5) as restrictive_artifacts,
  (select count(*) from cur where level <= 3) as open_artifacts,
  (select cast(min(f.valid_from) - 1 as date) from cur c cross join lateral (
      select p.valid_from from lp p where p.artifact = c.artifact and p.artifact_name = c.artifact_name and p.level >= 4 and p.valid_from > (
        select max(o.valid_from) from lp o where o.artifact = c.artifact and o.artifact_name = c.artifact_name and o.level <= 3)
      order by p.valid_from, p.id limit 1) f
    where c.level >= 4 and not exists (select 1 from cur n where n.level >= 4 and not exists (
      select 1 from lp o where o.artifact = n.artifact and o.artifact_name = n.artifact_name and o.level <= 3))) as last_open_state,
  (select cast(json_agg(json_build_object('artifact', c.artifact, 'expression', c.expression,
        'changeDate', d.detail ->> 'changeDate', 'convertsTo', coalesce(d.detail ->> 'convertsTo', d.detail ->> 'changeLicense')) order by c.artifact, c.artifact_name) as text)
    from cur c cross join lateral (select coalesce(c.detail, (select g.detail from license_period g where g.project_id = :project
        and g.artifact = c.artifact and g.expression = c.expression and g.detail ->> 'changeDate' is not null
        and visible_at(g.recorded_at, g.superseded_at, :asof) order by g.valid_from desc, g.id desc limit 1)) as detail) d
    where c.level >= 4 and d.detail ->> 'changeDate' is not null) as converts_to
from lp

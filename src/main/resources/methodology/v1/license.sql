-- Methodology version 1: license periods at each step.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (FactIndicators.lateral runs the statement at every step in one round trip).
-- Levels are this version's own (methodology/v1/license-levels.json, table license_period_level, migration V031), never the running catalog's.
-- Rules: METHODOLOGY.md version 1 section 3, "License" and section 5 (levels); the periods in force by source tier (license_periods_effective, migration V017).
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column artifacts: license_restrictiveness, restrictive_relicenses, restrictive_new_releases, company_restrictive_relicenses_24m | METHODOLOGY section 3 License: the artifacts in force at `at` (null when no period is known: unknown is not "no license")
-- column known_artifacts: license_restrictiveness | METHODOLOGY section 3 License: license_restrictiveness coverage, artifacts whose level is known
-- column level_lower: license_restrictiveness | METHODOLOGY section 3 License: license_restrictiveness, the highest level over the artifacts in force, with bounds when a part is unknown
-- column level_upper: license_restrictiveness | METHODOLOGY section 3 License: license_restrictiveness (upper bound)
-- column relicenses: restrictive_relicenses | METHODOLOGY section 3 License: restrictive_relicenses, periods starting in the window that raise an artifact's level
-- column new_releases: restrictive_new_releases | METHODOLOGY section 3 License: restrictive_new_releases
-- column changes: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 License: changes in the window (coverage; unknown, not 0, when a level on either side is unknown)
-- column known_changes: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 License: changes in the window whose levels are known
-- column company_relicenses_24m: company_restrictive_relicenses_24m | METHODOLOGY section 4 Gates (version 1): capture by a restrictive relicense in the 24 months up to `at` while the steward was a company
-- column date_uncertain: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 Time: date_uncertain when a window edge cuts a period's month or year
-- column raising_periods: restrictive_relicenses, restrictive_new_releases | METHODOLOGY section 3 License: the periods behind the counts (detail periods)
-- column company_relicense_periods_24m: company_restrictive_relicenses_24m | METHODOLOGY section 4 Gates (version 1): the periods behind it
-- column changes_24m: company_restrictive_relicenses_24m | METHODOLOGY section 4 Gates (version 1): changes in the 24 months (coverage)
-- column known_changes_24m: company_restrictive_relicenses_24m | METHODOLOGY section 4 Gates (version 1): changes in the 24 months whose levels are known
with lp as (
  select l.id, l.artifact, l.expression, l.valid_from, l.date_precision, l.change_kind, pl.level,
         coalesce(pl.level_lower, pl.level, 0) as lower, coalesce(pl.level_upper, pl.level, 7) as upper,
         lag(pl.level) over w as prev_level, lag(l.expression) over w as prev_expression,
         (select v.type from project_steward s join organisation_version v on v.id = s.organisation_id and (v.recorded_at <= :asof and (v.superseded_at is null or v.superseded_at > :asof))           where s.project_id = l.project_id and (s.recorded_at <= :asof and (s.superseded_at is null or s.superseded_at > :asof)) and ((s.valid_from is null or s.valid_from <= l.valid_from) and (s.valid_to is null or s.valid_to >= l.valid_from)) limit 1) as steward_type
  from license_periods_effective(cast(:project as bigint), cast(:asof as timestamptz)) l
  left join license_period_level pl on pl.period_row_id = l.row_id and pl.methodology_version = 1
  where l.valid_from <= :day
  window w as (partition by l.artifact order by l.valid_from, l.id)
), cur as (select distinct on (artifact) * from lp order by artifact, valid_from desc, id desc)
select (select count(*) from cur) as artifacts, (select count(*) from cur where level is not null) as known_artifacts,
  (select max(lower) from cur) as level_lower, (select max(upper) from cur) as level_upper,
  count(*) filter (where change_kind = 'relicense' and valid_from > :lo_day and level > prev_level) as relicenses,
  count(*) filter (where change_kind = 'new-release' and valid_from > :lo_day and level > prev_level) as new_releases,
  count(*) filter (where valid_from > :lo_day and prev_expression is not null) as changes,
  count(*) filter (where valid_from > :lo_day and prev_expression is not null and (level is not null and prev_level is not null)) as known_changes,
  count(*) filter (where change_kind = 'relicense' and valid_from > :lo24 and level > prev_level and steward_type = 'company') as company_relicenses_24m,
  coalesce(bool_or(valid_from > :lo_day and ((valid_from <= :lo_day and (case date_precision when 'month' then cast(valid_from + interval '1 month' - interval '1 day' as date) when 'year' then cast(valid_from + interval '1 year' - interval '1 day' as date) else valid_from end) > :lo_day) or (valid_from <= :day and (case date_precision when 'month' then cast(valid_from + interval '1 month' - interval '1 day' as date) when 'year' then cast(valid_from + interval '1 year' - interval '1 day' as date) else valid_from end) > :day))), false) as date_uncertain,
  (select string_agg(cast(id as text), ',' order by valid_from, id) from lp where change_kind in ('relicense', 'new-release') and valid_from > :lo_day and level > prev_level) as raising_periods,
  (select string_agg(cast(id as text), ',' order by valid_from, id) from lp where change_kind = 'relicense' and valid_from > :lo24 and level > prev_level and steward_type = 'company') as company_relicense_periods_24m,
  count(*) filter (where valid_from > :lo24 and prev_expression is not null) as changes_24m,
  count(*) filter (where valid_from > :lo24 and prev_expression is not null and level is not null and prev_level is not null) as known_changes_24m
from lp

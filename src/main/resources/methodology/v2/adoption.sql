-- Methodology version 2: adoption, derivatives, downloads and openness at each step.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (FactIndicators.lateral runs the statement at every step in one round trip).
-- Rules: METHODOLOGY.md version 2 section 3, "Adoption and compost", and section 6 (openness).
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column adopters: adopter_orgs | METHODOLOGY section 3 Adoption and compost: adopter_orgs
-- column corporate_adopters: corporate_adopters | METHODOLOGY section 3 Adoption and compost: corporate_adopters
-- column any_adopter: adopter_orgs, corporate_adopters | METHODOLOGY section 3 "Every value": null, never 0, when no adopter is recorded
-- column adopter_date_uncertain: adopter_orgs, corporate_adopters | METHODOLOGY section 3 Time: date_uncertain
-- column derivatives: derivatives | METHODOLOGY section 3 Adoption and compost: derivatives (by relation)
-- column by_relation: derivatives | METHODOLOGY section 3 Adoption and compost: derivatives by relation (detail byRelation)
-- column any_derivative: derivatives, derivative_orgs | METHODOLOGY section 3 "Every value": null, never 0, when no derivative is recorded
-- column derivative_orgs: derivative_orgs | METHODOLOGY section 7 Compost: derivative_publishers (distinct publishers, organisations by top-level parent)
-- column attributed_derivatives: derivative_orgs | METHODOLOGY section 7 Compost: derivative_orgs coverage, derivatives with a publisher
-- column downloads: downloads | METHODOLOGY section 3 Adoption and compost: downloads per period, periods ending in the window
-- column download_periods: downloads | METHODOLOGY section 3 Adoption and compost: downloads (n)
-- column any_downloads: downloads | METHODOLOGY section 3 "Every value": null, never 0, when no download count is recorded
-- column downloads_date_uncertain: downloads | METHODOLOGY section 3 Time: a period that a window edge cuts is flagged date_uncertain
-- column known_components: openness | METHODOLOGY section 3 License: openness, coverage = components known / components (section 6)
-- column openness: openness | METHODOLOGY section 3 License: openness, the mean over components of known status, open = 1, partial = 0.5, closed = 0
with pubs as (
  select d.id, d.relation, d.publisher_organisation_id, d.publisher_contributor_id,
         t.top_organisation_id as publisher_top from derivative d
  -- the publisher's top-level parent on the day (migration V064)
  cross join lateral top_organisation_on(d.publisher_organisation_id, cast(:day as date), :asof) t
  where d.project_id = :project and visible_at(d.recorded_at, d.superseded_at, :asof) and (d.published_at is null or d.published_at <= :day)
)
select
 (select count(distinct a.organisation_id) from adopter a where a.project_id = :project and visible_at(a.recorded_at, a.superseded_at, :asof) and (a.since is null or a.since <= :day)) as adopters,
 (select count(distinct a.organisation_id) from adopter a join organisation_version v on v.id = a.organisation_id and visible_at(v.recorded_at, v.superseded_at, :asof)    where a.project_id = :project and visible_at(a.recorded_at, a.superseded_at, :asof) and (a.since is null or a.since <= :day) and v.type = 'company') as corporate_adopters,
 exists (select 1 from adopter a where a.project_id = :project and visible_at(a.recorded_at, a.superseded_at, :asof)) as any_adopter,
 (select coalesce(bool_or(((a.since <= :lo_day and (case a.date_precision when 'month' then cast(a.since + interval '1 month' - interval '1 day' as date) when 'year' then cast(a.since + interval '1 year' - interval '1 day' as date) else a.since end) > :lo_day) or (a.since <= :day and (case a.date_precision when 'month' then cast(a.since + interval '1 month' - interval '1 day' as date) when 'year' then cast(a.since + interval '1 year' - interval '1 day' as date) else a.since end) > :day))), false) from adopter a where a.project_id = :project and visible_at(a.recorded_at, a.superseded_at, :asof) and a.since is not null) as adopter_date_uncertain,
 (select count(*) from pubs) as derivatives,
 (select cast(json_object_agg(relation, n) as text) from (select relation, count(*) as n from pubs group by relation) r) as by_relation,
 exists (select 1 from derivative d where d.project_id = :project and visible_at(d.recorded_at, d.superseded_at, :asof)) as any_derivative,
 (select count(distinct coalesce(o.key, 'independent:' || p.publisher_contributor_id)) from pubs p
    left join organisation o on o.id = p.publisher_top
    where p.publisher_organisation_id is not null or p.publisher_contributor_id is not null) as derivative_orgs,
 (select count(*) from pubs where publisher_organisation_id is not null or publisher_contributor_id is not null) as attributed_derivatives,
 (select sum(c.downloads) from download_count c where c.project_id = :project and visible_at(c.recorded_at, c.superseded_at, :asof) and c.period_to > :lo_day and c.period_to <= :day) as downloads,
 (select count(*) from download_count c where c.project_id = :project and visible_at(c.recorded_at, c.superseded_at, :asof) and c.period_to > :lo_day and c.period_to <= :day) as download_periods,
 exists (select 1 from download_count c where c.project_id = :project and visible_at(c.recorded_at, c.superseded_at, :asof)) as any_downloads,
 exists (select 1 from download_count c where c.project_id = :project and visible_at(c.recorded_at, c.superseded_at, :asof) and c.period_to > :lo_day and c.period_to <= :day and c.period_from <= :lo_day) as downloads_date_uncertain,
 -- Section 6: one status per component; several raters' ratings of a component count once, as `disputed` (partial) when they differ.
 (select count(*) from (select 1 from openness_component c where c.project_id = :project and visible_at(c.recorded_at, c.superseded_at, :asof) group by c.component having bool_or(c.status <> 'unknown')) k) as known_components,
 (select avg(score) from (select case when count(distinct c.status) filter (where c.status <> 'unknown') > 1 then 0.5 else max(case c.status when 'open' then 1.0 when 'partial' then 0.5 when 'closed' then 0.0 end) end as score from openness_component c where c.project_id = :project and visible_at(c.recorded_at, c.superseded_at, :asof) group by c.component) s) as openness

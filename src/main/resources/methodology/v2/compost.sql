-- Methodology version 2: the compost heap at each step (does the model decompose usefully, and for whom?).
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day (FactIndicators.lateral runs the statement at every step in one round trip).
-- Rules: METHODOLOGY.md version 2 section 7, "Compost"; a derivative counts from its publication day (no day: as soon as recorded), as derivatives does (section 3).
-- A publisher is an entity: a recorded organisation as its top-level parent on the day (org:<key>), a recorded person (person:<id>), or a Hub namespace that maps to nothing recorded (name:<lower-case name>).
-- Its kind is the type of the organisation named (not its parent, as for corporate_share), "person" for a person, and unknown for a bare name: unknown is not independent.
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column n: derivative_publishers, derivative_publisher_hhi, independent_derivative_share, afterlife_derivatives | METHODOLOGY section 7 Compost: the derivatives published on or before at
-- column any_derivative: derivative_publishers, derivative_publisher_hhi, independent_derivative_share, afterlife_derivatives | METHODOLOGY section 3 "Every value": null, never 0, when no derivative is recorded
-- column attributed: derivative_publishers, derivative_publisher_hhi | METHODOLOGY section 7 Compost: coverage, the derivatives whose publisher is named
-- column publishers: derivative_publishers | METHODOLOGY section 7 Compost: derivative_publishers, distinct publishers
-- column publisher_hhi: derivative_publisher_hhi | METHODOLOGY section 7 Compost: derivative_publisher_hhi, the sum of the squared shares of the publishers' derivatives
-- column top_publisher: derivative_publisher_hhi | METHODOLOGY section 7 Compost: the largest publisher (detail), ties by entity key
-- column top_publisher_count: derivative_publisher_hhi | METHODOLOGY section 7 Compost: the largest publisher's derivatives (detail)
-- column kind_known: independent_derivative_share | METHODOLOGY section 7 Compost: coverage, the derivatives whose publisher's kind is known
-- column independent: independent_derivative_share | METHODOLOGY section 7 Compost: independent_derivative_share, published by people and community organisations
-- column afterlife_known: afterlife_derivatives | METHODOLOGY section 7 Compost: coverage, the derivatives whose base member and day are known and whose base has a license period
-- column afterlife: afterlife_derivatives | METHODOLOGY section 7 Compost: afterlife_derivatives, published after a newer release of the family (a new-release period) superseded the base
-- column afterlife_releases: afterlife_derivatives | METHODOLOGY section 7 Compost: the releases that superseded a base (detail)
-- column sources: derivative_publishers, derivative_publisher_hhi, independent_derivative_share, afterlife_derivatives | METHODOLOGY section 3 "Every value": evidence with sources (the first 20 derivatives' source URLs)
with pubs as (
  select d.id, d.relation, d.publisher_organisation_id, d.publisher_contributor_id, d.publisher_name, d.published_at, d.base_artifact, d.source_url,
         t.top_organisation_id as publisher_top
  from derivative d
  -- the publisher's top-level parent on the day (migration V064)
  cross join lateral top_organisation_on(d.publisher_organisation_id, cast(:day as date), :asof) t
  where d.project_id = :project and visible_at(d.recorded_at, d.superseded_at, :asof)
    and (d.published_at is null or d.published_at <= :day)
),
published as (
  select p.*,
         case when p.publisher_organisation_id is not null then 'org:' || o.key
              when p.publisher_contributor_id is not null then 'person:' || p.publisher_contributor_id
              when p.publisher_name is not null and btrim(p.publisher_name) <> '' then 'name:' || lower(btrim(p.publisher_name)) end as entity,
         case when p.publisher_contributor_id is not null then 'person' else ov.type end as kind
  from pubs p
  left join organisation o on o.id = p.publisher_top
  left join organisation_version ov on ov.id = p.publisher_organisation_id and visible_at(ov.recorded_at, ov.superseded_at, :asof)
),
ent as (select entity, count(*) as cnt from published where entity is not null group by entity),
bases as (
  select lp.artifact_name, min(lp.valid_from) as first_from
  from license_period lp
  where lp.project_id = :project and lp.artifact = 'weights' and lp.artifact_name <> ''
    and visible_at(lp.recorded_at, lp.superseded_at, :asof)
  group by lp.artifact_name
),
afterlife as (
  select p.id, b.first_from is not null as known,
         (select lp.artifact_name from license_period lp
          where lp.project_id = :project and lp.artifact = 'weights' and lp.change_kind = 'new-release'
            and lp.artifact_name <> p.base_artifact and lp.valid_from > b.first_from
            and lp.valid_from < p.published_at and lp.valid_from <= :day
            and visible_at(lp.recorded_at, lp.superseded_at, :asof)
          order by lp.valid_from, lp.artifact_name limit 1) as superseded_by
  from published p left join bases b on b.artifact_name = p.base_artifact
  where p.base_artifact is not null and p.published_at is not null
)
select
  (select count(*) from published) as n,
  exists (select 1 from derivative d where d.project_id = :project and visible_at(d.recorded_at, d.superseded_at, :asof)) as any_derivative,
  (select count(*) from published where entity is not null) as attributed,
  (select count(*) from ent) as publishers,
  (select sum(power(cast(e.cnt as float8) / (select sum(cnt) from ent), 2)) from ent e) as publisher_hhi,
  (select entity from ent order by cnt desc, entity limit 1) as top_publisher,
  (select cnt from ent order by cnt desc, entity limit 1) as top_publisher_count,
  (select count(*) from published where kind is not null) as kind_known,
  (select count(*) from published where kind in ('person', 'community')) as independent,
  (select count(*) from afterlife where known) as afterlife_known,
  (select count(*) from afterlife where known and superseded_by is not null) as afterlife,
  (select string_agg(distinct superseded_by, ',') from afterlife where known and superseded_by is not null) as afterlife_releases,
  (select string_agg(source_url, ' ' order by published_at nulls last, id) from (select source_url, published_at, id from published where source_url is not null order by published_at nulls last, id limit 20) s) as sources

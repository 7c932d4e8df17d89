-- Methodology version 2: how far the project's collection reaches, as recorded on :asof (one row; the contribution
-- indicators scale each step's coverage by the share of its window within collected time).
-- Parameters: :project, :asof (the "as recorded on" instant).
-- Rules: METHODOLOGY.md version 2 section 3, "Collected through": each repository records the date of the newest commit
-- read (repository_collected_through, migration V030); the project's reach is the furthest of its repositories'. A project
-- with contributions but no collected repository (recorded by hand or an import) has no known reach, and its figures are
-- not scaled; one with neither was never collected (docs/decisions.md, "Collected through").
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column collected_through: contributors_active, affiliation_coverage, corporate_share, independent_share, top_org_share, org_hhi, org_count, bus_factor, gatekeeper_top_org_share | METHODOLOGY section 3 Collected through: the coverage is multiplied by the share of the window within collected time; wholly past is null, "not collected"
-- column collected_repositories: contributors_active, corporate_share | METHODOLOGY section 3 Collected through: each repository records how far its collection reaches (the repositories behind the reach)
-- column first_day: contributors_active, corporate_share | METHODOLOGY section 3 Time: the window ALL starts at the project's first recorded commit
-- column newest_day: contributors_active, corporate_share | METHODOLOGY section 3 Collected through: a project never collected (no repository collected, no commit recorded) has no contribution figures at all, never zeros
with reach as (
    select distinct on (r.repository_url) r.repository_url, r.collected_through
    from repository_collected_through r
    where r.project_id = :project and r.recorded_at <= :asof
    order by r.repository_url, r.recorded_at desc, r.id desc
)
select (select max(collected_through) from reach) as collected_through,
       (select count(*) from reach) as collected_repositories,
       (select min(cast(c.at at time zone 'UTC' as date)) from contribution c
        where c.project_id = :project and c.kind = 'commit' and visible_at(c.recorded_at, c.superseded_at, :asof)) as first_day,
       (select max(cast(c.at at time zone 'UTC' as date)) from contribution c
        where c.project_id = :project and c.kind = 'commit' and visible_at(c.recorded_at, c.superseded_at, :asof)) as newest_day

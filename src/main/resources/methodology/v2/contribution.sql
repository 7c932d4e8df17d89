-- Methodology version 2: the contribution indicators at every step, from the versioned fact tables (identities, affiliations, parents) as recorded on :asof.
-- Parameters: :project, :asof (the "as recorded on" instant) and the steps (:days, :lo_days, :lo24s, :top_orgs; CTE steps, Steps.java).
-- Rules: METHODOLOGY.md version 2 section 3, "Contribution" and the attribution rules of section 2 (affiliation valid on the date of the act, best source tier, top-level parent on that date, bots excluded, a merge once by its commit sha with the GitHub record winning); :kinds is the contribution kinds (merge for gatekeeper_top_org_share).
-- Forks (METHODOLOGY.md section 7, docs/METHODOLOGY.md section 2): work before a fork's fork point belongs to the upstream, not the fork: a fork's contributions dated on or before its fork point's date are left out (the git collector skips them when the fork point is known; this keeps a collection made without it from counting the upstream's history).
-- How: the window edges of all steps cut time into slices; each step's window (lo_day, day] is a run of whole slices
-- (a day's slice is found by width_bucket in the sorted edges). Contributions are counted per slice and attribution,
-- and each slice row is added to the steps that hold it, so a 120-month series with P12M windows joins (contributor,
-- month) rows to 12 steps each instead of every day's rows. The elephant and bus factors and the HHI need only the
-- sorted counts, so they are computed from levels (how many people or entities hold each count at each step); ties
-- never matter. new_orgs and hired use first days over all contributions up to the last step. Counts are int between
-- steps (a sum of bigint is numeric, whose aggregate state was most of a series' time). entity_id is the top
-- organisation's id, minus the contributor's id for an independent, null when unknown.
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column n_all: contributors_active, affiliation_coverage, corporate_share_bounds, bus_factor | METHODOLOGY section 3 Contribution: contributions of the kinds asked (commit by default) in the window, bots excluded, a merge once
-- column n_known: affiliation_coverage, corporate_share, independent_share, top_org_share, org_hhi, walkaway_share | METHODOLOGY section 3 Contribution: "Known contributions" are contributions whose contributor has an affiliation on the contribution's date
-- column n_company: corporate_share, corporate_share_bounds | METHODOLOGY section 3 Contribution: corporate_share, contributions by company affiliates / known contributions
-- column n_independent: independent_share | METHODOLOGY section 3 Contribution: independent_share, contributions by independents / known contributions
-- column n_contributors: contributors_active | METHODOLOGY section 3 Contribution: contributors_active, distinct contributors
-- column n_orgs: org_count | METHODOLOGY section 3 Contribution: org_count, distinct organisations (not independents) with known contributions
-- column n_entities: elephant_factor, org_hhi | METHODOLOGY section 3 Contribution: an independent counts as an organisation of one, an organisation as its top-level parent on the date
-- column elephant: elephant_factor | METHODOLOGY section 3 Contribution: elephant_factor, the fewest entities, largest first, reaching 50% of known contributions
-- column hhi: org_hhi | METHODOLOGY section 3 Contribution: org_hhi, sum of squared shares of the same entities
-- column top_org_key: top_org, top_org_share, walkaway_share | METHODOLOGY section 3 Contribution: top_org, the organisation (not an independent) with most known contributions, ties by key
-- column top_org_count: top_org_share, walkaway_share | METHODOLOGY section 3 Contribution: top_org_share, its share of known contributions
-- column bus: bus_factor | METHODOLOGY section 3 Contribution: bus_factor, the fewest contributors reaching 50% of all contributions
-- column new_orgs: new_orgs | METHODOLOGY section 3 Contribution: new_orgs, organisations whose first contribution to the project falls in the window
-- column hired: hired_contributors | METHODOLOGY section 3 Contribution: hired_contributors, first contribution while at a company in the window after contributing as independent or academic
-- column any_recorded: contributors_active, new_orgs, hired_contributors | METHODOLOGY section 3 "Every value": a value that cannot be computed is null, never 0 (no contribution recorded at all)
-- column n_independent_people: independent_share | METHODOLOGY section 3 Contribution: independent_share (detail: the independents behind it)
with steps as (
    select s.i, s.day, s.lo_day, s.lo24, s.top_org,
           (cast(s.lo_day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as lo,
           (cast(s.day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as hi
    from unnest(cast(cast(:days as text) as date[]), cast(cast(:lo_days as text) as date[]),
                cast(cast(:lo24s as text) as date[]), cast(cast(:top_orgs as text) as text[]))
         with ordinality as s(day, lo_day, lo24, top_org, i)
),
base as (
    select c.id, c.at, cast(c.at at time zone 'UTC' as date) as day, l.contributor_id
    from contribution c
    join identity_link l on l.id = c.identity_id
     and visible_at(l.recorded_at, l.superseded_at, :asof)
    where c.project_id = :project and c.kind in (:kinds) and c.at <= (select max(hi) from steps)
      and visible_at(c.recorded_at, c.superseded_at, :asof)
      and not l.is_bot
      and cast(c.at at time zone 'UTC' as date) > (select coalesce(max(fv.fork_point_date), date '-infinity') from project_version fv
          where fv.id = :project and fv.upstream_project_id is not null and visible_at(fv.recorded_at, fv.superseded_at, :asof))
      and not (c.kind = 'merge' and exists (
          select 1 from contribution d
          where d.project_id = c.project_id and d.kind = 'merge' and d.reference = c.reference and d.id <> c.id
            and visible_at(d.recorded_at, d.superseded_at, :asof)
            and (d.source_kind = 'github', -d.id) > (c.source_kind = 'github', -c.id)))
),
pairs as (select distinct contributor_id, day from base),
-- the attribution rule (migration V064): no row when no affiliation holds on the day
aff as (
    select p.contributor_id, p.day, x.organisation_id, x.top_organisation_id
    from pairs p cross join lateral attribution_on(p.contributor_id, p.day, :asof) x
),
org_type as (
    select v.id, v.type from organisation_version v
    where visible_at(v.recorded_at, v.superseded_at, :asof)
),
attributed as (
    select b.id, b.at, b.day, b.contributor_id,
           a.contributor_id is not null as known,
           a.organisation_id,
           case when a.contributor_id is null then null
                when a.organisation_id is null then 'independent:' || b.contributor_id
                else o.key end as entity,
           case when a.organisation_id is not null then o.key end as org_key,
           ot.type as org_type,
           case when a.contributor_id is null then null
                when a.organisation_id is null then -b.contributor_id
                else a.top_organisation_id end as entity_id
    from base b
    left join aff a on a.contributor_id = b.contributor_id and a.day = b.day
    left join organisation o on o.id = a.top_organisation_id
    left join org_type ot on ot.id = a.organisation_id
),
firsts as (select org_key, min(day) as first_day from attributed where org_key is not null group by org_key),
careers as (
    select * from (
        select contributor_id,
               min(day) filter (where org_type = 'company') as first_company,
               min(day) filter (where known and (organisation_id is null or org_type = 'academic')) as first_independent
        from attributed group by contributor_id) x
    where first_independent < first_company
),
\ir contribution-figures.sql

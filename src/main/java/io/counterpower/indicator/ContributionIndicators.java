package io.counterpower.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contribution indicators of METHODOLOGY.md section 3 ({@code contributors_active},
 * {@code affiliation_coverage}, {@code corporate_share} and its bounds, {@code independent_share},
 * {@code top_org}, {@code top_org_share}, {@code elephant_factor}, {@code org_hhi}, {@code org_count},
 * {@code bus_factor}, {@code new_orgs}, {@code hired_contributors}) and {@code walkaway_share} of
 * section 7, computed by PostgreSQL in one statement.
 *
 * <p>Each contribution is attributed to the affiliation valid on its UTC date (the best source tier
 * wins), the organisation rolled up to its top-level parent on that date; an independent is an
 * entity of its own ({@code independent:<contributor id>}); no affiliation is unknown. Bots (as
 * recorded on the scope's instant) are excluded; a merge recorded twice (the commit author and
 * GitHub's merged_by) counts once, for the GitHub record.
 */
@ApplicationScoped
public class ContributionIndicators implements IndicatorGroup {
    /** The attributed contributions up to the end of the window; {@code in_window} marks those inside it. */
    static final String ATTRIBUTED = """
            recursive
            base as (
                select c.id, c.at, cast(c.at at time zone 'UTC' as date) as day, l.contributor_id, c.at > :lo as in_window
                from contribution c
                join identity_link l on l.id = c.identity_id
                 and l.recorded_at <= :asof and (l.superseded_at is null or l.superseded_at > :asof)
                where c.project_id = :project and c.kind in (:kinds) and c.at <= :hi
                  and c.recorded_at <= :asof and (c.superseded_at is null or c.superseded_at > :asof)
                  and not l.is_bot
                  and not (c.kind = 'merge' and exists (
                      select 1 from contribution d
                      where d.project_id = c.project_id and d.kind = 'merge' and d.reference = c.reference and d.id <> c.id
                        and d.recorded_at <= :asof and (d.superseded_at is null or d.superseded_at > :asof)
                        and (d.source_kind = 'github', -d.id) > (c.source_kind = 'github', -c.id)))
            ),
            pairs as (select distinct contributor_id, day from base),
            aff as (
                select distinct on (p.contributor_id, p.day) p.contributor_id, p.day, a.organisation_id
                from pairs p
                join affiliation a on a.contributor_id = p.contributor_id
                 and (a.valid_from is null or a.valid_from <= p.day) and (a.valid_to is null or a.valid_to >= p.day)
                 and a.recorded_at <= :asof and (a.superseded_at is null or a.superseded_at > :asof)
                order by p.contributor_id, p.day, a.source_tier, a.id
            ),
            rollup as (
                select o.organisation_id as org, o.day, o.organisation_id as top, 0 as depth
                from (select distinct organisation_id, day from aff where organisation_id is not null) o
                union all
                select r.org, r.day, p.parent_id, r.depth + 1
                from rollup r
                join organisation_parent p on p.organisation_id = r.top
                 and (p.valid_from is null or p.valid_from <= r.day) and (p.valid_to is null or p.valid_to >= r.day)
                 and p.recorded_at <= :asof and (p.superseded_at is null or p.superseded_at > :asof)
                where r.depth < 10
            ),
            tops as (select distinct on (org, day) org, day, top from rollup order by org, day, depth desc),
            org_type as (
                select v.id, v.type from organisation_version v
                where v.recorded_at <= :asof and (v.superseded_at is null or v.superseded_at > :asof)
            ),
            attributed as (
                select b.id, b.at, b.contributor_id, b.in_window,
                       a.contributor_id is not null as known,
                       a.organisation_id,
                       case when a.contributor_id is null then null
                            when a.organisation_id is null then 'independent:' || b.contributor_id
                            else o.key end as entity,
                       case when a.organisation_id is not null then o.key end as org_key,
                       ot.type as org_type
                from base b
                left join aff a on a.contributor_id = b.contributor_id and a.day = b.day
                left join tops t on t.org = a.organisation_id and t.day = b.day
                left join organisation o on o.id = t.top
                left join org_type ot on ot.id = a.organisation_id
            )""";

    private static final String SQL = "with " + ATTRIBUTED + """
            ,
            w as (select * from attributed where in_window),
            totals as (
                select count(*) as n_all,
                       count(*) filter (where known) as n_known,
                       count(*) filter (where org_type = 'company') as n_company,
                       count(*) filter (where known and organisation_id is null) as n_independent,
                       count(distinct contributor_id) as n_contributors,
                       count(distinct org_key) as n_orgs,
                       count(distinct entity) as n_entities
                from w
            ),
            entities as (select entity, org_key, count(*) as cnt from w where known group by entity, org_key),
            ranked as (
                select cnt, sum(cnt) over (order by cnt desc, entity rows unbounded preceding) as cum from entities
            ),
            people as (select contributor_id, count(*) as cnt from w group by contributor_id),
            people_ranked as (
                select cnt, sum(cnt) over (order by cnt desc, contributor_id rows unbounded preceding) as cum from people
            ),
            top_org as (select org_key, cnt from entities where org_key is not null order by cnt desc, org_key limit 1),
            firsts as (select org_key, min(at) as first_at from attributed where org_key is not null group by org_key),
            careers as (
                select contributor_id,
                       min(at) filter (where org_type = 'company') as first_company,
                       min(at) filter (where known and (organisation_id is null or org_type = 'academic')) as first_independent
                from attributed group by contributor_id
            )
            select t.n_all, t.n_known, t.n_company, t.n_independent, t.n_contributors, t.n_orgs, t.n_entities,
                   (select count(*) from ranked r, totals x where 2 * (r.cum - r.cnt) < x.n_known) as elephant,
                   (select sum(power(cast(e.cnt as float8) / x.n_known, 2)) from entities e, totals x where x.n_known > 0) as hhi,
                   (select org_key from top_org) as top_org,
                   (select cnt from top_org) as top_org_count,
                   (select count(*) from people_ranked r, totals x where 2 * (r.cum - r.cnt) < x.n_all) as bus,
                   (select count(*) from firsts where first_at > :lo) as new_orgs,
                   (select count(*) from careers where first_company > :lo and first_independent < first_company) as hired,
                   exists (select 1 from contribution c where c.project_id = :project and c.kind in (:kinds)
                           and c.recorded_at <= :asof and (c.superseded_at is null or c.superseded_at > :asof)) as any_recorded
            from totals t""";

    @Inject
    EntityManager em;

    /** The raw aggregates of one scope. */
    record Counts(long all, long known, long company, long independent, long contributors, long orgs, long entities,
                  long elephant, Double hhi, String topOrg, long topOrgCount, long bus, long newOrgs, long hired,
                  boolean anyRecorded) {
    }

    Counts counts(Scope scope) {
        Object[] r = (Object[]) em.createNativeQuery(SQL)
                .setParameter("project", scope.projectId())
                .setParameter("kinds", scope.kinds())
                .setParameter("lo", scope.lo())
                .setParameter("hi", scope.hi())
                .setParameter("asof", scope.recordedOn())
                .getSingleResult();
        return new Counts(l(r[0]), l(r[1]), l(r[2]), l(r[3]), l(r[4]), l(r[5]), l(r[6]), l(r[7]),
                r[8] == null ? null : ((Number) r[8]).doubleValue(), (String) r[9], l(r[10]), l(r[11]), l(r[12]),
                l(r[13]), (Boolean) r[14]);
    }

    @Override
    public void compute(Scope scope, Values out) {
        Counts c = counts(scope);
        double known = Values.coverage(c.known(), c.all());
        // A count is 0 only when contributions are recorded for the project at all: no data is not "nobody".
        Long contributors = c.anyRecorded() ? c.contributors() : null;
        out.put("contributors_active", contributors, c.anyRecorded() ? 1.0 : 0.0, c.all());
        out.put("affiliation_coverage", Values.share(c.known(), c.all()), c.all() == 0 ? 0.0 : 1.0, c.all(),
                List.of(), Values.detail("known", c.known(), "all", c.all()));
        out.put("corporate_share", Values.share(c.company(), c.known()), known, c.known(), List.of(),
                Values.detail("company", c.company(), "known", c.known(), "unknown", c.all() - c.known()));
        out.put("corporate_share_bounds", c.all() == 0 ? null
                        : List.of(Values.round((double) c.company() / c.all()),
                        Values.round((double) (c.company() + c.all() - c.known()) / c.all())),
                c.all() == 0 ? 0.0 : 1.0, c.all());
        out.put("independent_share", Values.share(c.independent(), c.known()), known, c.known(), List.of(),
                Values.detail("independent", c.independent(), "known", c.known()));
        Double topShare = c.known() == 0 ? null : (double) c.topOrgCount() / c.known();
        Map<String, Object> topDetail = Values.detail("organisation", c.topOrg(), "contributions", c.topOrgCount(), "known", c.known());
        out.put("top_org", c.known() == 0 ? null : c.topOrg(), known, c.known(), List.of(), topDetail);
        out.put("top_org_share", topShare, known, c.known(), List.of(), topDetail);
        out.put("elephant_factor", c.known() == 0 ? null : c.elephant(), known, c.known(), List.of(),
                Values.detail("entities", c.entities()));
        out.put("org_hhi", c.known() == 0 ? null : c.hhi(), known, c.known(), List.of(), Values.detail("entities", c.entities()));
        out.put("org_count", c.known() == 0 ? null : c.orgs(), known, c.known());
        out.put("bus_factor", c.all() == 0 ? null : c.bus(), c.all() == 0 ? 0.0 : 1.0, c.all(), List.of(),
                Values.detail("contributors", c.contributors()));
        Object newOrgs = c.known() > 0 ? Long.valueOf(c.newOrgs()) : c.anyRecorded() && c.all() == 0 ? Long.valueOf(0) : null;
        out.put("new_orgs", newOrgs, known, c.known());
        out.put("hired_contributors", c.anyRecorded() ? c.hired() : null, known, c.all());
        out.put("walkaway_share", topShare == null ? null : 1.0 - topShare, known, c.known(), List.of(), topDetail);
    }

    private static long l(Object o) {
        return o == null ? 0L : ((Number) o).longValue();
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(List.of("contributors_active", "affiliation_coverage", "corporate_share", "corporate_share_bounds",
                "independent_share", "top_org", "top_org_share", "elephant_factor", "org_hhi", "org_count", "bus_factor",
                "new_orgs", "hired_contributors", "walkaway_share"));
    }
}

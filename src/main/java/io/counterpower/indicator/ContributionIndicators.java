package io.counterpower.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.LocalDate;
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
    /**
     * The attributed contributions up to the end of the last step. Attribution depends on the date of
     * the act only, never on the date evaluated, so it is computed once for every step.
     */
    static final String ATTRIBUTED = """
            recursive
            """ + Steps.CTE + """
            ,
            base as (
                select c.id, c.at, cast(c.at at time zone 'UTC' as date) as day, l.contributor_id
                from contribution c
                join identity_link l on l.id = c.identity_id
                 and l.recorded_at <= :asof and (l.superseded_at is null or l.superseded_at > :asof)
                where c.project_id = :project and c.kind in (:kinds) and c.at <= (select max(hi) from steps)
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
                select b.id, b.at, b.day, b.contributor_id,
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

    /**
     * The aggregates of every step. Contributions are first counted per day and attribution
     * ({@code daily}); each distinct day is matched to the steps whose window (lo_day, day] holds it
     * ({@code day_steps}, a contiguous run of steps); the aggregates are then grouped by step.
     * {@code new_orgs} and {@code hired} use first dates over all contributions up to the last step:
     * a first date inside a step's window is also the first date up to that step's end.
     */
    private static final String SQL = "with " + ATTRIBUTED + """
            ,
            daily as (
                select day, contributor_id, known, organisation_id, entity, org_key, org_type, count(*) as cnt
                from attributed group by day, contributor_id, known, organisation_id, entity, org_key, org_type
            ),
            day_steps as (
                select d.day, s.i from (select distinct day from daily) d join steps s on d.day <= s.day and d.day > s.lo_day
            ),
            w as (select ds.i, d.* from daily d join day_steps ds on ds.day = d.day),
            totals as (
                select s.i, s.lo, s.hi,
                       coalesce(sum(w.cnt), 0) as n_all,
                       coalesce(sum(w.cnt) filter (where w.known), 0) as n_known,
                       coalesce(sum(w.cnt) filter (where w.org_type = 'company'), 0) as n_company,
                       coalesce(sum(w.cnt) filter (where w.known and w.organisation_id is null), 0) as n_independent,
                       count(distinct w.contributor_id) as n_contributors,
                       count(distinct w.org_key) as n_orgs,
                       count(distinct w.entity) as n_entities,
                       count(distinct w.contributor_id) filter (where w.known and w.organisation_id is null) as n_independent_people
                from steps s left join w on w.i = s.i
                group by s.i, s.lo, s.hi
            ),
            entities as (select i, entity, org_key, sum(cnt) as cnt from w where known group by i, entity, org_key),
            ranked as (
                select i, cnt, sum(cnt) over (partition by i order by cnt desc, entity rows unbounded preceding) as cum from entities
            ),
            elephant as (
                select r.i, count(*) as n from ranked r join totals t on t.i = r.i where 2 * (r.cum - r.cnt) < t.n_known group by r.i
            ),
            hhi as (
                select e.i, sum(power(cast(e.cnt as float8) / t.n_known, 2)) as v
                from entities e join totals t on t.i = e.i where t.n_known > 0 group by e.i
            ),
            people as (select i, contributor_id, sum(cnt) as cnt from w group by i, contributor_id),
            people_ranked as (
                select i, cnt, sum(cnt) over (partition by i order by cnt desc, contributor_id rows unbounded preceding) as cum from people
            ),
            bus as (
                select r.i, count(*) as n from people_ranked r join totals t on t.i = r.i where 2 * (r.cum - r.cnt) < t.n_all group by r.i
            ),
            top_org as (
                select distinct on (i) i, org_key, cnt from entities where org_key is not null order by i, cnt desc, org_key
            ),
            firsts as (select org_key, min(at) as first_at from attributed where org_key is not null group by org_key),
            new_orgs as (
                select s.i, count(*) as n from firsts f join steps s on f.first_at > s.lo and f.first_at <= s.hi group by s.i
            ),
            careers as (
                select * from (
                    select contributor_id,
                           min(at) filter (where org_type = 'company') as first_company,
                           min(at) filter (where known and (organisation_id is null or org_type = 'academic')) as first_independent
                    from attributed group by contributor_id) x
                where first_independent < first_company
            ),
            hired as (
                select s.i, count(*) as n from careers c join steps s on c.first_company > s.lo and c.first_company <= s.hi group by s.i
            )
            select t.i, t.n_all, t.n_known, t.n_company, t.n_independent, t.n_contributors, t.n_orgs, t.n_entities,
                   coalesce(el.n, 0), h.v, tp.org_key, tp.cnt, coalesce(b.n, 0), coalesce(nw.n, 0), coalesce(hd.n, 0),
                   exists (select 1 from contribution c where c.project_id = :project and c.kind in (:kinds)
                           and c.recorded_at <= :asof and (c.superseded_at is null or c.superseded_at > :asof)) as any_recorded,
                   t.n_independent_people
            from totals t
            left join elephant el on el.i = t.i
            left join hhi h on h.i = t.i
            left join top_org tp on tp.i = t.i
            left join bus b on b.i = t.i
            left join new_orgs nw on nw.i = t.i
            left join hired hd on hd.i = t.i
            order by t.i""";

    @Inject
    EntityManager em;

    /** The raw aggregates of one scope. */
    record Counts(long all, long known, long company, long independent, long contributors, long orgs, long entities,
                  long elephant, Double hhi, String topOrg, long topOrgCount, long bus, long newOrgs, long hired,
                  boolean anyRecorded, long independentPeople) {
    }

    Counts counts(Scope scope) {
        return counts(scope, new Steps(List.of(scope.at()), scope.window())).get(0);
    }

    /** The aggregates at each step, in the steps' order. */
    List<Counts> counts(Scope scope, Steps steps) {
        Query q = em.createNativeQuery(SQL)
                .setParameter("project", scope.projectId())
                .setParameter("kinds", scope.kinds())
                .setParameter("asof", scope.recordedOn());
        steps.bind(q);
        List<Counts> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new Counts(l(r[1]), l(r[2]), l(r[3]), l(r[4]), l(r[5]), l(r[6]), l(r[7]), l(r[8]),
                    r[9] == null ? null : ((Number) r[9]).doubleValue(), (String) r[10], l(r[11]), l(r[12]), l(r[13]),
                    l(r[14]), (Boolean) r[15], l(r[16])));
        }
        if (out.size() != steps.days.size()) {
            throw new IllegalStateException("expected " + steps.days.size() + " steps, got " + out.size());
        }
        return out;
    }

    /**
     * Whether, at each step, a contribution in the window counts through an affiliation that was
     * under an open dispute as recorded on the scope's instant: such figures are flagged
     * {@code disputed_affiliation}. Conservative: any affiliation of the contributor valid on the
     * contribution's day counts, not only the tier that won.
     */
    static final String DISPUTED = "with " + Steps.CTE + """
            select s.i, exists (
                select 1 from contribution c
                join identity_link l on l.id = c.identity_id
                 and l.recorded_at <= :asof and (l.superseded_at is null or l.superseded_at > :asof)
                join affiliation a on a.contributor_id = l.contributor_id
                 and a.recorded_at <= :asof and (a.superseded_at is null or a.superseded_at > :asof)
                 and (a.valid_from is null or a.valid_from <= cast(c.at at time zone 'UTC' as date))
                 and (a.valid_to is null or a.valid_to >= cast(c.at at time zone 'UTC' as date))
                join affiliation_dispute d on d.affiliation_id = a.id
                 and d.raised_at <= :asof and (d.resolved_at is null or d.resolved_at > :asof)
                where c.project_id = :project and c.kind in (:kinds) and c.at > s.lo and c.at <= s.hi
                  and c.recorded_at <= :asof and (c.superseded_at is null or c.superseded_at > :asof))
            from steps s order by s.i""";

    @Override
    public List<Values> compute(Scope scope, List<LocalDate> days) {
        Steps steps = new Steps(days, scope.window());
        List<Counts> counts = counts(scope, steps);
        List<Boolean> disputed = disputed(scope, steps);
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            Values v = new Values(scope.methodology());
            put(counts.get(i), v);
            out.add(disputed.get(i) ? v.flagAll("disputed_affiliation") : v);
        }
        return out;
    }

    private List<Boolean> disputed(Scope scope, Steps steps) {
        Query q = em.createNativeQuery(DISPUTED)
                .setParameter("project", scope.projectId())
                .setParameter("kinds", scope.kinds())
                .setParameter("asof", scope.recordedOn());
        steps.bind(q);
        List<Boolean> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            out.add(Boolean.TRUE.equals(((Object[]) row)[1]));
        }
        return out;
    }

    private static void put(Counts c, Values out) {
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
                Values.detail("independent", c.independent(), "known", c.known(), "independent_contributors", c.independentPeople()));
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

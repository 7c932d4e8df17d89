package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
                       ot.type as org_type,
                       case when a.contributor_id is null then null
                            when a.organisation_id is null then -b.contributor_id
                            else t.top end as entity_id
                from base b
                left join aff a on a.contributor_id = b.contributor_id and a.day = b.day
                left join tops t on t.org = a.organisation_id and t.day = b.day
                left join organisation o on o.id = t.top
                left join org_type ot on ot.id = a.organisation_id
            )""";

    /**
     * The same rows for the facts as currently recorded, read from {@code contribution_attribution}
     * (migration V005), which the writers' transactions keep attributed: no affiliation or parent
     * lookup at read time. Only the window's rows are read for {@code attributed}; {@code history}
     * groups the whole history up to the last step once (first day of each contributor under each
     * attribution), from which come the first day of each organisation ({@code firsts}) and each
     * contributor's first company and independent days ({@code careers}).
     */
    static final String CURRENT = """
            """ + Steps.CTE + """
            ,
            attributed as (
                select x.day, x.contributor_id, x.known, x.organisation_id, ot.type as org_type,
                       case when not x.known then null
                            when x.organisation_id is null then -x.contributor_id
                            else x.top_organisation_id end as entity_id
                from contribution_attribution x
                left join organisation_version ot on ot.id = x.organisation_id and ot.superseded_at is null
                where x.project_id = :project and x.kind in (:kinds)
                  and x.day > (select min(lo_day) from steps) and x.day <= (select max(day) from steps)
            ),
            history as (
                select contributor_id, known, organisation_id, top_organisation_id, min(day) as first_day
                from contribution_attribution
                where project_id = :project and kind in (:kinds) and day <= (select max(day) from steps)
                group by contributor_id, known, organisation_id, top_organisation_id
            ),
            firsts as (
                select o.key as org_key, min(h.first_day) as first_day
                from history h join organisation o on o.id = h.top_organisation_id group by o.key
            ),
            careers as (
                select * from (
                    select h.contributor_id,
                           min(h.first_day) filter (where ot.type = 'company') as first_company,
                           min(h.first_day) filter (where h.known and (h.organisation_id is null or ot.type = 'academic')) as first_independent
                    from history h
                    left join organisation_version ot on ot.id = h.organisation_id and ot.superseded_at is null
                    group by h.contributor_id) x
                where first_independent < first_company
            )""";

    /** {@code firsts} and {@code careers} of {@link #CURRENT}, from the attributed rows of the full statement. */
    private static final String HISTORY = """
            ,
            firsts as (select org_key, min(day) as first_day from attributed where org_key is not null group by org_key),
            careers as (
                select * from (
                    select contributor_id,
                           min(day) filter (where org_type = 'company') as first_company,
                           min(day) filter (where known and (organisation_id is null or org_type = 'academic')) as first_independent
                    from attributed group by contributor_id) x
                where first_independent < first_company
            )""";

    /**
     * The aggregates of every step, from {@code attributed} (one row per contribution with its
     * {@code entity_id}: the top organisation's id, minus the contributor's id for an independent,
     * null when unknown), {@code firsts} and {@code careers}.
     *
     * <p>The window edges of all steps cut time into slices; each step's window (lo_day, day] is a run
     * of whole slices. A day's slice is the first edge on or after it, found by {@code width_bucket}
     * in the sorted edges. Contributions are counted per slice and attribution ({@code sliced}); each
     * slice row is then added to the steps that hold it. A 120-month series with P12M windows thus
     * joins (contributor, month) rows to 12 steps each instead of every day's rows. The elephant and
     * bus factors and the HHI need only the sorted counts, not who holds them: they are computed
     * from levels (how many people or entities hold each count at each step), a few thousand rows
     * instead of sorting the 330,000 (step, contributor) rows of a long series; ties therefore never
     * matter. The top organisation's tie is broken by its key. {@code new_orgs} and {@code hired} use first days over
     * all contributions up to the last step: a first day inside a step's window is also the first day
     * up to that step's end. Days, not instants: a contributor has one attribution per day, and the
     * windows are whole UTC days. Counts are {@code int} between steps: a {@code sum} of {@code bigint}
     * is {@code numeric}, whose aggregate state took 130 MB and most of the time for a series.
     */
    private static final String AGGREGATES = """
            ,
            edge_list as (select array_agg(edge order by edge) as edges from (select lo_day as edge from steps union select day from steps) e),
            slice_steps as (
                select k as slice, s.i
                from edge_list l cross join generate_subscripts(l.edges, 1) k join steps s on l.edges[k] > s.lo_day and l.edges[k] <= s.day
            ),
            sliced as (
                select width_bucket(a.day - 1, l.edges) + 1 as slice, a.contributor_id, a.known, a.organisation_id, a.entity_id, a.org_type,
                       cast(count(*) as int) as cnt
                from attributed a cross join edge_list l
                where a.day > l.edges[1] and a.day <= l.edges[cardinality(l.edges)]
                group by 1, a.contributor_id, a.known, a.organisation_id, a.entity_id, a.org_type
            ),
            sums as (
                select ss.i, sum(x.n_all) as n_all, sum(x.n_known) as n_known, sum(x.n_company) as n_company,
                       sum(x.n_independent) as n_independent
                from (select slice, sum(cnt) as n_all,
                             sum(cnt) filter (where known) as n_known,
                             sum(cnt) filter (where org_type = 'company') as n_company,
                             sum(cnt) filter (where known and organisation_id is null) as n_independent
                      from sliced group by slice) x
                join slice_steps ss on ss.slice = x.slice
                group by ss.i
            ),
            entities as (
                select ss.i, e.entity_id, cast(sum(e.cnt) as int) as cnt
                from (select slice, entity_id, cast(sum(cnt) as int) as cnt from sliced where known group by slice, entity_id) e
                join slice_steps ss on ss.slice = e.slice
                group by ss.i, e.entity_id
            ),
            people as (
                select ss.i, p.contributor_id, cast(sum(p.cnt) as int) as cnt
                from (select slice, contributor_id, cast(sum(cnt) as int) as cnt from sliced group by slice, contributor_id) p
                join slice_steps ss on ss.slice = p.slice
                group by ss.i, p.contributor_id
            ),
            -- how many people (entities) have each count at each step: the elephant and bus factors and the HHI
            -- need only the sorted counts, not who holds them
            people_levels as (select i, cnt, count(*) as m from people group by i, cnt),
            entity_levels as (
                select i, cnt, count(*) as m, count(*) filter (where entity_id > 0) as orgs, count(*) filter (where entity_id < 0) as independents
                from entities group by i, cnt
            ),
            distinct_people as (select i, sum(m) as n from people_levels group by i),
            distinct_entities as (
                select i, sum(m) as n, sum(orgs) as orgs, sum(independents) as independents -- an independent is the entity -contributor_id
                from entity_levels group by i
            ),
            totals as (
                select s.i, coalesce(x.n_all, 0) as n_all, coalesce(x.n_known, 0) as n_known,
                       coalesce(x.n_company, 0) as n_company, coalesce(x.n_independent, 0) as n_independent,
                       coalesce(p.n, 0) as n_contributors, coalesce(e.orgs, 0) as n_orgs, coalesce(e.n, 0) as n_entities,
                       coalesce(e.independents, 0) as n_independent_people
                from steps s
                left join sums x on x.i = s.i
                left join distinct_people p on p.i = s.i
                left join distinct_entities e on e.i = s.i
            ),
            -- The factor counts the largest holders, one by one, while the ones before them hold less than half:
            -- within a level of equal counts c, after `before` contributions of larger levels, the j-th holder
            -- (j = 1..m) is counted when 2 * (before + (j - 1) * c) < n, i.e. min(m, ceil((n - 2 * before) / (2 * c))).
            entity_factor as (
                select l.i, sum(least(l.m, (cast(t.n_known as bigint) - 2 * l.before + 2 * l.cnt - 1) / (2 * l.cnt))) filter (where t.n_known > 2 * l.before) as elephant,
                       sum(l.m * power(cast(l.cnt as float8) / t.n_known, 2)) filter (where t.n_known > 0) as hhi
                from (select i, cnt, m, cast(coalesce(sum(cnt * m) over (partition by i order by cnt desc rows between unbounded preceding and 1 preceding), 0) as bigint) as before
                      from entity_levels) l
                join totals t on t.i = l.i
                group by l.i
            ),
            bus as (
                select l.i, sum(least(l.m, (cast(t.n_all as bigint) - 2 * l.before + 2 * l.cnt - 1) / (2 * l.cnt))) filter (where t.n_all > 2 * l.before) as n
                from (select i, cnt, m, cast(coalesce(sum(cnt * m) over (partition by i order by cnt desc rows between unbounded preceding and 1 preceding), 0) as bigint) as before
                      from people_levels) l
                join totals t on t.i = l.i
                group by l.i
            ),
            top_org as (
                select distinct on (e.i) e.i, o.key as org_key, e.cnt
                from (select i, entity_id, cnt, max(cnt) over (partition by i) as top_cnt from entities where entity_id > 0) e
                join organisation o on o.id = e.entity_id
                where e.cnt = e.top_cnt
                order by e.i, e.cnt desc, o.key
            ),
            new_orgs as (
                select s.i, count(*) as n from firsts f join steps s on f.first_day > s.lo_day and f.first_day <= s.day group by s.i
            ),
            hired as (
                select s.i, count(*) as n from careers c join steps s on c.first_company > s.lo_day and c.first_company <= s.day group by s.i
            )
            select t.i, t.n_all, t.n_known, t.n_company, t.n_independent, t.n_contributors, t.n_orgs, t.n_entities,
                   coalesce(ef.elephant, 0), ef.hhi, tp.org_key, tp.cnt, coalesce(b.n, 0), coalesce(nw.n, 0), coalesce(hd.n, 0),
                   exists (select 1 from contribution c where c.project_id = :project and c.kind in (:kinds)
                           and c.recorded_at <= :asof and (c.superseded_at is null or c.superseded_at > :asof)) as any_recorded,
                   t.n_independent_people
            from totals t
            left join entity_factor ef on ef.i = t.i
            left join top_org tp on tp.i = t.i
            left join bus b on b.i = t.i
            left join new_orgs nw on nw.i = t.i
            left join hired hd on hd.i = t.i
            order by t.i""";

    /** The statement over the versioned fact tables: any "as recorded on" instant. */
    static final String SQL = "with " + ATTRIBUTED + HISTORY + AGGREGATES;

    /** The statement over {@code contribution_attribution}: the facts as currently recorded. */
    static final String SQL_CURRENT = "with " + CURRENT + AGGREGATES;

    /** The flag of a figure that rests on an affiliation under an open dispute. */
    static final String DISPUTED_AFFILIATION = "disputed_affiliation";

    @Inject
    EntityManager em;
    @ConfigProperty(name = "counterpower.indicators.work-mem", defaultValue = "64MB")
    String workMem;

    /** The raw aggregates of one scope. */
    record Counts(long all, long known, long company, long independent, long contributors, long orgs, long entities,
                  long elephant, Double hhi, String topOrg, long topOrgCount, long bus, long newOrgs, long hired,
                  boolean anyRecorded, long independentPeople) {
    }

    Counts counts(Scope scope) {
        return counts(scope, new Steps(List.of(scope.at()), scope.window())).get(0);
    }

    /**
     * The aggregates at each step, in the steps' order. The statement runs in a transaction of its own
     * (or the caller's) with {@code work_mem} raised for it alone: a long series hashes a few hundred
     * thousand (step, contributor) groups, which the default 4 MB spills to disk.
     */
    List<Counts> counts(Scope scope, Steps steps) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            // A custom plan each time: after five executions on a connection the driver prepares the
            // statement and PostgreSQL may switch to a generic plan, which cannot see the dates (one
            // step or 120) and took 1.6-2.3 times as long for a series (bench/RESULTS.md). Planning is ~7 ms.
            em.createNativeQuery("select set_config('work_mem', ?1, true), set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .setParameter(1, workMem).getSingleResult();
            return run(scope, steps);
        });
    }

    private List<Counts> run(Scope scope, Steps steps) {
        Query q = em.createNativeQuery(scope.asOf() == null ? SQL_CURRENT : SQL)
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
            ,
            disputed as materialized (
                select a.contributor_id, a.valid_from, a.valid_to
                from affiliation_dispute d
                join affiliation a on a.id = d.affiliation_id
                 and a.recorded_at <= :asof and (a.superseded_at is null or a.superseded_at > :asof)
                where d.raised_at <= :asof and (d.resolved_at is null or d.resolved_at > :asof)
            )
            select s.i, exists (
                select 1 from disputed a
                join identity_link l on l.contributor_id = a.contributor_id
                 and l.recorded_at <= :asof and (l.superseded_at is null or l.superseded_at > :asof)
                join contribution c on c.identity_id = l.id
                 and (a.valid_from is null or a.valid_from <= cast(c.at at time zone 'UTC' as date))
                 and (a.valid_to is null or a.valid_to >= cast(c.at at time zone 'UTC' as date))
                where c.project_id = :project and c.kind in (:kinds) and c.at > s.lo and c.at <= s.hi
                  and c.recorded_at <= :asof and (c.superseded_at is null or c.superseded_at > :asof))
            from steps s order by s.i""";

    /** The group's values at each of {@code days}, in the same order (see {@link IndicatorGroup}). */
    public List<Values> compute(Scope scope, List<LocalDate> days) {
        Steps steps = new Steps(days, scope.window());
        List<Counts> counts = counts(scope, steps);
        List<Boolean> disputed = disputed(scope, steps);
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            Values v = new Values(scope.methodology());
            put(counts.get(i), v);
            out.add(disputed.get(i) ? v.flagAll(DISPUTED_AFFILIATION) : v);
        }
        return out;
    }

    List<Boolean> disputed(Scope scope, Steps steps) {
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

package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
class ContributionIndicators implements IndicatorGroup {
    /**
     * The statements, per methodology version ({@link IndicatorStatements}): {@code contribution} over the
     * versioned fact tables (any "as recorded on" instant) and {@code contribution-current} over
     * {@code contribution_attribution} (migration V005, the facts as currently recorded), which the
     * writers' transactions keep attributed. Both cut the steps' windows into slices and aggregate each
     * slice once (see the comments in the files); {@code disputed} flags the steps whose figures rest on
     * an affiliation under an open dispute.
     */
    static final String AS_RECORDED = "contribution", CURRENT = "contribution-current", DISPUTED = "disputed";

    /** The flag of a figure that rests on an affiliation under an open dispute. */
    static final String DISPUTED_AFFILIATION = "disputed_affiliation";

    @Inject
    EntityManager em;
    @Inject
    IndicatorsConfig config;

    /** The raw aggregates of one scope. */
    record Counts(long all, long known, long company, long independent, long contributors, long orgs, long entities,
                  long elephant, Double hhi, String topOrg, long topOrgCount, long bus, long newOrgs, long hired,
                  boolean anyRecorded, long independentPeople) {
    }

    /**
     * The aggregates at each step, in the steps' order. The statement runs in a transaction of its own
     * (or the caller's) with {@code work_mem} raised for it alone: a long series hashes a few hundred
     * thousand (step, contributor) groups, which the default 4 MB spills to disk.
     */
    List<Counts> counts(FigureScope scope, Steps steps) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            // A custom plan each time: after five executions on a connection the driver prepares the
            // statement and PostgreSQL may switch to a generic plan, which cannot see the dates (one
            // step or 120) and took 1.6-2.3 times as long for a series (bench/RESULTS.md). Planning is ~7 ms.
            em.createNativeQuery("select set_config('work_mem', ?1, true), set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .setParameter(1, config.workMem()).getSingleResult();
            return run(scope, steps);
        });
    }

    private List<Counts> run(FigureScope scope, Steps steps) {
        Query q = em.createNativeQuery(IndicatorStatements.sql(scope.methodology(), scope.asOf() == null ? CURRENT : AS_RECORDED))
                .setParameter("project", scope.projectId())
                .setParameter("kinds", scope.kinds())
                .setParameter("asof", scope.recordedOn());
        steps.bind(q);
        List<Counts> out = new ArrayList<>();
        for (SqlRow r : SqlRow.list(q)) {
            out.add(new Counts(r.count("n_all"), r.count("n_known"), r.count("n_company"), r.count("n_independent"),
                    r.count("n_contributors"), r.count("n_orgs"), r.count("n_entities"), r.count("elephant"), r.number("hhi"),
                    r.text("top_org_key"), r.count("top_org_count"), r.count("bus"), r.count("new_orgs"), r.count("hired"),
                    r.bool("any_recorded"), r.count("n_independent_people")));
        }
        if (out.size() != steps.days.size()) {
            throw new IllegalStateException("expected " + steps.days.size() + " steps, got " + out.size());
        }
        return out;
    }

    /** The group's values at each of {@code days}, in the same order (see {@link IndicatorGroup}). */
    List<Values> compute(FigureScope scope, List<LocalDate> days) {
        Steps steps = new Steps(days, scope.window());
        List<Counts> counts = counts(scope, steps);
        List<Boolean> disputed = disputed(scope, steps);
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            Values v = new Values(scope.methodology());
            put(counts.get(i), v);
            out.add(disputed.get(i) ? v.flagAll(DISPUTED_AFFILIATION) : v);
        }
        return withinReach(scope, steps, out);
    }

    /** The flag (and, in an assessment, the reason) of a contribution figure whose window lies past the collection. */
    static final String NOT_COLLECTED = "not_collected";

    /**
     * How far a project's collection reaches as recorded on the scope's instant (version 2, {@code collected-through.sql}):
     * the furthest of its repositories' reaches; null with {@code recorded} when no repository was collected but
     * contributions were recorded otherwise (by hand, an import), whose reach is not known; null without when
     * nothing was ever collected or recorded.
     */
    record Reach(LocalDate collectedThrough, boolean recorded, LocalDate firstDay) {
        boolean neverCollected() {
            return collectedThrough == null && !recorded;
        }
    }

    Reach reach(FigureScope scope) {
        Query q = em.createNativeQuery(IndicatorStatements.sql(scope.methodology(), IndicatorStatements.COLLECTED_THROUGH))
                .setParameter("project", scope.projectId())
                .setParameter("asof", scope.recordedOn());
        SqlRow r = SqlRow.list(q).get(0);
        return new Reach(date(r.get("collected_through")), r.get("newest_day") != null, date(r.get("first_day")));
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    /**
     * Version 2, "Collected through" (METHODOLOGY.md section 3): each step's coverage is multiplied by the share
     * of its window (lo_day, day] that lies within collected time, in days; a window wholly past the reach, or a
     * project never collected, has no contribution figures: null with the flag {@code not_collected}, never 0.
     * The window ALL starts at the project's first recorded commit. Contributions recorded without a collection
     * (by hand, an import) carry no reach: their figures are not scaled. Every value names the reach in its detail
     * ({@code collectedThrough}, {@code collectedShare}). Version 1 is left as it answered.
     */
    List<Values> withinReach(FigureScope scope, Steps steps, List<Values> values) {
        if (scope.methodology().number() < 2) {
            return values;
        }
        Reach reach = reach(scope);
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            LocalDate day = steps.days.get(i);
            LocalDate lo = steps.window.lastDayBefore(day);
            if (steps.window == Window.ALL && reach.firstDay() != null) {
                lo = reach.firstDay().minusDays(1);
            }
            double share;
            if (reach.neverCollected() || reach.collectedThrough() != null && !reach.collectedThrough().isAfter(lo)) {
                share = 0;
            } else if (reach.collectedThrough() == null || !reach.collectedThrough().isBefore(day)) {
                share = 1;
            } else {
                share = (double) java.time.temporal.ChronoUnit.DAYS.between(lo, reach.collectedThrough())
                        / java.time.temporal.ChronoUnit.DAYS.between(lo, day);
            }
            Values scaled = new Values(scope.methodology());
            for (IndicatorValue v : values.get(i).values().values()) {
                Map<String, Object> detail = new java.util.LinkedHashMap<>();
                if (v.detail() != null) {
                    detail.putAll(v.detail());
                }
                detail.put("collectedThrough", reach.collectedThrough() == null ? null : reach.collectedThrough().toString());
                // No share when the reach is not known (contributions recorded without a collection): nothing is scaled.
                detail.put("collectedShare", reach.collectedThrough() == null && !reach.neverCollected() ? null : Values.round(share));
                if (share == 0) {
                    List<String> flags = new ArrayList<>(v.flags());
                    flags.add(NOT_COLLECTED);
                    scaled.put(v.name(), null, 0.0, 0, flags, detail);
                } else {
                    scaled.put(v.name(), v.value(), v.coverage() * share, v.n(), v.flags(), detail);
                }
            }
            out.add(scaled);
        }
        return out;
    }

    /**
     * Whether, at each step, a contribution in the window counts through an affiliation that was
     * under an open dispute as recorded on the scope's instant: such figures are flagged
     * {@code disputed_affiliation}. Conservative: any affiliation of the contributor valid on the
     * contribution's day counts, not only the tier that won.
     */
    List<Boolean> disputed(FigureScope scope, Steps steps) {
        Query q = em.createNativeQuery(IndicatorStatements.sql(scope.methodology(), DISPUTED))
                .setParameter("project", scope.projectId())
                .setParameter("kinds", scope.kinds())
                .setParameter("asof", scope.recordedOn());
        steps.bind(q);
        List<Boolean> out = new ArrayList<>();
        for (SqlRow row : SqlRow.list(q)) {
            out.add(Boolean.TRUE.equals(row.bool("disputed_affiliation")));
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

    @Override
    public List<String> names() {
        return new ArrayList<>(List.of("contributors_active", "affiliation_coverage", "corporate_share", "corporate_share_bounds",
                "independent_share", "top_org", "top_org_share", "elephant_factor", "org_hhi", "org_count", "bus_factor",
                "new_orgs", "hired_contributors", "walkaway_share"));
    }
}

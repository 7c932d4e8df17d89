package io.counterpower.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gatekeeper_top_org_share}: the top organisation's share of the merges, and (version 2)
 * {@code walkaway_mergers} of METHODOLOGY.md section 7: the distinct people outside the top organisation
 * of contributions who merged in the window. A group of its own because it is the contribution statement
 * run a second time over the merges: a series or a comparison that does not ask for it does not pay for it
 * (about a quarter of a 120-point series, bench/RESULTS.md). The assessment asks for every indicator, so it
 * still runs both.
 */
@ApplicationScoped
class GatekeeperIndicators implements IndicatorGroup {
    @Inject
    ContributionIndicators contributions;
    @Inject
    EntityManager em;

    @Override
    public List<String> names() {
        return List.of("gatekeeper_top_org_share", "walkaway_mergers");
    }

    /**
     * The group's values at each of {@code days}, in the same order (see {@link IndicatorGroup}). {@code topOrgs} is the
     * contribution group's {@code top_org} at each day (null when unknown): walkaway_mergers counts the mergers outside it.
     */
    List<Values> compute(FigureScope scope, List<LocalDate> days, List<String> topOrgs) {
        Steps steps = new Steps(days, scope.window());
        FigureScope mergeScope = scope.withKinds(List.of("merge"));
        List<ContributionIndicators.Counts> merges = contributions.counts(mergeScope, steps);
        List<Boolean> disputed = contributions.disputed(mergeScope, steps);
        List<SqlRow> walkaway = scope.methodology().number() >= 2 ? walkaway(scope, steps, topOrgs) : null;
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            ContributionIndicators.Counts m = merges.get(i);
            Values v = new Values(scope.methodology());
            v.put("gatekeeper_top_org_share", m.known() == 0 ? null : (double) m.topOrgCount() / m.known(),
                    Values.coverage(m.known(), m.all()), m.known(), List.of(),
                    Values.detail("organisation", m.topOrg(), "merges", m.topOrgCount(), "known", m.known(), "all", m.all()));
            if (walkaway != null) {
                mergers(walkaway.get(i), topOrgs.get(i), v);
            }
            out.add(disputed.get(i) ? v.flagAll(ContributionIndicators.DISPUTED_AFFILIATION) : v);
        }
        return contributions.withinReach(scope, steps, out);
    }

    /**
     * walkaway_mergers: null (unknown, never 0) when no merge was ever recorded or the top organisation is unknown;
     * coverage is the share of the window's mergers whose affiliation on a merge's date is known.
     */
    private static void mergers(SqlRow r, String topOrg, Values v) {
        long all = r.count("mergers"), known = r.count("known_mergers"), outside = r.count("mergers_not_top");
        boolean any = Boolean.TRUE.equals(r.bool("any_merge"));
        v.put("walkaway_mergers", !any || topOrg == null ? null : outside, all == 0 ? (any ? 1.0 : 0.0) : Values.coverage(known, all), all,
                List.of(), Values.detail("topOrganisation", topOrg, "mergers", all, "known", known, "outside", outside));
    }

    private List<SqlRow> walkaway(FigureScope scope, Steps steps, List<String> topOrgs) {
        String sql = FactIndicators.lateral(IndicatorStatements.sql(scope.methodology(), IndicatorStatements.WALKAWAY));
        Query q = em.createNativeQuery(sql).setParameter("project", scope.projectId()).setParameter("asof", scope.recordedOn());
        steps.withTopOrgs(topOrgs.stream().map(t -> t == null ? "" : t).toList()).bind(q);
        List<SqlRow> rows = SqlRow.list(q);
        if (rows.size() != steps.days.size()) {
            throw new IllegalStateException("expected " + steps.days.size() + " steps, got " + rows.size());
        }
        return rows;
    }
}

package io.counterpower.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gatekeeper_top_org_share}: the top organisation's share of the merges. A group of its own
 * because it is the contribution statement run a second time over the merges: a series or a
 * comparison that does not ask for it does not pay for it (about a quarter of a 120-point series,
 * bench/RESULTS.md). The assessment asks for every indicator, so it still runs both.
 */
@ApplicationScoped
public class GatekeeperIndicators implements IndicatorGroup {
    @Inject
    ContributionIndicators contributions;

    @Override
    public List<String> names() {
        return List.of("gatekeeper_top_org_share");
    }

    /** The group's values at each of {@code days}, in the same order (see {@link IndicatorGroup}). */
    public List<Values> compute(Scope scope, List<LocalDate> days) {
        Steps steps = new Steps(days, scope.window());
        Scope mergeScope = scope.withKinds(List.of("merge"));
        List<ContributionIndicators.Counts> merges = contributions.counts(mergeScope, steps);
        List<Boolean> disputed = contributions.disputed(mergeScope, steps);
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            ContributionIndicators.Counts m = merges.get(i);
            Values v = new Values(scope.methodology());
            v.put("gatekeeper_top_org_share", m.known() == 0 ? null : (double) m.topOrgCount() / m.known(),
                    Values.coverage(m.known(), m.all()), m.known(), List.of(),
                    Values.detail("organisation", m.topOrg(), "merges", m.topOrgCount(), "known", m.known(), "all", m.all()));
            out.add(disputed.get(i) ? v.flagAll(ContributionIndicators.DISPUTED_AFFILIATION) : v);
        }
        return contributions.withinReach(scope, steps, out);
    }
}

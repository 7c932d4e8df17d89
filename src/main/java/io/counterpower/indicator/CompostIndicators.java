package io.counterpower.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compost heap of METHODOLOGY.md version 2 section 7 (does a model decompose usefully, and for
 * whom?), from the {@code compost} statement ({@code methodology/v2/compost.sql}):
 * <ul>
 * <li>{@code derivative_publishers}: distinct publishers of the derivatives published on or before {@code at}
 *     (an organisation as its top-level parent, a person, or a Hub namespace recorded by name only);</li>
 * <li>{@code derivative_publisher_hhi}: the sum of the squared shares of those publishers' derivatives;</li>
 * <li>{@code independent_derivative_share}: derivatives by people and community organisations over the
 *     derivatives whose publisher's kind is known (a bare name is unknown, never independent);</li>
 * <li>{@code afterlife_derivatives}: derivatives published after a newer release of the family (a
 *     {@code new-release} license period) superseded their base member.</li>
 * </ul>
 * Each value's detail lists the sources (the first 20 derivatives' pages). Version 1 does not define them.
 */
@ApplicationScoped
class CompostIndicators implements IndicatorGroup {
    private static final List<String> NAMES = List.of("derivative_publishers", "derivative_publisher_hhi",
            "independent_derivative_share", "afterlife_derivatives");

    @Inject
    EntityManager em;

    @Override
    public List<String> names() {
        return NAMES;
    }

    /** The group's values at each of {@code days}, in the same order; nothing for a version that lacks the statement. */
    List<Values> compute(FigureScope scope, List<LocalDate> days) {
        List<Values> out = new ArrayList<>();
        if (scope.methodology().number() < 2) {
            days.forEach(d -> out.add(new Values(scope.methodology())));
            return out;
        }
        for (SqlRow r : LateralStatement.rows(em, IndicatorStatements.COMPOST, scope, new Steps(days, scope.window()))) {
            Values v = new Values(scope.methodology());
            put(r, v);
            out.add(v);
        }
        return out;
    }

    static void put(SqlRow r, Values out) {
        boolean any = r.bool("any_derivative");
        long n = r.count("n"), attributed = r.count("attributed"), kindKnown = r.count("kind_known"),
                afterlifeKnown = r.count("afterlife_known");
        List<String> sources = LateralStatement.sources(r);
        double publisherCoverage = any ? Values.coverage(attributed, n) : 0.0;
        out.put("derivative_publishers", !any ? null : attributed == 0 && n > 0 ? null : r.count("publishers"), publisherCoverage, n,
                List.of(), Values.detail("attributed", attributed, "derivatives", n, "sources", sources));
        Double hhi = r.number("publisher_hhi");
        out.put("derivative_publisher_hhi", any && attributed > 0 ? hhi : null, publisherCoverage, n, List.of(),
                Values.detail("topPublisher", r.text("top_publisher"), "topPublisherDerivatives", r.count("top_publisher_count"),
                        "attributed", attributed, "sources", sources));
        long independent = r.count("independent");
        out.put("independent_derivative_share", any ? Values.share(independent, kindKnown) : null,
                any ? Values.coverage(kindKnown, n) : 0.0, n, List.of(),
                Values.detail("independent", independent, "kindKnown", kindKnown, "derivatives", n, "sources", sources));
        long afterlife = r.count("afterlife");
        String releases = r.text("afterlife_releases");
        out.put("afterlife_derivatives", !any || afterlifeKnown == 0 && n > 0 ? null : afterlife,
                any ? Values.coverage(afterlifeKnown, n) : 0.0, n, List.of(),
                Values.detail("known", afterlifeKnown, "derivatives", n,
                        "supersededBy", releases == null ? List.of() : Arrays.asList(releases.split(",")), "sources", sources));
    }
}

package io.counterpower.watch;

import io.counterpower.indicator.IndicatorValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The common governance rules, as presets of watch conditions and as the rows of the governance
 * report. Each compares one indicator with a bound; a rule whose indicator is null, or whose
 * coverage is below the methodology's {@code min_coverage}, is {@code unknown}, never "holds".
 * A lower bound on a count ("at least two organisations") is the one exception: the known
 * records alone reaching it already prove it, whatever the coverage.
 */
enum GovernanceRule {
    SEAT_SHARE_ONE_THIRD("seat-share-one-third",
            "No more than one third of any governing body's seats are held by one employer (the largest share "
                    + "of one body's known seats held by one organisation, top_org_seat_share's detail largestBodyShare, "
                    + "<= 1/3; coverage is that of the project's seats)",
            "top_org_seat_share", "<=", 1.0 / 3, false, 1),
    COMMITTERS_TWO_ORGANISATIONS("committers-two-organisations",
            "Committers in the last 12 months come from at least two organisations (org_count >= 2)",
            "org_count", ">=", 2, true, 1),
    INDEPENDENT_COMMITTERS_THREE("independent-committers-three",
            "At least three independent committers in the last 12 months (independent_share's detail "
                    + "independent_contributors >= 3)",
            "independent_share", ">=", 3, true, 1),
    BODIES_TWO_ORGANISATIONS("bodies-two-organisations",
            "Every governing body's known seats come from at least two organisations, an independent counting as one "
                    + "(bodies_under_two_orgs = 0; methodology 2 section 7; a body whose unknown seats could bring a second is unknown)",
            "bodies_under_two_orgs", "<=", 0, false, 2);

    static final String HOLDS = "holds", FAILS = "fails", UNKNOWN = "unknown";
    /** Indicators the rules of methodology 1 read. */
    static final List<String> INDICATORS = List.of("top_org_seat_share", "org_count", "independent_share");

    private final String id;
    private final String description;
    private final String indicator;
    private final String op;
    private final double bound;
    private final boolean provenByKnownRecords;
    /** The first methodology version that defines the rule's indicator. */
    private final int since;

    GovernanceRule(String id, String description, String indicator, String op, double bound, boolean provenByKnownRecords, int since) {
        this.since = since;
        this.id = id;
        this.description = description;
        this.indicator = indicator;
        this.op = op;
        this.bound = bound;
        this.provenByKnownRecords = provenByKnownRecords;
    }

    /** The rule's status with the figure it was decided on. */
    record Check(String status, Double value, Double coverage, Long n) {
        Map<String, Object> asMap() {
            java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("status", status);
            m.put("value", value);
            m.put("coverage", coverage);
            m.put("n", n);
            return m;
        }
    }

    String id() {
        return id;
    }

    String description() {
        return description;
    }

    String indicator() {
        return indicator;
    }

    String op() {
        return op;
    }

    double bound() {
        return bound;
    }

    /** The rules a methodology version can check (a version-2 rule's indicator is not defined by version 1). */
    static List<GovernanceRule> of(int methodologyVersion) {
        return Arrays.stream(values()).filter(r -> r.since <= methodologyVersion).toList();
    }

    /** The indicators the rules of a methodology version read. */
    static List<String> indicators(int methodologyVersion) {
        return of(methodologyVersion).stream().map(GovernanceRule::indicator).distinct().toList();
    }

    static GovernanceRule of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst().orElse(null);
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(GovernanceRule::id).toList();
    }

    /** Checks the rule on one point's values. */
    Check check(Object rawValue, double coverage, long n, Map<String, Object> detail, double minCoverage) {
        Double value = figure(rawValue, detail);
        if (value == null) {
            return new Check(UNKNOWN, null, coverage, n);
        }
        boolean ok = op.equals("<=") ? value <= bound + 1e-9 : value >= bound;
        if (ok && provenByKnownRecords) {
            return new Check(HOLDS, value, coverage, n);
        }
        if (coverage < minCoverage) {
            return new Check(UNKNOWN, value, coverage, n);
        }
        return new Check(ok ? HOLDS : FAILS, value, coverage, n);
    }

    Check check(IndicatorValue v, double minCoverage) {
        return v == null ? new Check(UNKNOWN, null, null, null) : check(v.value(), v.coverage(), v.n(), v.detail(), minCoverage);
    }

    private Double figure(Object rawValue, Map<String, Object> detail) {
        if (this == INDEPENDENT_COMMITTERS_THREE) {
            // The share is null when nothing is known; the count of people is in its detail.
            Object people = rawValue == null || detail == null ? null : detail.get("independent_contributors");
            return people instanceof Number x ? x.doubleValue() : null;
        }
        if (this == SEAT_SHARE_ONE_THIRD) {
            // Per body, not pooled: two bodies each a third one employer's are not one body half its.
            Object largest = rawValue == null || detail == null ? null : detail.get("largestBodyShare");
            return largest instanceof Number x ? x.doubleValue() : null;
        }
        return rawValue instanceof Number x ? x.doubleValue() : null;
    }
}

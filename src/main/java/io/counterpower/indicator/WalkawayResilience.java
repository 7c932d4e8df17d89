package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code walkaway_resilience} of METHODOLOGY.md section 7 (version 2): {@code met} when {@code forkable} and
 * {@code walkaway_share >= 0.3} and {@code walkaway_mergers >= 2}; {@code unmet} when one of them fails on evidence;
 * {@code unknown} otherwise (an unknown input is never a failure). An input is unknown when its value is null or its
 * coverage is below min_coverage, as for the stage gates. Thresholds are the methodology file's
 * ({@code assessment.walkaway_resilience}). Derived from the three indicators, so it has no statement of its own.
 */
final class WalkawayResilience implements IndicatorGroup {
    static final String NAME = "walkaway_resilience";
    static final List<String> INPUTS = List.of("forkable", "walkaway_share", "walkaway_mergers");

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    /** The reading from the three inputs at one step; {@code v} holds them (absent ones count as unknown). */
    static void derive(Methodology.Version m, Map<String, IndicatorValue> v, Values out) {
        JsonNode t = m.assessment().path(NAME);
        double shareMin = t.path("walkaway_share_min").asDouble(0.3), mergersMin = t.path("walkaway_mergers_min").asDouble(2);
        List<String> failing = new ArrayList<>(), unknown = new ArrayList<>();
        Object forkable = known(m, v.get("forkable"));
        Object share = known(m, v.get("walkaway_share"));
        Object mergers = known(m, v.get("walkaway_mergers"));
        classify("forkable", forkable == null ? null : Boolean.TRUE.equals(forkable), failing, unknown);
        classify("walkaway_share", share == null ? null : ((Number) share).doubleValue() >= shareMin, failing, unknown);
        classify("walkaway_mergers", mergers == null ? null : ((Number) mergers).doubleValue() >= mergersMin, failing, unknown);
        String status = !failing.isEmpty() ? "unmet" : unknown.isEmpty() ? "met" : "unknown";
        out.put(NAME, status, Values.coverage(INPUTS.size() - unknown.size(), INPUTS.size()), INPUTS.size(), List.of(),
                Values.detail("forkable", forkable, "walkaway_share", share, "walkaway_mergers", mergers,
                        "walkaway_share_min", shareMin, "walkaway_mergers_min", (long) mergersMin, "failing", failing, "unknown", unknown));
    }

    private static Object known(Methodology.Version m, IndicatorValue v) {
        return v == null || v.value() == null || v.coverage() < m.minCoverage() ? null : v.value();
    }

    private static void classify(String input, Boolean passes, List<String> failing, List<String> unknown) {
        if (passes == null) {
            unknown.add(input);
        } else if (!passes) {
            failing.add(input);
        }
    }
}

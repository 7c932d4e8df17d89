package io.counterpower.indicator;

import java.util.List;
import java.util.Map;

/**
 * One indicator's value (METHODOLOGY.md section 3) with what it rests on.
 *
 * @param value    a number, a key, a boolean or an interval; null when it cannot be computed, never 0 for that
 * @param coverage the share of the input that had what the indicator needs (0..1)
 * @param n        the size of the indicator's input
 * @param flags    e.g. date_uncertain when a month- or year-precision record meets a window edge
 * @param detail   the figures the value was computed from (counts, the top entity's count), or null
 */
public record IndicatorValue(String name, Object value, double coverage, long n, String definition,
                             int methodologyVersion, List<String> flags, Map<String, Object> detail) {

    public Double number() {
        return value instanceof Number x ? x.doubleValue() : null;
    }
}

package io.counterpower.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link IndicatorValue}s for one scope, with the rule "null when it cannot be computed, never 0". */
final class Values {
    private final Methodology.Version methodology;
    private final Map<String, IndicatorValue> out = new LinkedHashMap<>();

    Values(Methodology.Version methodology) {
        this.methodology = methodology;
    }

    Values put(String name, Object value, double coverage, long n, List<String> flags, Map<String, Object> detail) {
        out.put(name, new IndicatorValue(name, value instanceof Double d ? round(d) : value, round(coverage), n,
                methodology.definition(name), methodology.number(), flags == null ? List.of() : flags, detail));
        return this;
    }

    Values put(String name, Object value, double coverage, long n) {
        return put(name, value, coverage, n, List.of(), null);
    }

    /** Adds a flag to every value (e.g. disputed_affiliation when a disputed fact fed them). */
    Values flagAll(String flag) {
        List.copyOf(out.keySet()).forEach(name -> flag(name, flag));
        return this;
    }

    /** Adds a flag to one value. */
    Values flag(String name, String flag) {
        out.computeIfPresent(name, (n, v) -> {
            if (v.flags().contains(flag)) {
                return v;
            }
            List<String> flags = new java.util.ArrayList<>(v.flags());
            flags.add(flag);
            return new IndicatorValue(v.name(), v.value(), v.coverage(), v.n(), v.definition(), v.methodologyVersion(),
                    List.copyOf(flags), v.detail());
        });
        return this;
    }

    int methodologyVersion() {
        return methodology.number();
    }

    Map<String, IndicatorValue> values() {
        return out;
    }

    /** num / den, or null when den is 0 (a share of nothing cannot be computed). */
    static Double share(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }

    static double coverage(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }

    /** Figures are published with 6 decimals so that a value reads the same in JSON and in a citation. */
    static double round(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }

    static double round2(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    static Map<String, Object> detail(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}

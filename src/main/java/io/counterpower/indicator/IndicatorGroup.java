package io.counterpower.indicator;

import java.util.List;

/**
 * A set of indicators that one SQL statement per part computes together, for one date or a series
 * of dates. Each group has a {@code compute(scope, days, ...)} that returns its values at each of
 * {@code days} (the scope's {@code at} is not used), in the same order, with the scope's window,
 * kinds and recorded state. The statements take the dates as a set: a series is one round trip per
 * statement, not one per date.
 */
interface IndicatorGroup {
    List<String> names();
}

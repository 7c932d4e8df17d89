package io.counterpower.indicator;

import java.util.List;

/** A set of indicators that one SQL statement computes together. */
interface IndicatorGroup {
    List<String> names();

    void compute(Scope scope, Values out);
}

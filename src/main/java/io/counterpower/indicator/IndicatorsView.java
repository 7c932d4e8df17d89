package io.counterpower.indicator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The indicators of one project at one date, with the parameters and versions they were computed from. */
public record IndicatorsView(String project, LocalDate at, String window, List<String> kinds, Instant asRecordedOn,
                             int methodologyVersion, Long dataVersion, List<IndicatorValue> indicators) {
}

package io.counterpower.indicator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Indicators of one project at the end of each step from {@code from} to {@code to}: {@code points}
 * lists the dates, each series has one point per date, in that order.
 */
public record IndicatorSeriesView(String project, LocalDate from, LocalDate to, String step, String window,
                                  List<String> kinds, Instant asRecordedOn, int methodologyVersion, Long dataVersion,
                                  List<LocalDate> points, List<Series> indicators) {

    /** One indicator over the dates of the series. */
    public record Series(String name, String definition, List<Point> points) {
    }

    /** The indicator at one date: what {@code GET /indicators?at=} gives for that date, without the name. */
    public record Point(LocalDate at, Object value, double coverage, long n, List<String> flags, Map<String, Object> detail) {
    }
}

package io.counterpower.query;

import io.counterpower.indicator.IndicatorSeriesView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Indicators of several projects side by side, at one date ({@code at}; {@code points} is that one
 * date) or at the end of each step from {@code from} to {@code to}, with the citation fields.
 * {@code dataVersion} is the newest of the projects' data versions.
 */
public record Comparison(List<String> projects, LocalDate at, LocalDate from, LocalDate to, String step, String window,
                         List<String> kinds, Instant asRecordedOn, int methodologyVersion, Long dataVersion,
                         Instant generatedAt, String query, String reproduce, String citation, List<LocalDate> points,
                         List<ProjectSeries> items) {

    /** One project's indicators, each with one point per date of {@code points}. */
    public record ProjectSeries(String project, Long dataVersion, List<IndicatorSeriesView.Series> indicators) {
    }
}

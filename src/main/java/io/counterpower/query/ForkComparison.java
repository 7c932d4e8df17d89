package io.counterpower.query;

import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A fork beside its upstream (METHODOLOGY.md section 7, "Forks"): the link (upstream, fork point), the fork indicators at
 * {@code to}, the dated events to mark (the upstream's restrictive relicense, the fork point, the fork event) and, at the
 * end of each step since the fork point, the contributors, organisations and elephant factor of both over the same windows.
 */
public record ForkComparison(String project, String projectName, String upstream, String upstreamName, String forkPointCommit,
                             LocalDate forkPointDate, List<Event> events, List<IndicatorValue> forkIndicators, LocalDate from,
                             LocalDate to, String step, String window, Instant asRecordedOn, int methodologyVersion,
                             Long dataVersion, Long upstreamDataVersion, List<LocalDate> points, List<SideBySide> indicators,
                             Instant generatedAt, String query, String reproduce, String citation) {

    /** A dated event: {@code relicense} (the upstream's), {@code fork point} or {@code fork}. */
    public record Event(LocalDate date, String kind, String label) {
    }

    /** One indicator on both sides, one point per date of {@code points}. */
    public record SideBySide(String name, String title, String definition, List<IndicatorSeriesView.Point> fork,
                             List<IndicatorSeriesView.Point> upstream) {
    }
}

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
record Comparison(List<String> projects, LocalDate at, LocalDate from, LocalDate to, String step, String window,
                         List<String> kinds, Instant asRecordedOn, int methodologyVersion, Long dataVersion,
                         Instant generatedAt, String query, String reproduce, String citation, List<LocalDate> points,
                         List<ProjectSeries> items) {

    /**
     * One project's indicators, each with one point per date of {@code points}, and its assessment at
     * the last of those dates: the stage and the risk never go without the evidence they rest on.
     */
    record ProjectSeries(String project, Long dataVersion, List<IndicatorSeriesView.Series> indicators,
                                Assessment assessment) {
    }

    /**
     * The stage, its confidence and capture_risk at {@code at} (the comparison's date, or its last), with
     * the signals they rest on; {@code captureRiskReason} says why the risk is null ("insufficient evidence").
     */
    record Assessment(LocalDate at, String stage, Double stageConfidence, Integer captureRisk, String captureRiskReason,
                             RiskRow.Evidence evidence, String href) {
    }
}

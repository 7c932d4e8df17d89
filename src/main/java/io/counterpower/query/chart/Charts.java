package io.counterpower.query.chart;

import io.counterpower.common.fact.PartialDate;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.indicator.AssessmentService;
import io.counterpower.indicator.FigureQueries;
import io.counterpower.indicator.FigureQuery;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorService;
import io.counterpower.indicator.Methodology;
import io.counterpower.indicator.SeriesQuery;
import io.counterpower.indicator.StageAssessment;
import io.counterpower.license.LicenseChanges;
import io.counterpower.project.ProjectService;
import io.counterpower.query.ForkComparison;
import io.counterpower.query.ForkService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gathers what a chart or a badge shows from the indicator, assessment, license and project services
 * (the same figures as their JSON endpoints) and hands it to the drawings.
 */
@ApplicationScoped
class Charts {
    /** Not drawn as a line: assessment output rather than an indicator, read from the stage of each date. */
    static final String CAPTURE_RISK = "capture_risk";
    /** Units whose values are not numbers on a scale (keys, types, booleans, intervals): no line to draw. */
    private static final Set<String> NOT_NUMERIC = Set.of("organisation key", "organisation type", "boolean", "share interval",
            "met | unmet | unknown");
    /** A chart without {@code from} covers the three years up to {@code to}. */
    private static final int DEFAULT_YEARS = 3;

    @Inject
    IndicatorService indicators;
    @Inject
    AssessmentService assessments;
    @Inject
    LicenseChanges licenseChanges;
    @Inject
    ProjectService projects;
    @Inject
    ForkService forks;
    @Inject
    FigureQueries queries;

    /** The query string of a chart, as sent. */
    record ChartParams(@RestQuery String from, @RestQuery String to, @RestQuery String step, @RestQuery String window,
                       @RestQuery String kinds, @RestQuery String asRecordedOn, @RestQuery String methodology) {
    }

    /** The series a chart of {@code indicator} draws; without {@code from}, the three years up to {@code to}. */
    SeriesQuery query(String indicator, ChartParams p) {
        if (indicator.equals(CAPTURE_RISK) && p.kinds() != null && !p.kinds().isBlank()) {
            throw ApiProblem.badRequest("kinds", "capture_risk is assessed from commits, as the assessment is; kinds applies to contribution indicators only");
        }
        return queries.series(new FigureQueries.SeriesParams(null, p.from(), p.to(), p.step(), p.window(), p.asRecordedOn(),
                p.kinds(), p.methodology()), Period.ofYears(DEFAULT_YEARS));
    }

    String chart(String slug, String indicator, SeriesQuery query, String serviceUrl) {
        long projectId = projects.requireId(slug);
        Methodology.Version m = query.methodology();
        boolean risk = indicator.equals(CAPTURE_RISK);
        if (!risk) {
            requireChartable(m, indicator);
            List<String> computed = indicators.implemented(m);
            if (!computed.contains(indicator)) {
                // Defined and drawable but not computed by this build: the 400 the series gives for such a name.
                throw ApiProblem.badRequest("names", "unknown indicator '" + indicator + "'; valid names are " + String.join(", ", computed));
            }
        }
        // capture_risk needs every indicator; the series computes them once and the stages reuse them from the cache.
        IndicatorSeriesView series = indicators.series(slug, risk ? query.withNames(null) : query.withNames(List.of(indicator)));
        List<AssessmentService.StagePoint> stages = assessments.stages(series, query);
        List<Double> values = new ArrayList<>();
        if (risk) {
            stages.forEach(s -> values.add(s.captureRisk() == null ? null : s.captureRisk().doubleValue()));
        } else {
            series.indicators().get(0).points().forEach(p -> values.add(p.value() instanceof Number n ? n.doubleValue() : null));
        }
        List<LicenseChanges.Change> changes = licenseChanges.changes(projectId, null, series.from(), series.to(), series.asRecordedOn());
        List<IndicatorChart.Marker> markers = changes.stream()
                .map(c -> new IndicatorChart.Marker(PartialDate.parse(c.date(), "date", new FieldErrors()).day(),
                        c.artifact() + (c.artifactName() == null ? "" : ":" + c.artifactName()) + ": " + c.fromExpression() + " \u2192 " + c.toExpression(), c.direction()))
                .toList();
        String name = projects.get(slug, series.asRecordedOn()).name();
        String unit = risk ? "0 to 100" : m.unit(indicator);
        List<Double> coverages = new ArrayList<>();
        if (!risk) {
            series.indicators().get(0).points().forEach(p -> coverages.add(p.value() == null ? null : p.coverage()));
        }
        return new IndicatorChart(indicator, unit, name, series, values, stages, markers)
                .coverage(coverages, m.minCoverage()).source(serviceUrl).svg();
    }

    /**
     * The fork beside its upstream: the figures of {@code GET /projects/{slug}/fork} (the same service), drawn one panel per
     * indicator with the relicense, the fork point and the fork marked.
     */
    String fork(String slug, ForkService.ForkQuery query, jakarta.ws.rs.core.UriInfo uri) {
        ForkComparison c = forks.compare(slug, query, uri);
        List<ForkChart.Panel> panels = new ArrayList<>();
        for (ForkComparison.SideBySide s : c.indicators()) {
            panels.add(new ForkChart.Panel(s.title(), side(s.fork()), side(s.upstream())));
        }
        List<ForkChart.Marker> markers = c.events().stream()
                .filter(e -> !e.date().isBefore(c.from().minusYears(1)) && !e.date().isAfter(c.to()))
                .map(e -> new ForkChart.Marker(e.date(), e.label(), e.kind())).toList();
        String caption = c.projectName() + " (" + c.project() + ") beside " + c.upstreamName() + " (" + c.upstream() + ") \u00b7 window "
                + c.window() + ", end of each " + c.step() + " (UTC) \u00b7 methodology v" + c.methodologyVersion() + " \u00b7 data versions "
                + (c.dataVersion() == null ? "unknown" : c.dataVersion()) + " and " + (c.upstreamDataVersion() == null ? "unknown" : c.upstreamDataVersion())
                + (c.asRecordedOn() == null ? "" : " \u00b7 as recorded on " + c.asRecordedOn()) + " \u00b7 " + uri.getRequestUri();
        return new ForkChart(c.projectName(), c.upstreamName(), caption, c.points(), panels, markers,
                query.at().methodology().minCoverage()).svg();
    }

    private static ForkChart.Side side(List<IndicatorSeriesView.Point> points) {
        List<Double> values = new ArrayList<>(), coverages = new ArrayList<>();
        for (IndicatorSeriesView.Point p : points) {
            values.add(p.value() instanceof Number n ? n.doubleValue() : null);
            coverages.add(p.value() == null ? null : p.coverage());
        }
        return new ForkChart.Side(values, coverages);
    }

    String badge(String slug, FigureQuery query) {
        StageAssessment a = assessments.assess(slug, query);
        String name = projects.get(slug, a.asRecordedOn()).name();
        return new StageBadge(name, a).svg();
    }

    /** A 404 for an indicator the methodology does not define or that has no numeric scale to draw. */
    private static void requireChartable(Methodology.Version m, String indicator) {
        List<String> drawable = m.indicatorIds().stream().filter(i -> !NOT_NUMERIC.contains(String.valueOf(m.unit(i)))).toList();
        if (!drawable.contains(indicator)) {
            throw ApiProblem.notFound("No chart for '" + indicator + "' in methodology v" + m.number() + ": charts exist for "
                    + CAPTURE_RISK + " and the numeric indicators " + String.join(", ", drawable));
        }
    }
}

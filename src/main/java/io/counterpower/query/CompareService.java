package io.counterpower.query;

import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.indicator.FigureQueries;
import io.counterpower.indicator.FigureQuery;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorService;
import io.counterpower.indicator.IndicatorsView;
import io.counterpower.indicator.SeriesQuery;
import io.counterpower.indicator.StageAssessment;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Side-by-side indicators of several projects, through {@link IndicatorService}: each project's
 * figures are exactly what its own indicators (or series) endpoint gives for the same parameters.
 */
@ApplicationScoped
class CompareService {
    static final int MAX_PROJECTS = 20;

    @Inject
    IndicatorService indicators;
    @Inject
    ProjectService projectService;
    @Inject
    io.counterpower.indicator.AssessmentService assessments;

    @Inject
    FigureQueries queries;

    /** The project's assessment at {@code at} with the comparison's pins ({@code query}), as the comparison shows it. */
    private Comparison.Assessment assessment(String slug, FigureQuery query) {
        LocalDate at = query.at();
        StageAssessment a = assessments.assess(slug, query);
        return new Comparison.Assessment(at, a.stage(), a.stageConfidence(), a.captureRisk(), a.captureRiskReason(),
                RiskRows.evidence(a), "/api/v1/projects/" + slug + "/assessment?at=" + at);
    }

    /** The query string of {@code GET /api/v1/compare} as sent, one field per contract parameter but {@code format}. */
    record CompareParams(@RestQuery String projects, @RestQuery String names, @RestQuery String at, @RestQuery String from,
                         @RestQuery String to, @RestQuery String step, @RestQuery String window, @RestQuery String kinds,
                         @RestQuery String asRecordedOn, @RestQuery String methodology) {
    }

    /**
     * A comparison request, parsed once: the projects (each resolved), then either one date ({@code atQuery}) or a
     * series ({@code seriesQuery}, when {@code from} is given); the other is null.
     */
    record CompareQuery(List<String> slugs, FigureQuery atQuery, SeriesQuery seriesQuery) {
        boolean series() {
            return seriesQuery != null;
        }
    }

    /** Parses a comparison request: the projects' faults first, then those of the figure parameters. */
    CompareQuery query(CompareParams p) {
        List<String> slugs = projects(p.projects());
        boolean series = p.from() != null && !p.from().isBlank();
        if (series && p.at() != null && !p.at().isBlank()) {
            throw ApiProblem.badRequest("at", "give either at (one date) or from, to and step (a series), not both");
        }
        // Parsed once for every project: the first project's answer used to report the faults.
        SeriesQuery seriesQuery = series ? queries.series(new FigureQueries.SeriesParams(p.names(), p.from(), p.to(),
                p.step(), p.window(), p.asRecordedOn(), p.kinds(), p.methodology())) : null;
        FigureQuery atQuery = series ? null : queries.indicators(new FigureQueries.IndicatorParams(p.names(), p.at(),
                p.window(), p.asRecordedOn(), p.kinds(), p.methodology()));
        return new CompareQuery(slugs, atQuery, seriesQuery);
    }

    /** The comparison asked for; {@code uri} only names the request in the citation. */
    Comparison compare(CompareQuery q, UriInfo uri) {
        List<String> slugs = q.slugs();
        boolean series = q.series();
        SeriesQuery seriesQuery = q.seriesQuery();
        FigureQuery atQuery = q.atQuery();
        Instant generatedAt = Instant.now();
        List<Comparison.ProjectSeries> items = new ArrayList<>();
        Comparison result = null;
        for (String slug : slugs) {
            if (series) {
                IndicatorSeriesView v = indicators.series(slug, seriesQuery);
                items.add(new Comparison.ProjectSeries(slug, v.dataVersion(), v.indicators(),
                        assessment(slug, seriesQuery.at(v.to()))));
                result = new Comparison(slugs, null, v.from(), v.to(), v.step(), v.window(), v.kinds(), v.asRecordedOn(),
                        v.methodologyVersion(), null, generatedAt, null, null, null, v.points(), null);
            } else {
                IndicatorsView v = indicators.indicators(slug, atQuery);
                List<IndicatorSeriesView.Series> one = v.indicators().stream().map(i -> new IndicatorSeriesView.Series(i.name(),
                        i.definition(), List.of(new IndicatorSeriesView.Point(v.at(), i.value(), i.coverage(), i.n(), i.flags(),
                                i.detail())))).toList();
                items.add(new Comparison.ProjectSeries(slug, v.dataVersion(), one, assessment(slug, FigureQuery.of(v.at(), atQuery.window(), atQuery.asOf(), atQuery.methodology()))));
                result = new Comparison(slugs, v.at(), null, null, null, v.window(), v.kinds(), v.asRecordedOn(),
                        v.methodologyVersion(), null, generatedAt, null, null, null, List.of(v.at()), null);
            }
        }
        // The newest of the projects' versions; unknown when one of them is (a moment before the version history).
        Long dataVersion = items.stream().anyMatch(i -> i.dataVersion() == null) ? null
                : Long.valueOf(items.stream().mapToLong(Comparison.ProjectSeries::dataVersion).max().orElse(0));
        Map<String, String> pins = new LinkedHashMap<>();
        if (series) {
            pins.put("to", result.to().toString());
        } else {
            pins.put("at", result.at().toString());
        }
        pins.put("asRecordedOn", (result.asRecordedOn() == null ? generatedAt : result.asRecordedOn()).toString());
        pins.put("methodology", String.valueOf(result.methodologyVersion()));
        Provenance prov = Provenance.of(uri, "Indicators of " + String.join(", ", slugs) + " compared",
                result.methodologyVersion(), dataVersion, generatedAt, pins);
        return new Comparison(slugs, result.at(), result.from(), result.to(), result.step(), result.window(), result.kinds(),
                result.asRecordedOn(), result.methodologyVersion(), dataVersion, generatedAt, prov.query(), prov.reproduce(),
                prov.citation(), result.points(), items);
    }

    /** The projects asked for: 1 to {@value #MAX_PROJECTS} recorded slugs, each once; every unknown one is named. */
    private List<String> projects(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("projects", "is required: project slugs separated by commas");
        }
        LinkedHashSet<String> slugs = new LinkedHashSet<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                slugs.add(s.trim());
            }
        }
        FieldErrors errors = new FieldErrors();
        errors.check(!slugs.isEmpty() && slugs.size() <= MAX_PROJECTS, "projects", "must name 1 to " + MAX_PROJECTS + " projects");
        if (slugs.size() <= MAX_PROJECTS) {
            slugs.forEach(s -> projectService.resolve(s, "projects", errors));
        }
        errors.throwIfAny();
        return List.copyOf(slugs);
    }

    /** The comparison as rows: one per project, indicator and date. */
    static List<List<Object>> csvRows(Comparison c) {
        List<List<Object>> rows = new ArrayList<>();
        for (Comparison.ProjectSeries p : c.items()) {
            for (IndicatorSeriesView.Series s : p.indicators()) {
                for (IndicatorSeriesView.Point x : s.points()) {
                    rows.add(SeriesExportResource.csvRow(p.project(), s.name(), x));
                }
            }
        }
        return rows;
    }
}

package io.counterpower.query;

import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import io.counterpower.indicator.FigureQueries;
import io.counterpower.indicator.FigureQuery;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorService;
import io.counterpower.indicator.IndicatorValue;
import io.counterpower.indicator.IndicatorsView;
import io.counterpower.indicator.Methodology;
import io.counterpower.indicator.SeriesQuery;
import io.counterpower.indicator.Step;
import io.counterpower.project.ProjectService;
import io.counterpower.project.ProjectView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestQuery;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a fork beside its upstream (METHODOLOGY.md section 7, "Forks") from the same indicator series their own endpoints
 * give: the same dates, window and "as recorded on" instant on both sides, from the fork point (or the fork event) on.
 */
@ApplicationScoped
public class ForkService {
    /** The side-by-side indicators, and their titles in words. */
    static final List<String> NAMES = List.of("contributors_active", "org_count", "elephant_factor");
    static final List<String> TITLES = List.of("Active contributors", "Organisations contributing",
            "Organisations doing half of the known work (elephant factor)");
    static final List<String> FORK_NAMES = List.of("fork_response_days", "fork_foundation_hosted", "fork_carried_people");

    @Inject
    IndicatorService indicators;
    @Inject
    ProjectService projects;
    @Inject
    Methodology methodology;
    @Inject
    FigureQueries queries;

    /** The query string of {@code GET /projects/{slug}/fork} and of its chart, as sent. */
    public record ForkParams(@RestQuery String from, @RestQuery String to, @RestQuery String step, @RestQuery String window,
                             @RestQuery String asRecordedOn, @RestQuery String methodology) {
    }

    /**
     * A fork comparison request, parsed once.
     *
     * @param at   the fork figures' date ({@code to}, today when none), window, recorded state and methodology
     * @param from the first date of the series; null: the fork point (or fork event), else three years before {@code to}
     */
    public record ForkQuery(FigureQuery at, LocalDate from, Step step) {
    }

    /** Parses a fork comparison request: the first fault found is the answer. */
    public ForkQuery query(ForkParams p) {
        Methodology.Version m = methodology.pinned(p.methodology(), "methodology");
        if (m.number() < 2) {
            throw ApiProblem.badRequest("methodology", "forks are measured from methodology version 2 (METHODOLOGY.md section 7)");
        }
        Instants.parseInstantOrDate(p.asRecordedOn(), "asRecordedOn");
        // The date of the fork figures is the indicators' "at" (its faults are named so, as they always were).
        FigureQuery at = queries.indicators(new FigureQueries.IndicatorParams(null, p.to(), p.window(), p.asRecordedOn(), null,
                p.methodology())).withNames(FORK_NAMES);
        LocalDate from = Instants.parseDate(p.from(), "from");
        return new ForkQuery(at, from, Step.parse(p.step(), "step"));
    }

    public ForkComparison compare(String slug, ForkQuery query, UriInfo uri) {
        Methodology.Version m = query.at().methodology();
        Instant asOf = query.at().asOf();
        ProjectView fork = projects.get(slug, asOf);
        if (fork.upstream() == null) {
            throw ApiProblem.notFound("Project '" + slug + "' is not recorded as a fork: it has no upstream");
        }
        ProjectView upstream = projects.get(fork.upstream(), asOf);
        IndicatorsView at = indicators.indicators(slug, query.at());
        Map<String, Object> response = detail(at, "fork_response_days");
        LocalDate relicense = date(response.get("relicenseDate")), forked = date(response.get("forkDate"));
        LocalDate start = fork.forkPointDate() != null ? fork.forkPointDate() : forked;
        LocalDate firstDay = query.from() != null ? query.from() : start == null ? at.at().minusYears(3) : start;
        if (start != null && firstDay.isBefore(start)) {
            throw ApiProblem.badRequest("from", "must not be before the fork point (" + start + "): the fork's own work starts there");
        }
        FieldErrors errors = new FieldErrors();
        errors.check(!firstDay.isAfter(at.at()), "from", "must not be after to (" + at.at() + ")");
        errors.throwIfAny();
        SeriesQuery series = new SeriesQuery(firstDay, at.at(), query.step(), query.at().window(), asOf, FigureQuery.DEFAULT_KINDS, m,
                NAMES);
        IndicatorSeriesView f = indicators.series(slug, series);
        IndicatorSeriesView u = indicators.series(fork.upstream(), series);
        List<ForkComparison.SideBySide> sides = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            sides.add(new ForkComparison.SideBySide(NAMES.get(i), TITLES.get(i), f.indicators().get(i).definition(),
                    f.indicators().get(i).points(), u.indicators().get(i).points()));
        }
        List<ForkComparison.Event> events = new ArrayList<>();
        if (relicense != null) {
            events.add(new ForkComparison.Event(relicense, "relicense", upstream.name() + " relicensed (restrictive)"));
        }
        if (fork.forkPointDate() != null) {
            String commit = fork.forkPointCommit() == null ? "" : " " + fork.forkPointCommit().substring(0, Math.min(8, fork.forkPointCommit().length()));
            events.add(new ForkComparison.Event(fork.forkPointDate(), "fork point", "fork point" + commit));
        }
        if (forked != null) {
            events.add(new ForkComparison.Event(forked, "fork", fork.name() + " announced"));
        }
        Instant generatedAt = Instant.now();
        Map<String, String> pins = new java.util.LinkedHashMap<>();
        pins.put("to", f.to().toString());
        pins.put("asRecordedOn", (f.asRecordedOn() == null ? generatedAt : f.asRecordedOn()).toString());
        pins.put("methodology", String.valueOf(m.number()));
        Provenance p = Provenance.of(uri, fork.name() + " beside " + upstream.name() + " since the fork", m.number(), f.dataVersion(),
                generatedAt, pins);
        return new ForkComparison(slug, fork.name(), fork.upstream(), upstream.name(), fork.forkPointCommit(), fork.forkPointDate(),
                events, at.indicators(), f.from(), f.to(), f.step(), f.window(), f.asRecordedOn(), m.number(), f.dataVersion(),
                u.dataVersion(), f.points(), sides, p.generatedAt(), p.query(), p.reproduce(), p.citation());
    }

    private static Map<String, Object> detail(IndicatorsView v, String name) {
        for (IndicatorValue x : v.indicators()) {
            if (x.name().equals(name) && x.detail() != null) {
                return x.detail();
            }
        }
        return Map.of();
    }

    private static LocalDate date(Object o) {
        return o == null ? null : LocalDate.parse(o.toString());
    }
}

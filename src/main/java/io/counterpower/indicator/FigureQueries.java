package io.counterpower.indicator;

import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parses the query strings of the project figure reads (indicators, assessment, series, charts) into
 * {@link FigureQuery} and {@link SeriesQuery}, once, at the edge: every fault is a 400 naming its parameter.
 * Whether the project exists (and was recorded on {@code asRecordedOn}) is the services' to say, with a 404.
 */
@ApplicationScoped
public class FigureQueries {
    static final List<String> KINDS = List.of("commit", "review", "merge", "issue", "release");

    @Inject
    Methodology methodology;
    @Inject
    IndicatorService indicators;

    /** The query string of {@code GET /projects/{slug}/indicators}, as sent. */
    public record IndicatorParams(@RestQuery String names, @RestQuery String at, @RestQuery String window,
                                  @RestQuery String asRecordedOn, @RestQuery String kinds, @RestQuery String methodology) {
    }

    /** The query string of {@code GET /projects/{slug}/assessment} and of the badge, as sent. */
    public record AssessmentParams(@RestQuery String at, @RestQuery String window, @RestQuery String asRecordedOn,
                                   @RestQuery String methodology) {
    }

    /** The query string of a series read ({@code GET /projects/{slug}/indicators/series}, comparisons, charts), as sent. */
    public record SeriesParams(@RestQuery String names, @RestQuery String from, @RestQuery String to, @RestQuery String step,
                               @RestQuery String window, @RestQuery String asRecordedOn, @RestQuery String kinds,
                               @RestQuery String methodology) {
    }

    /** An indicators request; the first fault found is the answer, in the order the parameters are listed. */
    public FigureQuery indicators(IndicatorParams p) {
        Methodology.Version m = methodology.pinned(p.methodology(), "methodology");
        LocalDate day = at(p.at());
        Window w = Window.parse(p.window(), "window");
        Instant asOf = Instants.parseInstantOrDate(p.asRecordedOn(), "asRecordedOn");
        List<String> kinds = kinds(p.kinds());
        return new FigureQuery(day, w, asOf, kinds, m, names(p.names(), m));
    }

    /** An assessment request (commits only, every indicator); the first fault found is the answer. */
    public FigureQuery assessment(AssessmentParams p) {
        Methodology.Version m = methodology.pinned(p.methodology(), "methodology");
        LocalDate day = at(p.at());
        Window w = Window.parse(p.window(), "window");
        Instant asOf = Instants.parseInstantOrDate(p.asRecordedOn(), "asRecordedOn");
        return FigureQuery.of(day, w, asOf, m);
    }

    /** A series request; {@code from} is required. Every fault is reported at once. */
    public SeriesQuery series(SeriesParams p) {
        return series(p, null);
    }

    /**
     * A series request whose {@code from} defaults to {@code defaultSpan} before {@code to} (null: {@code from} is
     * required). Every fault is reported at once: a client learns them all in one answer.
     */
    public SeriesQuery series(SeriesParams p, Period defaultSpan) {
        FieldErrors errors = new FieldErrors();
        Methodology.Version m = collect(errors, () -> methodology.pinned(p.methodology(), "methodology"));
        LocalDate start = collect(errors, () -> Instants.parseDate(p.from(), "from"));
        LocalDate parsedEnd = collect(errors, () -> Instants.parseDate(p.to(), "to"));
        boolean noFrom = p.from() == null || p.from().isBlank();
        if (noFrom && defaultSpan == null) {
            errors.add("from", "is required: the first date of the series, YYYY-MM-DD");
        }
        LocalDate today = IndicatorService.today();
        LocalDate end = parsedEnd == null && (p.to() == null || p.to().isBlank()) ? today : parsedEnd;
        if (noFrom && defaultSpan != null && end != null) {
            start = end.minus(defaultSpan);
        }
        Step s = collect(errors, () -> Step.parse(p.step(), "step"));
        Window w = collect(errors, () -> Window.parse(p.window(), "window"));
        Instant asOf = collect(errors, () -> Instants.parseInstantOrDate(p.asRecordedOn(), "asRecordedOn"));
        List<String> kindList = collect(errors, () -> kinds(p.kinds()));
        if (end != null && end.isAfter(today)) {
            errors.add("to", "must not be after today (" + today + "): indicators describe recorded facts");
        }
        if (start != null && end != null && start.isAfter(end)) {
            errors.add("from", "must not be after to (" + end + ")");
        }
        List<String> nameList = m == null ? null : collect(errors, () -> names(p.names(), m));
        errors.throwIfAny();
        return new SeriesQuery(start, end, s, w, asOf, kindList, m, nameList);
    }

    /** The day asked for; today when none. */
    private static LocalDate at(String at) {
        LocalDate day = Instants.parseDate(at, "at");
        LocalDate today = IndicatorService.today();
        if (day == null) {
            return today;
        }
        if (day.isAfter(today)) {
            throw ApiProblem.badRequest("at", "must not be after today (" + today + "): indicators describe recorded facts");
        }
        return day;
    }

    private static List<String> kinds(String kinds) {
        if (kinds == null || kinds.isBlank()) {
            return FigureQuery.DEFAULT_KINDS;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String k : kinds.split(",")) {
            String kind = k.trim();
            if (!KINDS.contains(kind)) {
                throw ApiProblem.badRequest("kinds", "unknown contribution kind '" + kind + "'; valid kinds are " + KINDS);
            }
            out.add(kind);
        }
        return List.copyOf(out);
    }

    /** The requested names, each checked against the pinned methodology; null (every one) when none. */
    private List<String> names(String names, Methodology.Version m) {
        if (names == null || names.isBlank()) {
            return null;
        }
        List<String> valid = indicators.implemented(m);
        FieldErrors errors = new FieldErrors();
        Set<String> out = new LinkedHashSet<>();
        for (String n : names.split(",")) {
            String name = n.trim();
            if (!valid.contains(name)) {
                errors.add("names", "unknown indicator '" + name + "'; valid names are " + String.join(", ", valid));
            } else {
                out.add(name);
            }
        }
        errors.throwIfAny();
        return List.copyOf(out);
    }

    /** The parsed value, or null with the parser's field errors added to {@code errors}. */
    private static <T> T collect(FieldErrors errors, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ApiProblem e) {
            if (e.status() != 400) {
                throw e;
            }
            e.errors().forEach(x -> errors.add(x.field(), x.message()));
            return null;
        }
    }
}

package io.counterpower.indicator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A series read of a project's indicators: their values at the end of each step from {@code from} to
 * {@code to}; parsed once from a request by {@link FigureQueries}, or built from typed values by an internal caller.
 *
 * @param asOf  the facts as recorded on this moment; null: as currently recorded
 * @param names the indicators asked for, each one this build computes; null: every one of {@code methodology}
 */
public record SeriesQuery(LocalDate from, LocalDate to, Step step, Window window, Instant asOf, List<String> kinds,
                          Methodology.Version methodology, List<String> names) {

    public SeriesQuery withNames(List<String> only) {
        return new SeriesQuery(from, to, step, window, asOf, kinds, methodology, only == null ? null : List.copyOf(only));
    }

    /** The same request for one day: what the assessment at {@code day} reads with this series' pins. */
    public FigureQuery at(LocalDate day) {
        return new FigureQuery(day, window, asOf, FigureQuery.DEFAULT_KINDS, methodology, null);
    }
}

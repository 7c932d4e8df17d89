package io.counterpower.indicator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A read of a project's figures at one date (its indicators, its assessment, its badge): parsed once from a
 * request by {@link FigureQueries}, or built from typed values by an internal caller.
 *
 * @param at          the end of this UTC day
 * @param window      the window of METHODOLOGY.md section 3
 * @param asOf        the facts as recorded on this moment; null: as currently recorded
 * @param kinds       the contribution kinds counted
 * @param methodology the pinned methodology version
 * @param names       the indicators asked for, each one this build computes; null: every one of {@code methodology}
 */
public record FigureQuery(LocalDate at, Window window, Instant asOf, List<String> kinds, Methodology.Version methodology,
                          List<String> names) {
    /** The contribution kinds counted when none are asked for (and the only ones an assessment counts). */
    public static final List<String> DEFAULT_KINDS = List.of("commit");

    /** Every indicator of {@code m} today, over the default window and kinds, as currently recorded. */
    public static FigureQuery current(Methodology.Version m) {
        return new FigureQuery(IndicatorService.today(), Window.P12M, null, DEFAULT_KINDS, m, null);
    }

    /** Every indicator of {@code m} at {@code day} over {@code window}, default kinds, as recorded on {@code asOf}. */
    public static FigureQuery of(LocalDate day, Window window, Instant asOf, Methodology.Version m) {
        return new FigureQuery(day, window, asOf, DEFAULT_KINDS, m, null);
    }

    public FigureQuery withNames(List<String> only) {
        return new FigureQuery(at, window, asOf, kinds, methodology, only == null ? null : List.copyOf(only));
    }
}

package io.counterpower.indicator;

import jakarta.persistence.Query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dates an indicator statement is evaluated at, passed to PostgreSQL as arrays and unnested
 * into the CTE {@code steps(i, day, lo_day, lo24, top_org, lo, hi)}: {@code i} the 1-based position,
 * {@code day} the date, {@code lo_day} the last day outside the window, {@code lo24} the day 24
 * months before, {@code lo}/{@code hi} the exclusive/inclusive instants of the window (the end of
 * those UTC days) and {@code top_org} an optional text per date. One date is the single-date case:
 * the same statement serves {@code /indicators} and {@code /indicators/series}.
 */
final class Steps {
    final List<LocalDate> days;
    final Window window;
    private final List<String> topOrgs;

    Steps(List<LocalDate> days, Window window) {
        this(days, window, List.of());
    }

    private Steps(List<LocalDate> days, Window window, List<String> topOrgs) {
        this.days = List.copyOf(days);
        this.window = window;
        this.topOrgs = topOrgs;
    }

    /** The same dates, each with a text (null allowed) that the statement reads as {@code steps.top_org}. */
    Steps withTopOrgs(List<String> texts) {
        return new Steps(days, window, new ArrayList<>(texts));
    }

    static final String CTE = """
            steps as (
                select s.i, s.day, s.lo_day, s.lo24, s.top_org,
                       (cast(s.lo_day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as lo,
                       (cast(s.day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC' as hi
                from unnest(cast(cast(:days as text) as date[]), cast(cast(:lo_days as text) as date[]),
                            cast(cast(:lo24s as text) as date[]), cast(cast(:top_orgs as text) as text[]))
                     with ordinality as s(day, lo_day, lo24, top_org, i)
            )""";

    void bind(Query q) {
        q.setParameter("days", literal(days, LocalDate::toString));
        q.setParameter("lo_days", literal(days, window::lastDayBefore));
        q.setParameter("lo24s", literal(days, d -> d.minusMonths(24)));
        q.setParameter("top_orgs", "{" + topOrgs.stream().map(Steps::quote).collect(Collectors.joining(",")) + "}");
    }

    private static String literal(List<LocalDate> days, Function<LocalDate, Object> f) {
        return "{" + days.stream().map(d -> f.apply(d).toString()).collect(Collectors.joining(",")) + "}";
    }

    /** An element of a PostgreSQL array literal. */
    private static String quote(String s) {
        return s == null ? "NULL" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

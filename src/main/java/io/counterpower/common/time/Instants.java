package io.counterpower.common.time;

import io.counterpower.common.problem.ApiProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Time rules of METHODOLOGY.md section 3: instants are UTC; a date means the end of that day. */
public final class Instants {
    private Instants() {
    }

    /** Now, at the database's precision (microseconds), so that a value read back compares equal. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The last instant of a UTC day. */
    public static Instant endOfDay(LocalDate day) {
        return day.atTime(LocalTime.MAX).truncatedTo(ChronoUnit.MICROS).toInstant(ZoneOffset.UTC);
    }

    /**
     * Reads a query parameter that is either an instant (2024-05-01T12:00:00Z, or with an offset) or a
     * date (2024-05-01, meaning the end of that UTC day). Null or blank gives null.
     */
    public static Instant parseInstantOrDate(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return endOfDay(inRange(LocalDate.parse(v), field));
            }
            OffsetDateTime instant = OffsetDateTime.parse(v);
            inRange(instant.atZoneSameInstant(ZoneOffset.UTC).toLocalDate(), field);
            return instant.toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be a date (YYYY-MM-DD) or an ISO-8601 instant (2024-05-01T12:00:00Z)");
        }
    }

    /** Reads a date query parameter (YYYY-MM-DD). Null or blank gives null. */
    public static LocalDate parseDate(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return inRange(LocalDate.parse(value.trim()), field);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be a date YYYY-MM-DD");
        }
    }

    /**
     * Years 1-9999 only: java.time reads year 0 (0000-01-01), which PostgreSQL has no date for, so the
     * query failed later with a 400 that did not name the parameter.
     */
    private static LocalDate inRange(LocalDate day, String field) {
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw ApiProblem.badRequest(field, "must be a date between 0001-01-01 and 9999-12-31");
        }
        return day;
    }
}

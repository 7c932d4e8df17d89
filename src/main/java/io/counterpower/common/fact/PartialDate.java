package io.counterpower.common.fact;

import io.counterpower.common.problem.FieldErrors;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A date known to the day, the month or the year ("2023-08-10", "2023-08", "2023"), as sources
 * give them. It is stored as the first day of its interval with its precision, and counts from
 * that day (METHODOLOGY.md section 3); it is never made more precise than its source.
 */
public record PartialDate(LocalDate day, String precision) {

    /** Parses a client's date; adds a field error (and returns null) when it is not one. */
    public static PartialDate parse(String text, String field, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            errors.add(field, "is required (YYYY-MM-DD, YYYY-MM or YYYY)");
            return null;
        }
        String t = text.trim();
        try {
            PartialDate date = switch (t.length()) {
                case 4 -> new PartialDate(LocalDate.of(Integer.parseInt(t), 1, 1), "year");
                case 7 -> new PartialDate(YearMonth.parse(t).atDay(1), "month");
                case 10 -> new PartialDate(LocalDate.parse(t), "day");
                default -> null;
            };
            if (date == null) {
                errors.add(field, "must be a date: YYYY-MM-DD, YYYY-MM or YYYY");
            } else if (date.day().isAfter(LocalDate.now(ZoneOffset.UTC))) {
                errors.add(field, "is in the future; record an event once it has happened");
                return null;
            }
            return date;
        } catch (DateTimeParseException | NumberFormatException e) {
            errors.add(field, "must be a date: YYYY-MM-DD, YYYY-MM or YYYY");
            return null;
        }
    }

    /** The date as its source gave it: "2023-08-10", "2023-08" or "2023". */
    public static String format(LocalDate day, String precision) {
        if (day == null) {
            return null;
        }
        return switch (precision == null ? "day" : precision) {
            case "year" -> String.format("%04d", day.getYear());
            case "month" -> YearMonth.from(day).toString();
            default -> day.toString();
        };
    }
}

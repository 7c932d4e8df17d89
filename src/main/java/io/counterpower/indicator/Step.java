package io.counterpower.indicator;

import io.counterpower.common.problem.ApiProblem;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The steps of a series (METHODOLOGY.md section 3): calendar months, quarters or years (UTC). */
public enum Step {
    MONTH, QUARTER, YEAR;

    public static Step parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return MONTH;
        }
        for (Step s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(value.trim())) {
                return s;
            }
        }
        throw ApiProblem.badRequest(field, "must be one of " + Arrays.toString(Arrays.stream(values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).toArray()));
    }

    /** The last day of the calendar step that holds {@code day}. */
    LocalDate endOf(LocalDate day) {
        return switch (this) {
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> day.withMonth(((day.getMonthValue() - 1) / 3) * 3 + 3).with(TemporalAdjusters.lastDayOfMonth());
            case YEAR -> day.with(TemporalAdjusters.lastDayOfYear());
        };
    }

    /**
     * The dates of a series from {@code from} to {@code to}: the end of each calendar step that
     * meets [from, to], the last one cut at {@code to} (a series up to today ends today). Null when
     * there would be more than {@code max}.
     */
    List<LocalDate> ends(LocalDate from, LocalDate to, int max) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate end = endOf(from); ; end = endOf(end.plusDays(1))) {
            if (out.size() == max) {
                return null;
            }
            if (!end.isBefore(to)) {
                out.add(to);
                return out;
            }
            out.add(end);
        }
    }
}

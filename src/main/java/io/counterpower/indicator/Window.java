package io.counterpower.indicator;

import io.counterpower.common.problem.ApiProblem;

import java.time.LocalDate;
import java.util.Arrays;

/** The windows of METHODOLOGY.md section 3: the half-open interval (at - P, at]. */
public enum Window {
    P3M(3), P6M(6), P12M(12), P24M(24), ALL(0);

    /** The lower bound used for ALL: before any recorded act. */
    static final LocalDate BEGINNING = LocalDate.of(1, 1, 1);

    private final int months;

    Window(int months) {
        this.months = months;
    }

    /** The last day outside the window (records dated after it are inside); for ALL, the beginning of time. */
    LocalDate lastDayBefore(LocalDate at) {
        return this == ALL ? BEGINNING : at.minusMonths(months);
    }

    public static Window parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return P12M;
        }
        for (Window w : values()) {
            if (w.name().equals(value.trim())) {
                return w;
            }
        }
        throw ApiProblem.badRequest(field, "must be one of " + Arrays.toString(values()));
    }
}

package io.counterpower.common.fact;

import io.counterpower.common.problem.FieldErrors;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Rules for periods (first and last day, both inclusive, either open-ended). */
public final class Periods {
    private Periods() {
    }

    public static void validate(LocalDate from, LocalDate to, FieldErrors errors) {
        validate(from, to, "", errors);
    }

    /** @param prefix the path of the enclosing object in the request, e.g. "steward." */
    public static void validate(LocalDate from, LocalDate to, String prefix, FieldErrors errors) {
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(prefix + "to", "must be on or after from (" + from + ")");
        }
        if (from != null && from.isAfter(LocalDate.now(ZoneOffset.UTC))) {
            errors.add(prefix + "from", "is in the future; record a period once it has started");
        }
    }

    /** Whether two closed periods (null = open-ended) share a day. */
    public static boolean overlap(LocalDate from1, LocalDate to1, LocalDate from2, LocalDate to2) {
        boolean startsBeforeOtherEnds = from1 == null || to2 == null || !from1.isAfter(to2);
        boolean otherStartsBeforeEnds = from2 == null || to1 == null || !from2.isAfter(to1);
        return startsBeforeOtherEnds && otherStartsBeforeEnds;
    }

    public static String describe(LocalDate from, LocalDate to) {
        return (from == null ? "open start" : from.toString()) + " .. " + (to == null ? "open end" : to.toString());
    }
}

package io.counterpower.adoption;

import io.counterpower.common.problem.FieldErrors;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Fields of adoption request bodies (days YYYY-MM-DD, optional text), read with errors that name the field. */
final class BodyFields {
    private BodyFields() {
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The day, or null (adding an error when the text is not a day, or is missing but required). */
    static LocalDate parse(String text, String field, boolean required, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(field, "is required (a date YYYY-MM-DD)");
            }
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date YYYY-MM-DD");
            return null;
        }
    }

    /** Adds an error when the day is after today (UTC): a plan is not a fact. */
    static void notInFuture(LocalDate day, String field, String what, FieldErrors errors) {
        if (day != null && day.isAfter(today())) {
            errors.add(field, "is in the future; record " + what);
        }
    }


    static void maxLength(String value, int max, String field, FieldErrors errors) {
        if (value != null && value.length() > max) {
            errors.add(field, "must be at most " + max + " characters");
        }
    }
}

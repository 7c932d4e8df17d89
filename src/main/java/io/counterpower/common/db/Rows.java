package io.counterpower.common.db;

import java.time.Instant;
import java.time.LocalDate;

/** Conversions for values read by native queries, whose JDBC types vary with the driver. */
public final class Rows {
    private Rows() {
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getSimpleName());
    }

    public static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("Unexpected date type " + value.getClass().getSimpleName());
    }

    static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}

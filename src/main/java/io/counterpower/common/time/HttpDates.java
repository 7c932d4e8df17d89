package io.counterpower.common.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 section 5.6.7). The service writes only the IMF-fixdate form, whose day has two
 * digits ({@code Mon, 07 Dec 2026 00:00:00 GMT}); {@code RFC_1123_DATE_TIME} writes one digit on days
 * 1-9, which is not an IMF-fixdate and differed from the REST layer's header on those days. A
 * recipient accepts the three forms the RFC allows.
 */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** Obsolete RFC 850 form; its two-digit year is read in the window {@link DateTimeFormatter} gives (2000-2099). */
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** ANSI C asctime() form: the day is padded with a space. */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> ACCEPTED = List.of(IMF_FIXDATE, RFC_850, ASCTIME);

    private HttpDates() {
    }

    /** The IMF-fixdate of an instant, in whole seconds. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** An HTTP date in any of the three forms, or null when the value is none of them. */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        for (DateTimeFormatter f : ACCEPTED) {
            try {
                return ZonedDateTime.parse(v, f).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}

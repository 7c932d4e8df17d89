package io.counterpower.common.web;

import io.counterpower.common.time.HttpDates;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Every date header that leaves the service is an IMF-fixdate (RFC 9110 section 5.6.7, a two-digit
 * day), whoever wrote it. Our resources write them through {@link HttpDates}; Vert.x's static file
 * handler (the web page and its assets) writes {@code Date} and {@code Last-Modified} with
 * {@code RFC_1123_DATE_TIME}, which gives {@code Mon, 7 Dec 2026} on days 1-9. This rewrites such a
 * value to the same instant in IMF-fixdate just before the headers are sent; a value that is no
 * date (a {@code Retry-After} in seconds) is left alone.
 */
@ApplicationScoped
class HttpDateHeaders {
    static final List<String> DATE_HEADERS = List.of("Date", "Last-Modified", "Expires", "Retry-After");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            MultiMap headers = ctx.response().headers();
            ctx.addHeadersEndHandler(ignored -> {
                for (String name : DATE_HEADERS) {
                    String value = headers.get(name);
                    if (value != null) {
                        headers.set(name, imfFixdate(value));
                    }
                }
            });
            ctx.next();
        });
    }

    /** The value as an IMF-fixdate when it is an HTTP date in any form (one-digit days included), else unchanged. */
    static String imfFixdate(String value) {
        Instant instant = HttpDates.parse(value);
        if (instant == null) {
            try {
                instant = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        return HttpDates.format(instant);
    }
}

package io.counterpower.common.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every HTML answer carries the same security headers, whichever route wrote it (the web page, the
 * governance report, an error page): a Content-Security-Policy that runs no script of another
 * origin and no inline script, {@code nosniff}, no framing and no referrer. A route that sets its
 * own policy (the web page, whose script is its own file) keeps it; the others get
 * {@link #POLICY}, which allows inline styles only (the report's) and no script at all.
 */
@ApplicationScoped
class HtmlSecurityHeaders {
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            HttpServerResponse response = ctx.response();
            // The context's list of handlers: response.headersEndHandler holds one, which others replace.
            ctx.addHeadersEndHandler(ignored -> {
                String type = response.headers().get("Content-Type");
                if (type != null && type.regionMatches(true, 0, "text/html", 0, 9)) {
                    setIfAbsent(response, "Content-Security-Policy", POLICY);
                    setIfAbsent(response, "X-Content-Type-Options", "nosniff");
                    setIfAbsent(response, "X-Frame-Options", "DENY");
                    setIfAbsent(response, "Referrer-Policy", "no-referrer");
                }
            });
            ctx.next();
        });
    }

    private static void setIfAbsent(HttpServerResponse response, String name, String value) {
        if (!response.headers().contains(name)) {
            response.headers().set(name, value);
        }
    }
}

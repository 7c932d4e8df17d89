package io.counterpower.common.limits;

import io.counterpower.common.problem.FieldError;
import io.counterpower.common.problem.RouteProblemHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Refuses requests that are too large to be worth reading, before any work: a request target
 * longer than {@code max-uri-length} (414), headers beyond {@code max-header-bytes} (431), more
 * query parameters than {@code max-query-parameters} (400), each as problem+json. Vert.x itself
 * cuts off at twice these sizes (quarkus.http.limits), with a bare answer and a closed connection.
 */
@ApplicationScoped
class RequestSizeLimits {

    @Inject
    LimitsConfig limits;
    @Inject
    RouteProblemHandler problems;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String target = ctx.request().uri();
        if (target.length() > limits.maxUriLength()) {
            close(ctx);
            problems.write(ctx, 414, "The request URI is " + target.length() + " characters long; the service reads at most "
                    + limits.maxUriLength());
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            close(ctx);
            problems.write(ctx, 431, "The request headers take " + headerBytes + " bytes; the service reads at most "
                    + limits.maxHeaderBytes());
            return;
        }
        String query = ctx.request().query();
        if (query != null && !query.isEmpty()) {
            int parameters = 1;
            for (int i = 0; i < query.length(); i++) {
                if (query.charAt(i) == '&') {
                    parameters++;
                }
            }
            if (parameters > limits.maxQueryParameters()) {
                problems.write(ctx, 400, "The request has " + parameters + " query parameters; the service reads at most "
                        + limits.maxQueryParameters());
                return;
            }
            FieldError unreadable = unreadableParameter(query);
            if (unreadable != null) {
                problems.write(ctx, 400, unreadable.field() + ": " + unreadable.message(), List.of(unreadable));
                return;
            }
        }
        ctx.next();
    }

    /**
     * A parameter the layers below would read otherwise than the client meant: a raw ';' (the query
     * decoder takes it for a separator, so {@code sort=name;x} read as {@code sort=name}, the tail
     * dropped), or a control character such as NUL (%00), which no parameter of the API holds and
     * PostgreSQL refuses in text.
     */
    static FieldError unreadableParameter(String query) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName);
            if (pair.indexOf(';') >= 0) {
                return new FieldError(name == null ? rawName : name.split(";")[0],
                        "contains ';', which is not a separator here: encode it as %3B");
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                return new FieldError(rawName, "is not valid percent-encoding");
            }
            if (hasControlCharacter(name) || hasControlCharacter(value)) {
                return new FieldError(name.replaceAll("\\p{Cntrl}", "?"), "must not contain control characters (such as NUL)");
            }
        }
        return null;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static void close(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
}

package io.counterpower.common.limits;

import io.counterpower.common.problem.RouteProblemHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Refuses requests that are too large to be worth reading, before any work: a request target
 * longer than {@code max-uri-length} (414), headers beyond {@code max-header-bytes} (431), more
 * query parameters than {@code max-query-parameters} (400), each as problem+json. Vert.x itself
 * cuts off at twice these sizes (quarkus.http.limits), with a bare answer and a closed connection.
 */
@ApplicationScoped
public class RequestSizeLimits {

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
        }
        ctx.next();
    }

    private static void close(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
}

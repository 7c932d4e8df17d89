package io.counterpower.common.problem;

import io.counterpower.common.http.HttpConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Errors raised before the REST layer (body too large, unknown route, a request line that is
 * too long) are produced by Vert.x; this handler gives them the same problem+json shape.
 * It also holds every route to the general body limit ({@code counterpower.http.max-body-size}),
 * except the {@link StreamedRoute}s features declare: Vert.x's own limit
 * ({@code quarkus.http.limits.max-body-size}) is the largest any route accepts.
 */
@ApplicationScoped
public class RouteProblemHandler {

    @Inject
    ObjectMapper json;

    @Inject
    HttpConfig http;
    @Inject
    Instance<StreamedRoute> declaredStreamedRoutes;
    private List<StreamedRoute> streamedRoutes = List.of();

    void install(@Observes Router router) {
        streamedRoutes = declaredStreamedRoutes.stream().toList();
        // Runs before Quarkus' own limit check, which would answer 413 with an empty body.
        router.route().order(Integer.MIN_VALUE).handler(this::rejectOversizedBody);
        // Runs after Quarkus' check (order -2), which sets its own (largest) limit for chunked bodies.
        router.route().order(-1).handler(this::limitChunkedBody);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        router.route().last().handler(ctx -> write(ctx, 404, "No resource at " + ctx.normalizedPath()));
    }

    private void rejectOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                StreamedRoute streamed = streamed(ctx);
                long limit = streamed == null ? http.maxBodySize().asLongValue() : streamed.maxBytes();
                if (Long.parseLong(length.trim()) > limit) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    write(ctx, 413, "The request body is larger than the service accepts here (" + limit + " bytes)");
                    return;
                }
            } catch (NumberFormatException e) {
                write(ctx, 400, "Content-Length is not a number");
                return;
            }
        }
        ctx.next();
    }

    /**
     * A chunked body has no length to check up front: RESTEasy stops reading it at the limit kept
     * under this key. A streamed route counts its bytes itself and answers with a problem.
     */
    private void limitChunkedBody(RoutingContext ctx) {
        if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            if (streamed(ctx) == null) {
                ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, http.maxBodySize().asLongValue());
            } else {
                ctx.remove(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
            }
        }
        ctx.next();
    }

    private StreamedRoute streamed(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        for (StreamedRoute route : streamedRoutes) {
            if (route.method().equals(method) && route.path().equals(path)) {
                return route;
            }
        }
        return null;
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400) {
            status = 500;
        }
        if (status >= 500) {
            Log.errorf(ctx.failure(), "Unhandled failure on %s", ctx.normalizedPath());
        }
        String detail = switch (status) {
            case 413 -> "The request body is larger than the service accepts";
            case 404 -> "No resource at " + ctx.normalizedPath();
            case 405 -> "This method is not allowed here";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            case 400 -> "The request could not be read";
            default -> status >= 500 ? "An unexpected error occurred" : ProblemResponses.titleFor(status);
        };
        write(ctx, status, detail);
    }

    /** Ends the request with a problem+json answer (unless an answer has already started). */
    public void write(RoutingContext ctx, int status, String detail) {
        write(ctx, status, detail, List.of());
    }

    /** The same, naming the fields (query parameters) at fault. */
    public void write(RoutingContext ctx, int status, String detail, List<FieldError> errors) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ProblemDetails problem = ProblemResponses.details(status, ProblemResponses.titleFor(status), detail,
                ctx.normalizedPath(), errors);
        try {
            ctx.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (Exception e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}

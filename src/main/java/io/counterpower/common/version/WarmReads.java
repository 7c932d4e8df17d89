package io.counterpower.common.version;

import io.counterpower.common.time.HttpDates;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers anonymous reads whose serialised answer is already held (a warm assessment, a page of the
 * stored risk ranking) on the I/O thread, before the REST layer dispatches to a worker thread.
 * Dashboards poll the same URLs: on two cores, handing each of thousands of requests a second to a
 * worker thread cost more than the answer itself (bench/RESULTS.md, issue #8). Everything else (a
 * miss, a key, an {@code If-Modified-Since}, CSV, a data version not held in memory) goes on to
 * the REST layer, which renders the answer and holds it for the next request. The headers are the
 * ones the REST layer's filters give the same answer ({@code WarmReadsTest} compares them).
 */
@ApplicationScoped
public class WarmReads {
    /** A kind of read whose answers are held: the paths it answers, and the held answer of a request. */
    public interface Source {
        /** A regular expression over the request's raw path. */
        String paths();

        /** The held JSON answer to this request at this data version, or null (the REST layer answers). */
        Held held(HttpServerRequest request, DataVersions.Version version);
    }

    /** A held answer and its validators. */
    public record Held(byte[] body, EntityTag tag, Instant lastModified) {
    }

    @Inject
    Instance<Source> sources;
    @Inject
    DataVersions versions;
    @Inject
    HttpCaching caching;

    private final LongAdder answered = new LongAdder();

    /** How many reads were answered here since the start (also {@code counterpower_warm_reads_total}). */
    public long answered() {
        return answered.sum();
    }

    void install(@Observes Router router, MeterRegistry registry) {
        FunctionCounter.builder("counterpower.warm.reads", answered, LongAdder::sum)
                .description("Reads answered from held bodies on the I/O thread").register(registry);
        for (Source source : sources) {
            // After the size limits and the body handler, before the REST layer (ROUTE_ORDER_DEFAULT).
            router.getWithRegex(source.paths()).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                    .handler(ctx -> serve(ctx, source));
        }
    }

    private void serve(RoutingContext ctx, Source source) {
        HttpServerRequest request = ctx.request();
        DataVersions.Version version = anonymousJson(request) ? versions.held() : null;
        Held held = version == null ? null : source.held(request, version);
        if (held == null) {
            ctx.next();
            return;
        }
        answered.increment();
        var headers = ctx.response().headers();
        headers.set(HttpHeaders.ETAG, (held.tag().isWeak() ? "W/" : "") + '"' + held.tag().getValue() + '"');
        headers.set(HttpHeaders.LAST_MODIFIED, HttpDates.format(held.lastModified()));
        headers.set(HttpHeaders.CACHE_CONTROL, caching.publicCacheControl());
        headers.set(HttpHeaders.VARY, "Accept, Authorization");
        headers.set(DataVersionHeader.NAME, String.valueOf(version.version()));
        if (HttpCaching.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), held.tag())) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        ctx.response().end(Buffer.buffer(held.body()));
    }

    /**
     * Only what is surely the same answer for everyone: no credentials (a bad key is a 401), no
     * {@code If-Modified-Since} (the REST layer weighs it), no {@code format} and an {@code Accept}
     * that is JSON's or anything's, with no text type in it (CSV).
     */
    private static boolean anonymousJson(HttpServerRequest request) {
        if (request.headers().contains(HttpHeaders.AUTHORIZATION) || request.headers().contains(HttpHeaders.IF_MODIFIED_SINCE)
                || request.getParam("format") != null || request.getParam("asRecordedOn") != null
                || request.path().indexOf('%') >= 0) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return true;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return !a.contains("text/") && !a.contains("csv")
                && (a.contains("application/json") || a.contains("*/*") || a.contains("application/*"));
    }
}

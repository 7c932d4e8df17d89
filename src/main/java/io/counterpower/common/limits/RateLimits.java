package io.counterpower.common.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.problem.ApiProblem;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Token buckets in front of the expensive endpoints (series, exports, collections): one per API
 * key, or per client address for requests without a key. An empty bucket answers 429 with
 * {@code Retry-After}, the seconds until a token is back. Buckets live in this instance's memory:
 * with several instances a client gets each instance's allowance (docs/engineering.md,
 * "Reliability, limits and security").
 */
@ApplicationScoped
class RateLimits {
    /** The parameters that make the risk ranking computed on demand rather than read from its snapshot. */
    private static final List<String> PINNING = List.of("at", "window", "asRecordedOn", "methodology");

    private final LimitsConfig.Rate config;
    private final Pattern expensive;
    private final Cache<String, Bucket> buckets;

    @Inject
    Caller caller;

    // An application-scoped bean is created on its first request, once the runtime configuration is
    // there (filters themselves are built while the application starts).
    RateLimits(LimitsConfig limits) {
        this.config = limits.rate();
        this.expensive = Pattern.compile(config.paths());
        Duration longest = config.perKeyPeriod().compareTo(config.perAddressPeriod()) > 0
                ? config.perKeyPeriod() : config.perAddressPeriod();
        // A bucket idle for a whole period is full again: forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder().maximumSize(config.trackedClients())
                .expireAfterAccess(longest.toMillis(), TimeUnit.MILLISECONDS).build();
    }

    /** Counts a request to an expensive endpoint; an empty bucket is a 429 with Retry-After. */
    void limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!config.enabled() || "OPTIONS".equals(request.getMethod())
                || !(expensive.matcher(request.getUriInfo().getPath()).matches() || pinnedRanking(request))) {
            return;
        }
        String client;
        Bucket bucket;
        if (caller.isAuthenticated()) {
            client = "key:" + caller.keyId();
            bucket = buckets.get(client, k -> bucket(config.perKeyCapacity(), config.perKeyPeriod()));
        } else {
            client = "address:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
            bucket = buckets.get(client, k -> bucket(config.perAddressCapacity(), config.perAddressPeriod()));
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new ApiProblem(429, "Too many requests", "Too many requests to expensive endpoints "
                    + (caller.isAuthenticated() ? "with this API key" : "from this address (an API key gets its own allowance)")
                    + "; retry in " + seconds + " s", List.of(), Map.of("Retry-After", String.valueOf(seconds)));
        }
    }

    /** A risk ranking computed on demand for every project, not read from the stored snapshot. */
    private static boolean pinnedRanking(ContainerRequestContext request) {
        if (!"/api/v1/risk".equals(request.getUriInfo().getPath())) {
            return false;
        }
        var query = request.getUriInfo().getQueryParameters();
        return PINNING.stream().anyMatch(query::containsKey);
    }

    private static Bucket bucket(long capacity, Duration period) {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
    }
}

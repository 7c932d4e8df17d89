package io.counterpower.common.limits;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Puts {@link RateLimits} in front of every resource. */
class RateLimitFilter {
    @Inject
    RateLimits limits;

    // After the key is authenticated (ApiKeyFilter runs at Priorities.USER), so that a made-up key
    // is a 401 rather than a fresh bucket.
    @ServerRequestFilter(priority = Priorities.USER + 100)
    void limit(ContainerRequestContext request, HttpServerRequest http) {
        limits.limit(request, http);
    }
}

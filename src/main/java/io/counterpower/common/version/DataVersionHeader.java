package io.counterpower.common.version;

import io.counterpower.common.time.Instants;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Instant;

/**
 * Every API response names the data version it was computed from, for caches and citations; a
 * response pinned with {@code asRecordedOn} names the version in force at that moment
 * ({@link DataVersions#at}), or none when the moment precedes the version history.
 */
class DataVersionHeader {
    static final String NAME = "Counterpower-Data-Version";

    @Inject
    DataVersions versions;

    /** The moment a request pins its answer to ({@code asRecordedOn}), or null (none, or not a valid one: the resource said so). */
    static Instant pinnedTo(ContainerRequestContext request) {
        String value = request.getUriInfo().getQueryParameters().getFirst("asRecordedOn");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instants.parseInstantOrDate(value, "asRecordedOn");
        } catch (RuntimeException e) {
            return null;
        }
    }

    @ServerResponseFilter
    void addHeader(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || response.getHeaders().containsKey(NAME)) {
            return;
        }
        if (response.getStatus() >= 500) {
            // A 503 says the database is away: asking it for the version would only wait for the
            // pool's acquisition timeout a second time before the answer leaves.
            return;
        }
        try {
            Instant pinned = pinnedTo(request);
            if (pinned == null) {
                response.getHeaders().putSingle(NAME, String.valueOf(versions.served().version()));
            } else {
                // A response pinned to a moment reports the version in force then; none when it precedes the history.
                Long then = versions.at(pinned);
                if (then != null) {
                    response.getHeaders().putSingle(NAME, String.valueOf(then));
                }
            }
        } catch (RuntimeException e) {
            // The header is informative: a response (an error included) is never lost for want of it.
        }
    }
}

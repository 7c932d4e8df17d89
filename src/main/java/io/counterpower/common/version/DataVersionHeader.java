package io.counterpower.common.version;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every API response names the data version it was computed from, for caches and citations. */
public class DataVersionHeader {
    public static final String NAME = "Counterpower-Data-Version";

    @Inject
    DataVersions versions;

    @ServerResponseFilter
    public void addHeader(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || response.getHeaders().containsKey(NAME)) {
            return;
        }
        if (response.getStatus() >= 500) {
            // A 503 says the database is away: asking it for the version would only wait for the
            // pool's acquisition timeout a second time before the answer leaves.
            return;
        }
        try {
            response.getHeaders().putSingle(NAME, String.valueOf(versions.current().version()));
        } catch (RuntimeException e) {
            // The header is informative: a response (an error included) is never lost for want of it.
        }
    }
}

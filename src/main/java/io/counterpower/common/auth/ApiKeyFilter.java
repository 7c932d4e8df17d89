package io.counterpower.common.auth;

import io.counterpower.common.problem.ApiProblem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/** Reads are public; every write needs a valid key. A key that is sent is always checked. */
class ApiKeyFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ApiKeyService keys;
    @Inject
    Caller caller;

    @ServerRequestFilter
    void authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return; // the contract and other public documents need no key
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiProblem.unauthorized("Authorization must be 'Bearer <key>'");
            }
            ApiKey key = keys.authenticate(header.substring(7))
                    .orElseThrow(() -> ApiProblem.unauthorized("The API key is unknown or revoked"));
            caller.authenticate(key);
        } else if (!READS.contains(request.getMethod())) {
            throw ApiProblem.unauthorized("Writes need an API key: Authorization: Bearer <key>");
        }
    }
}

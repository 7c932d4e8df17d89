package io.counterpower.query;

import jakarta.ws.rs.core.UriInfo;

import java.util.HashMap;
import java.util.Map;

/** The query string as a map of first values, for requests with many optional parameters. */
final class QueryParameters {
    private QueryParameters() {
    }

    static Map<String, String> of(UriInfo uri) {
        Map<String, String> flat = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> flat.put(k, v.isEmpty() ? null : v.get(0)));
        return flat;
    }
}

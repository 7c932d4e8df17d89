package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Publishes the methodology as data, so that a journalist can cite the rules behind a figure. */
@Path("/api/v1/methodology")
@Produces(MediaType.APPLICATION_JSON)
class MethodologyResource {
    @Inject
    Methodology methodology;

    @GET
    public JsonNode latest() {
        return methodology.latest().document();
    }

    @GET
    @Path("/{version}")
    public JsonNode version(@PathParam("version") String version) {
        return methodology.require(version).document();
    }
}

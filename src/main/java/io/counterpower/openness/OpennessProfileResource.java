package io.counterpower.openness;

import io.counterpower.common.time.Instants;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/projects/{slug}/openness")
@Produces(MediaType.APPLICATION_JSON)
class OpennessProfileResource {
    @Inject
    OpennessProfiles profiles;

    @GET
    public OpennessProfile get(@PathParam("slug") String slug, @QueryParam("asRecordedOn") String asRecordedOn) {
        return profiles.profile(slug, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
    }
}

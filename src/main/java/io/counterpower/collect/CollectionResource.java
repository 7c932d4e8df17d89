package io.counterpower.collect;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Asks for a collection of a project; it runs in the background as a job (202 with its Location). */
@Path("/api/v1/projects/{slug}/collections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class CollectionResource {
    @Inject
    JobService jobs;
    @Inject
    JobWorkers workers;

    @POST
    public Response collect(@PathParam("slug") String slug, @Valid @NotNull CollectionInput input) {
        JobView job = jobs.createCollection(slug, input);
        workers.wake();
        return Response.accepted(job).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }
}

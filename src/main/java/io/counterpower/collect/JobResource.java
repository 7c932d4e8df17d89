package io.counterpower.collect;

import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Background jobs: their state, phase, progress, timings and errors. Public, like every read. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
class JobResource {
    @Inject
    JobService jobs;

    @GET
    public Page<JobView> list(@BeanParam JobListQuery.Params params) {
        return jobs.list(params.query());
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") long id) {
        return jobs.get(id);
    }
}

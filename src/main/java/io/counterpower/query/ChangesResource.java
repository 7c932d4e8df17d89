package io.counterpower.query;

import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The public errata feed: corrections to recorded facts, newest first. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {
    @Inject
    ChangeFeed feed;

    @GET
    public Page<Change> list(@QueryParam("since") String since, @QueryParam("project") String project,
                             @QueryParam("kind") String kind, @QueryParam("page") String page, @QueryParam("size") String size) {
        return feed.list(page, size, since, project, kind);
    }
}

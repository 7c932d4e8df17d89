package io.counterpower.query;

import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The public errata feed: corrections to recorded facts, newest first. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
class ChangesResource {
    @Inject
    ChangeFeed feed;

    @GET
    public Page<Change> list(@BeanParam ChangeFeed.ChangeParams params) {
        return feed.list(feed.query(params));
    }
}

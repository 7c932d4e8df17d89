package io.counterpower.contributor;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Merging contributors who are one person, and undoing a merge. */
@Path("/api/v1/contributor-merges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ContributorMergeResource {

    /** Merge {@code from} into {@code into}: its identities and affiliations move, and it is closed. */
    record MergeInput(@NotNull Long into, @NotNull Long from, @Size(max = 2000) String reason) {
    }

    /** Why a merge is undone. */
    record UnmergeInput(@Size(max = 2000) String reason) {
    }

    @Inject
    ContributorMerges merges;

    @POST
    public Response merge(@Valid @NotNull MergeInput input) {
        ContributorMerges.MergeView view = merges.merge(input.into(), input.from(), input.reason());
        return Response.created(URI.create("/api/v1/contributor-merges/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    public ContributorMerges.MergeView get(@PathParam("id") long id) {
        return merges.get(id);
    }

    @POST
    @Path("/{id}/undo")
    public ContributorMerges.MergeView undo(@PathParam("id") long id, @Valid UnmergeInput input) {
        return merges.unmerge(id, input == null ? null : input.reason());
    }
}

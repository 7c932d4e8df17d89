package io.counterpower.contributor;

import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

@Path("/api/v1/affiliation-disputes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AffiliationDisputeResource {

    /** A dispute to raise: which affiliation, and what is wrong with it. */
    record DisputeInput(@NotNull Long affiliation, @Size(max = 4000) String reason) {
    }

    /** A curator's decision; an upheld dispute may carry the corrected affiliation. */
    record ResolutionInput(@Size(max = 20) String outcome, @Size(max = 4000) String note, @Valid AffiliationInput correction) {
    }

    @Inject
    AffiliationDisputes disputes;

    @POST
    public Response raise(@Valid @NotNull DisputeInput input) {
        AffiliationDisputes.DisputeView view = disputes.raise(input.affiliation(), input.reason());
        return Response.created(URI.create("/api/v1/affiliation-disputes/" + view.id())).entity(view).build();
    }

    @GET
    public Page<AffiliationDisputes.DisputeView> list(@BeanParam AffiliationDisputeListQuery.Params params) {
        return disputes.list(params.query());
    }

    @GET
    @Path("/{id}")
    public AffiliationDisputes.DisputeView get(@PathParam("id") long id) {
        return disputes.get(id);
    }

    @POST
    @Path("/{id}/resolution")
    public AffiliationDisputes.DisputeView resolve(@PathParam("id") long id, @Valid @NotNull ResolutionInput input) {
        return disputes.resolve(id, input.outcome(), input.note(), input.correction());
    }
}

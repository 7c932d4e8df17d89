package io.counterpower.common.fact;

import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Disputes of facts of every kind: public to read; a curator accepts or rejects one, with a reason. */
@Path("/api/v1/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class DisputeResource {

    /** A curator's decision; the reason is required and shows in {@code /changes}. */
    record DecisionInput(@Size(max = 4000) String reason) {
    }

    @Inject
    FactDisputes disputes;

    @GET
    public Page<FactDisputes.DisputeView> list(@BeanParam DisputeListQuery.Params params) {
        return disputes.list(params.query());
    }

    @GET
    @Path("/{id}")
    public FactDisputes.DisputeView get(@PathParam("id") long id) {
        return disputes.get(id);
    }

    @POST
    @Path("/{id}/accept")
    public FactDisputes.DisputeView accept(@PathParam("id") long id, DecisionInput input) {
        return disputes.accept(id, input == null ? null : input.reason());
    }

    @POST
    @Path("/{id}/reject")
    public FactDisputes.DisputeView reject(@PathParam("id") long id, DecisionInput input) {
        return disputes.reject(id, input == null ? null : input.reason());
    }
}

package io.counterpower.contributor;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.Page;
import io.counterpower.common.time.Instants;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/identities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class IdentityResource {
    @Inject
    ContributorService contributors;
    @Inject
    Caller caller;

    @GET
    public Page<IdentityView> list(@BeanParam IdentityListQuery.Params params) {
        return contributors.listIdentities(params.query(caller));
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") long id, @QueryParam("asRecordedOn") String asRecordedOn) {
        IdentityView view = contributors.identity(id, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    /** Moves an identity to another contributor, or flags it as a bot; the previous link stays in history. */
    @PUT
    @Path("/{id}")
    public Response relink(@PathParam("id") long id, @Valid @NotNull IdentityLinkInput input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        IdentityView view = contributors.relink(id, input, ifMatch);
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }
}

package io.counterpower.governance;

import io.counterpower.common.fact.FactKind;
import io.counterpower.common.fact.FactResource;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path(GovernanceEventResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class GovernanceEventResource extends FactResource<GovernanceEvent, GovernanceEvents.Input, GovernanceEvents.View> {
    static final String PATH = "/api/v1/governance-events";

    @Inject
    GovernanceEvents kind;

    GovernanceEventResource() {
        super(PATH);
    }

    @POST
    public Response create(@Valid @NotNull GovernanceEvents.Input input) {
        return created(input);
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, @Valid @NotNull GovernanceEvents.Input input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return updated(id, input, ifMatch);
    }

    @Override
    protected FactKind<GovernanceEvent, GovernanceEvents.Input, GovernanceEvents.View> kind() {
        return kind;
    }
}

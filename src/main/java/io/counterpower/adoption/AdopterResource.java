package io.counterpower.adoption;

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

@Path(AdopterResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AdopterResource extends FactResource<Adopter, Adopters.Input, Adopters.View> {
    static final String PATH = "/api/v1/adopters";

    @Inject
    Adopters kind;

    AdopterResource() {
        super(PATH);
    }

    @POST
    public Response create(@Valid @NotNull Adopters.Input input) {
        return created(input);
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, @Valid @NotNull Adopters.Input input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return updated(id, input, ifMatch);
    }

    @Override
    protected FactKind<Adopter, Adopters.Input, Adopters.View> kind() {
        return kind;
    }
}

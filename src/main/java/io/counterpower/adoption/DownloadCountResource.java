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

@Path(DownloadCountResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class DownloadCountResource extends FactResource<DownloadCount, DownloadCounts.Input, DownloadCounts.View> {
    static final String PATH = "/api/v1/downloads";

    @Inject
    DownloadCounts kind;

    DownloadCountResource() {
        super(PATH);
    }

    @POST
    public Response create(@Valid @NotNull DownloadCounts.Input input) {
        return created(input);
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, @Valid @NotNull DownloadCounts.Input input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return updated(id, input, ifMatch);
    }

    @Override
    protected FactKind<DownloadCount, DownloadCounts.Input, DownloadCounts.View> kind() {
        return kind;
    }
}

package io.counterpower.organisation;

import io.counterpower.common.fact.FactResource;
import io.counterpower.common.fact.FactStore;
import io.counterpower.common.fact.FactTransfer;
import io.counterpower.common.time.Instants;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class OrganisationResource {
    @Inject
    OrganisationService organisations;
    @Inject
    FactTransfer transfer;

    /** A page of organisations (JSON), or every matching one at once as CSV ({@code format=csv} or {@code Accept: text/csv}). */
    @GET
    @Produces({MediaType.APPLICATION_JSON, FactTransfer.CSV})
    public Response list(@BeanParam OrganisationListQuery.Params params, @QueryParam("format") String format,
                         @Context HttpHeaders headers) {
        if (transfer.wantsCsv(format, headers)) {
            return transfer.records("organisations", OrganisationView.class, organisations.all(params.csv()));
        }
        return Response.ok(organisations.list(params.list())).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    public Response create(@Valid @NotNull OrganisationInput input) {
        OrganisationView created = organisations.create(input);
        return Response.created(URI.create("/api/v1/organisations/" + created.key()))
                .tag(etag(created)).entity(created).build();
    }

    @GET
    @Path("/{key}")
    public Response get(@PathParam("key") String key, @QueryParam("asRecordedOn") String asRecordedOn) {
        OrganisationView view = organisations.get(key, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
        return Response.ok(view).tag(etag(view)).build();
    }

    @PUT
    @Path("/{key}")
    public Response update(@PathParam("key") String key, @Valid @NotNull OrganisationInput input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<OrganisationView> done = organisations.update(key, input, ifMatch);
        if (done.dispute() != null) {
            return FactResource.disputed(done.dispute());
        }
        return Response.ok(done.view()).tag(etag(done.view())).build();
    }

    @DELETE
    @Path("/{key}")
    public Response close(@PathParam("key") String key, @QueryParam("reason") String reason,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<OrganisationView> done = organisations.close(key, reason, ifMatch);
        return done.dispute() != null ? FactResource.disputed(done.dispute()) : Response.noContent().build();
    }

    @GET
    @Path("/{key}/history")
    public List<OrganisationView> history(@PathParam("key") String key) {
        return organisations.history(key);
    }

    @GET
    @Path("/{key}/parents")
    public List<ParentView> parents(@PathParam("key") String key, @QueryParam("asRecordedOn") String asRecordedOn) {
        return organisations.parents(key, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
    }

    @POST
    @Path("/{key}/parents")
    public Response addParent(@PathParam("key") String key, @Valid @NotNull ParentInput input) {
        ParentView created = organisations.addParent(key, input);
        return Response.created(URI.create("/api/v1/organisations/" + key + "/parents/" + created.id()))
                .tag(String.valueOf(created.version().revision())).entity(created).build();
    }

    @PUT
    @Path("/{key}/parents/{id}")
    public Response updateParent(@PathParam("key") String key, @PathParam("id") long id,
                                 @Valid @NotNull ParentInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<ParentView> done = organisations.updateParent(key, id, input, ifMatch);
        if (done.dispute() != null) {
            return FactResource.disputed(done.dispute());
        }
        return Response.ok(done.view()).tag(String.valueOf(done.view().version().revision())).build();
    }

    @DELETE
    @Path("/{key}/parents/{id}")
    public Response closeParent(@PathParam("key") String key, @PathParam("id") long id,
                                @QueryParam("reason") String reason, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<ParentView> done = organisations.closeParent(key, id, reason, ifMatch);
        return done.dispute() != null ? FactResource.disputed(done.dispute()) : Response.noContent().build();
    }

    private static String etag(OrganisationView view) {
        return String.valueOf(view.version().revision());
    }
}

package io.counterpower.project;

import io.counterpower.common.fact.FactResource;
import io.counterpower.common.fact.FactStore;
import io.counterpower.common.paging.Page;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ProjectResource {
    @Inject
    ProjectService projects;

    @GET
    public Page<ProjectView> list(@BeanParam ProjectListQuery.Params params) {
        return projects.list(params.query());
    }

    @POST
    public Response create(@Valid @NotNull ProjectInput input) {
        ProjectView created = projects.create(input);
        return Response.created(URI.create("/api/v1/projects/" + created.slug()))
                .tag(String.valueOf(created.version().revision())).entity(created).build();
    }

    @GET
    @Path("/{slug}")
    public Response get(@PathParam("slug") String slug, @QueryParam("asRecordedOn") String asRecordedOn) {
        ProjectView view = projects.get(slug, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    @PUT
    @Path("/{slug}")
    public Response update(@PathParam("slug") String slug, @Valid @NotNull ProjectInput input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<ProjectView> done = projects.update(slug, input, ifMatch);
        if (done.dispute() != null) {
            return FactResource.disputed(done.dispute());
        }
        return Response.ok(done.view()).tag(String.valueOf(done.view().version().revision())).build();
    }

    @DELETE
    @Path("/{slug}")
    public Response close(@PathParam("slug") String slug, @QueryParam("reason") String reason,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<ProjectView> done = projects.close(slug, reason, ifMatch);
        return done.dispute() != null ? FactResource.disputed(done.dispute()) : Response.noContent().build();
    }

    @GET
    @Path("/{slug}/history")
    public List<ProjectView> history(@PathParam("slug") String slug) {
        return projects.history(slug);
    }

    @GET
    @Path("/{slug}/repositories")
    public List<RepositoryView> repositories(@PathParam("slug") String slug, @QueryParam("asRecordedOn") String asRecordedOn) {
        return projects.repositories(slug, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
    }

    @POST
    @Path("/{slug}/repositories")
    public Response addRepository(@PathParam("slug") String slug, @Valid @NotNull RepositoryInput input) {
        RepositoryView created = projects.addRepository(slug, input);
        return Response.created(URI.create("/api/v1/projects/" + slug + "/repositories/" + created.id()))
                .tag(String.valueOf(created.version().revision())).entity(created).build();
    }

    @PUT
    @Path("/{slug}/repositories/{id}")
    public Response updateRepository(@PathParam("slug") String slug, @PathParam("id") long id,
                                     @Valid @NotNull RepositoryInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<RepositoryView> done = projects.updateRepository(slug, id, input, ifMatch);
        if (done.dispute() != null) {
            return FactResource.disputed(done.dispute());
        }
        return Response.ok(done.view()).tag(String.valueOf(done.view().version().revision())).build();
    }

    @DELETE
    @Path("/{slug}/repositories/{id}")
    public Response closeRepository(@PathParam("slug") String slug, @PathParam("id") long id,
                                    @QueryParam("reason") String reason, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<RepositoryView> done = projects.closeRepository(slug, id, reason, ifMatch);
        return done.dispute() != null ? FactResource.disputed(done.dispute()) : Response.noContent().build();
    }

    @GET
    @Path("/{slug}/stewards")
    public List<StewardView> stewards(@PathParam("slug") String slug, @QueryParam("asRecordedOn") String asRecordedOn) {
        return projects.stewards(slug, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
    }

    @POST
    @Path("/{slug}/stewards")
    public Response addSteward(@PathParam("slug") String slug, @Valid @NotNull StewardInput input) {
        StewardView created = projects.addSteward(slug, input);
        return Response.created(URI.create("/api/v1/projects/" + slug + "/stewards/" + created.id()))
                .tag(String.valueOf(created.version().revision())).entity(created).build();
    }

    @PUT
    @Path("/{slug}/stewards/{id}")
    public Response updateSteward(@PathParam("slug") String slug, @PathParam("id") long id,
                                  @Valid @NotNull StewardInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        StewardView view = projects.updateSteward(slug, id, input, ifMatch);
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    @DELETE
    @Path("/{slug}/stewards/{id}")
    public Response closeSteward(@PathParam("slug") String slug, @PathParam("id") long id,
                                 @QueryParam("reason") String reason, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        projects.closeSteward(slug, id, reason, ifMatch);
        return Response.noContent().build();
    }
}

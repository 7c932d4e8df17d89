package io.counterpower.contributor;

import io.counterpower.common.auth.Caller;
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

@Path("/api/v1/contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ContributorResource {
    @Inject
    ContributorService contributors;
    @Inject
    AffiliationService affiliations;
    @Inject
    ContributorMerges merges;
    @Inject
    ContributorErasures erasures;
    @Inject
    Caller caller;

    /** A curator's erasure of a contributor's personal data; the body's reason is required. */
    record ErasureInput(@jakarta.validation.constraints.Size(max = 2000) String reason) {
    }

    /**
     * The right to be forgotten: names, emails and logins become a pseudonym; the contributions keep
     * counting; the erased addresses stay blocked by their hash against later collections.
     */
    @POST
    @Path("/{id}/erasure")
    public ContributorErasures.Erasure erase(@PathParam("id") long id, ErasureInput input) {
        return erasures.erase(id, input == null ? null : input.reason());
    }

    @GET
    public Page<ContributorView> list(@BeanParam ContributorListQuery.Params params) {
        return contributors.list(params.query(caller));
    }

    /** Contributors who may be one person (same email local part and name, same GitHub login, same name). */
    @GET
    @Path("/merge-candidates")
    public Page<ContributorMerges.Candidate> mergeCandidates(@BeanParam ContributorListQuery.CandidateParams params) {
        return merges.candidates(params.query());
    }

    @POST
    public Response create(@Valid @NotNull ContributorInput input) {
        ContributorView created = contributors.create(input);
        return Response.created(URI.create("/api/v1/contributors/" + created.id()))
                .tag(String.valueOf(created.version().revision())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") long id, @QueryParam("asRecordedOn") String asRecordedOn) {
        ContributorView view = contributors.get(id, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, @Valid @NotNull ContributorInput input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ContributorView view = contributors.update(id, input, ifMatch);
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    @DELETE
    @Path("/{id}")
    public Response close(@PathParam("id") long id, @QueryParam("reason") String reason,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        contributors.close(id, reason, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/history")
    public List<ContributorView> history(@PathParam("id") long id) {
        return contributors.history(id);
    }

    @GET
    @Path("/{id}/identities")
    public List<IdentityView> identities(@PathParam("id") long id, @QueryParam("asRecordedOn") String asRecordedOn) {
        return contributors.identitiesOf(id, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
    }

    @POST
    @Path("/{id}/identities")
    public Response attach(@PathParam("id") long id, @Valid @NotNull AttachIdentityInput input) {
        IdentityView created = contributors.attach(id, input);
        return Response.created(URI.create("/api/v1/identities/" + created.id()))
                .tag(String.valueOf(created.version().revision())).entity(created).build();
    }

    @GET
    @Path("/{id}/affiliations")
    public List<AffiliationView> affiliations(@PathParam("id") long id, @QueryParam("asRecordedOn") String asRecordedOn) {
        contributors.history(id); // 404 for an unknown contributor
        return affiliations.ofContributor(id, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
    }
}

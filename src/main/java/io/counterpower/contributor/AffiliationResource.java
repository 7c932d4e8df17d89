package io.counterpower.contributor;

import io.counterpower.common.paging.Page;
import io.counterpower.common.text.RequestText;
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

import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.util.List;

@Path("/api/v1/affiliations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AffiliationResource {
    @Inject
    AffiliationService affiliations;
    @Inject
    EnrolmentImports imports;
    @Inject
    EnrolmentCsv csv;
    @Inject
    ImportLimits limits;

    @GET
    public Page<AffiliationView> list(@BeanParam AffiliationListQuery.Params params) {
        return affiliations.list(params.query());
    }

    /** {@code previous=close} ends a running earlier period of the same tier the day before this one starts. */
    @POST
    public Response create(@Valid @NotNull AffiliationInput input, @QueryParam("previous") String previous) {
        if (previous != null && !previous.isBlank() && !"close".equals(previous)) {
            throw io.counterpower.common.problem.ApiProblem.badRequest("previous", "must be close (or left out)");
        }
        io.counterpower.common.fact.FactStore.Written<AffiliationView> done = affiliations.create(input, "close".equals(previous));
        if (done.dispute() != null) {
            return io.counterpower.common.fact.FactResource.disputed(done.dispute());
        }
        AffiliationView created = done.view();
        return Response.created(URI.create("/api/v1/affiliations/" + created.id()))
                .tag(String.valueOf(created.version().revision())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") long id, @QueryParam("asRecordedOn") String asRecordedOn) {
        AffiliationView view = affiliations.get(id, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, @Valid @NotNull AffiliationInput input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        io.counterpower.common.fact.FactStore.Written<AffiliationView> done = affiliations.update(id, input, ifMatch);
        if (done.dispute() != null) {
            return io.counterpower.common.fact.FactResource.disputed(done.dispute());
        }
        AffiliationView view = done.view();
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    @DELETE
    @Path("/{id}")
    public Response close(@PathParam("id") long id, @QueryParam("reason") String reason,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        io.counterpower.common.fact.FactStore.Written<AffiliationView> done = affiliations.close(id, reason, ifMatch);
        return done.dispute() != null ? io.counterpower.common.fact.FactResource.disputed(done.dispute())
                : Response.noContent().build();
    }

    /**
     * Imports enrolments: {@code format=gitdm} (a developers_affiliations.txt file, text/plain),
     * {@code format=sortinghat} (its JSON export) or {@code format=csv}; one transaction, all rows
     * or none. The body is read as a stream, so it may be larger than the general body limit (up to
     * {@code counterpower.imports.max-bytes}). When the import is refused before the body has been
     * read to its end, the rest is read and dropped, so that a client still sending gets the answer.
     */
    @POST
    @Path(ImportLimits.PATH_IN_RESOURCE)
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, "text/csv"})
    public Object importEnrolments(@QueryParam("format") String format, @QueryParam("sourceUrl") String sourceUrl,
                                   @QueryParam("confidence") String confidence, @QueryParam("reason") String reason,
                                   InputStream body) {
        Reader text = RequestText.utf8(body, limits.maxBytes().asLongValue(), "counterpower.imports.max-bytes");
        try {
            if ("csv".equals(format)) {
                return csv.importCsv(text, reason);
            }
            return imports.importEnrolments(format, text, sourceUrl, confidence, reason);
        } catch (RuntimeException e) {
            RequestText.discardRest(text);
            throw e;
        }
    }

    /** Every current affiliation as CSV, in the format that format=csv imports (a round trip gives the same bytes). */
    @GET
    @Path("/export")
    @Produces("text/csv")
    public Response exportEnrolments() {
        return Response.ok(csv.export()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"affiliations.csv\"").build();
    }

    @GET
    @Path("/{id}/history")
    public List<AffiliationView> history(@PathParam("id") long id) {
        return affiliations.history(id);
    }
}

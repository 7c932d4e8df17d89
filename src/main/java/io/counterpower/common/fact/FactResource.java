package io.counterpower.common.fact;

import io.counterpower.common.paging.Page;
import io.counterpower.common.time.Instants;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * The HTTP face shared by every kind of fact: list (JSON or CSV), read, history, create, edit,
 * close, import and export. A feature's resource extends it with its {@code @Path} and kind, and
 * declares the two methods that read a typed body (create and edit).
 */
public abstract class FactResource<E extends VersionedFact, I extends FactInput, V extends FactView> {

    @Inject
    protected FactStore store;
    @Inject
    FactTransfer transfer;
    @Inject
    io.counterpower.common.auth.Caller caller;

    /** The path of the collection, e.g. "/api/v1/governance-events", for Location headers. */
    private final String collectionPath;

    protected FactResource(String collectionPath) {
        this.collectionPath = collectionPath;
    }

    protected abstract FactKind<E, I, V> kind();

    @GET
    @Produces({MediaType.APPLICATION_JSON, FactTransfer.CSV})
    public Response list(@BeanParam FactListQuery.Params params, @Context HttpHeaders headers, @QueryParam("format") String format) {
        java.time.Instant asOf = params.recordedOn();
        if (transfer.wantsCsv(format, headers)) {
            return transfer.csv(kind(), store.export(kind(), params.export(asOf, kind())));
        }
        Page<V> result = store.list(kind(), params.list(asOf, kind()));
        return Response.ok(result).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** All matching facts in the import format: a JSON array (default) or CSV. */
    @GET
    @Path("/export")
    @Produces({MediaType.APPLICATION_JSON, FactTransfer.CSV})
    public Response export(@BeanParam FactListQuery.Params params, @Context HttpHeaders headers, @QueryParam("format") String format) {
        List<I> rows = store.export(kind(), params.export(params.recordedOn(), kind()));
        return transfer.wantsCsv(format, headers) ? transfer.csv(kind(), rows)
                : Response.ok(rows).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") long id, @QueryParam("asRecordedOn") String asRecordedOn) {
        V view = store.get(kind(), id, Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn"));
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    @GET
    @Path("/{id}/history")
    public List<V> history(@PathParam("id") long id) {
        return store.history(kind(), id);
    }

    @DELETE
    @Path("/{id}")
    public Response close(@PathParam("id") long id, @QueryParam("reason") String reason,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactStore.Written<V> done = store.close(kind(), id, reason, ifMatch);
        return done.dispute() != null ? disputed(done.dispute()) : Response.noContent().build();
    }

    protected Response created(I input) {
        V view = store.create(kind(), input);
        return Response.created(URI.create(collectionPath + "/" + view.id())).tag(String.valueOf(view.version().revision()))
                .entity(view).build();
    }

    protected Response updated(long id, I input, String ifMatch) {
        FactStore.Written<V> done = store.update(kind(), id, input, ifMatch);
        if (done.dispute() != null) {
            return disputed(done.dispute());
        }
        V view = done.view();
        return Response.ok(view).tag(String.valueOf(view.version().revision())).build();
    }

    /**
     * 202 Accepted: a steward asked to change a fact it did not record; the change waits for a
     * curator's decision on the dispute (its Location).
     */
    public static Response disputed(FactDisputes.DisputeView dispute) {
        return Response.accepted(dispute).location(URI.create("/api/v1/disputes/" + dispute.id()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Imports a JSON array or a CSV document (by Content-Type) of rows in the export format, in one
     * transaction: all rows or none.
     */
    @POST
    @Path("/import")
    @Consumes({MediaType.APPLICATION_JSON, FactTransfer.CSV})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importRows(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @QueryParam("reason") String reason,
                               byte[] body) {
        caller.requireKey(); // before reading the body: an anonymous import is a 401, whatever it holds
        return Response.ok(store.importRows(kind(), transfer.read(kind(), contentType, body), reason)).build();
    }

}

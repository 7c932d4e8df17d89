package io.counterpower.dataset;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.problem.StreamedRoute;
import io.counterpower.common.text.RequestText;
import io.counterpower.common.time.Instants;
import io.counterpower.contributor.ImportLimits;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * {@code /api/v1/snapshots}: the whole fact base as recorded at a moment, to download and cite
 * (public: identities are pseudonymised), and its load into an empty service (admin).
 */
@Path(SnapshotResource.PATH)
class SnapshotResource {
    static final String PATH = "/api/v1/snapshots";
    static final String GZIP = "application/gzip";

    @Inject
    Snapshots snapshots;
    @Inject
    Caller caller;
    @Inject
    ImportLimits limits;

    @GET
    @jakarta.ws.rs.Produces({GZIP, MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("asRecordedOn") String asRecordedOn) {
        Instant moment = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
        StreamingOutput body = out -> snapshots.write(moment, out);
        String name = "counterpower-snapshot" + (moment == null ? "" : "-" + moment.toString().replace(':', '-')) + ".jsonl.gz";
        return Response.ok(body, GZIP).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /** Which default (and other) projects' repositories are collected, and which are not. */
    @GET
    @Path("/coverage")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public java.util.Map<String, Object> coverage() {
        return snapshots.coverage();
    }

    @POST
    @Consumes(GZIP)
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public Snapshots.LoadReport load(InputStream body) throws IOException {
        caller.requireAdmin();
        InputStream bounded = RequestText.bounded(body, limits.maxBytes().asLongValue(), "counterpower.imports.max-bytes");
        try {
            return snapshots.load(bounded, limits.transactionTimeoutSeconds(), "snapshot loaded by " + caller.actor());
        } catch (RuntimeException e) {
            // Drop what the client still sends, so that it receives the answer.
            try {
                bounded.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException ignored) {
                // the answer is already decided
            }
            throw e;
        }
    }

    /** Declares the load to the body limit check: a snapshot is larger than other request bodies. */
    @Singleton
    static class Route {
        @Produces
        @Singleton
        StreamedRoute snapshotLoad(ImportLimits limits) {
            return new StreamedRoute("POST", PATH, limits.maxBytes().asLongValue());
        }
    }
}

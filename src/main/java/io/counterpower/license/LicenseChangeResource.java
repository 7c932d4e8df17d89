package io.counterpower.license;

import io.counterpower.common.fact.FactTransfer;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** License changes derived from the recorded periods: what changed, when, and in which direction. */
@Path("/api/v1/license-changes")
@Produces({MediaType.APPLICATION_JSON, FactTransfer.CSV})
class LicenseChangeResource {
    @Inject
    LicenseChanges changes;
    @Inject
    FactTransfer transfer;

    /** A page of changes (JSON), or every matching change at once as CSV ({@code format=csv} or {@code Accept: text/csv}). */
    @GET
    public Response changes(@BeanParam LicenseChangeQuery.Params params, @QueryParam("format") String format,
                            @Context HttpHeaders headers) {
        boolean csv = transfer.wantsCsv(format, headers);
        LicenseChangeQuery q = params.query();
        List<LicenseChanges.Change> all = changes.changes(q);
        return csv ? transfer.records("license-changes", LicenseChanges.Change.class, all)
                : Response.ok(LicenseResource.slice(all, q.page())).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}

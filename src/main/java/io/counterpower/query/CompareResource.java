package io.counterpower.query;

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
import jakarta.ws.rs.core.UriInfo;

/** Indicators of several projects side by side, at a date or as series, as JSON or citable CSV. */
@Path("/api/v1/compare")
class CompareResource {
    @Inject
    CompareService compare;
    @Inject
    FactTransfer transfer;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CitedCsv.TYPE})
    public Response compare(@Context UriInfo uri, @Context HttpHeaders headers, @BeanParam CompareService.CompareParams params,
                            @QueryParam("format") String format) {
        boolean csv = transfer.wantsCsv(format, headers);
        Comparison c = compare.compare(compare.query(params), uri);
        if (!csv) {
            return Response.ok(c).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        return CitedCsv.response("comparison", "Counterpower indicators compared: " + String.join(", ", c.projects()),
                new Provenance(c.methodologyVersion(), c.dataVersion(), c.generatedAt(), c.query(), c.reproduce(), c.citation()),
                SeriesExportResource.CSV_COLUMNS, CompareService.csvRows(c));
    }
}

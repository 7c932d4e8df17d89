package io.counterpower.query;

import io.counterpower.common.fact.FactTransfer;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorValue;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/** A fork beside its upstream since the fork point, as JSON or as CSV (one row per side, indicator and date). */
@Path("/api/v1/projects/{slug}/fork")
class ForkResource {
    static final List<String> CSV_COLUMNS = List.of("project", "side", "indicator", "at", "value", "coverage", "n", "flags");

    @Inject
    ForkService forks;
    @Inject
    FactTransfer transfer;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CitedCsv.TYPE})
    public Response fork(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("slug") String slug,
                         @BeanParam ForkService.ForkParams params, @QueryParam("format") String format) {
        boolean csv = transfer.wantsCsv(format, headers);
        ForkComparison c = forks.compare(slug, forks.query(params), uri);
        if (!csv) {
            return Response.ok(c).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (IndicatorValue v : c.forkIndicators()) {
            rows.add(SeriesExportResource.csvRow(c.project(), v.name(),
                    new IndicatorSeriesView.Point(c.to(), v.value(), v.coverage(), v.n(), v.flags(), v.detail())));
        }
        for (ForkComparison.SideBySide s : c.indicators()) {
            s.fork().forEach(x -> rows.add(SeriesExportResource.csvRow(c.project(), s.name(), x)));
            s.upstream().forEach(x -> rows.add(SeriesExportResource.csvRow(c.upstream(), s.name(), x)));
        }
        List<List<Object>> sided = new ArrayList<>();
        for (List<Object> r : rows) {
            List<Object> row = new ArrayList<>(r);
            row.add(1, r.get(0).equals(c.project()) ? "fork" : "upstream");
            sided.add(row);
        }
        Provenance p = new Provenance(c.methodologyVersion(), c.dataVersion(), c.generatedAt(), c.query(), c.reproduce(), c.citation());
        return CitedCsv.response(slug + "-fork", "Counterpower: " + c.projectName() + " beside " + c.upstreamName() + " since the fork ("
                + c.step() + ", window " + c.window() + ")", p, CSV_COLUMNS, sided);
    }
}

package io.counterpower.query;

import io.counterpower.common.fact.FactTransfer;
import io.counterpower.indicator.FigureQueries;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorService;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicators of a project at the end of each month, quarter or year, as JSON or as CSV (one row
 * per indicator and date), with the fields that make them citable and reproducible.
 */
@Path("/api/v1/projects/{slug}/indicators/series")
class SeriesExportResource {
    static final List<String> CSV_COLUMNS = List.of("project", "indicator", "at", "value", "coverage", "n", "flags");

    @Inject
    IndicatorService indicators;
    @Inject
    FactTransfer transfer;
    @Inject
    FigureQueries queries;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CitedCsv.TYPE})
    public Response series(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("slug") String slug,
                           @BeanParam FigureQueries.SeriesParams params, @QueryParam("format") String format) {
        boolean csv = transfer.wantsCsv(format, headers);
        Instant generatedAt = Instant.now();
        IndicatorSeriesView v = indicators.series(slug, queries.series(params));
        Map<String, String> pins = new LinkedHashMap<>();
        pins.put("to", v.to().toString());
        pins.put("asRecordedOn", (v.asRecordedOn() == null ? generatedAt : v.asRecordedOn()).toString());
        pins.put("methodology", String.valueOf(v.methodologyVersion()));
        Provenance p = Provenance.of(uri, "Indicator series of " + slug, v.methodologyVersion(), v.dataVersion(), generatedAt, pins);
        if (!csv) {
            return Response.ok(CitedSeries.of(v, p)).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (IndicatorSeriesView.Series s : v.indicators()) {
            s.points().forEach(x -> rows.add(csvRow(slug, s.name(), x)));
        }
        return CitedCsv.response(slug + "-series", "Counterpower indicator series of " + slug + " (" + v.step() + ", window "
                + v.window() + ")", p, CSV_COLUMNS, rows);
    }

    /** One indicator at one date as a CSV row; the flags are separated by semicolons. */
    static List<Object> csvRow(String project, String indicator, IndicatorSeriesView.Point x) {
        List<Object> row = new ArrayList<>();
        row.add(project);
        row.add(indicator);
        row.add(x.at().toString());
        row.add(x.value() instanceof List<?> l ? l.stream().map(String::valueOf).reduce((a, b) -> a + ";" + b).orElse("") : x.value());
        row.add(x.coverage());
        row.add(x.n());
        row.add(String.join(";", x.flags()));
        return row;
    }
}

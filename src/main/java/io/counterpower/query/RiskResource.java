package io.counterpower.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.FactTransfer;
import io.counterpower.common.time.HttpDates;
import io.counterpower.common.version.DataVersions;
import io.counterpower.common.version.HttpCaching;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Projects ranked by capture_risk (or any numeric indicator), as JSON or citable CSV. */
@Path("/api/v1/risk")
class RiskResource {
    static final List<String> CSV_COLUMNS = List.of("rank", "project", "name", "kind", "origin", "steward", "foundationHosted",
            "stage", "stageConfidence", "captureRisk", "captureRiskCoverage", "captureRiskN", "signalsPresent", "signalsDefined", "trend", "topOrg", "topOrgShare",
            "topOrgCoverage", "topOrgN", "affiliationCoverage", "affiliationCoverageCoverage", "affiliationCoverageN",
            "rankedBy", "rankedValue", "rankedCoverage", "rankedN", "methodologyVersion", "dataVersion", "walkawayResilience",
            "walkawayResilienceCoverage", "walkawayShare", "walkawayShareCoverage", "walkawayShareN", "walkawayMergers",
            "walkawayMergersCoverage", "walkawayMergersN", "forkable", "forkableCoverage");

    @Inject
    RiskService risk;
    @Inject
    RiskSnapshots snapshots;
    @Inject
    FactTransfer transfer;
    @Inject
    DataVersions versions;
    @Inject
    HttpCaching caching;
    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;
    @Inject
    RenderedPages rendered;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CitedCsv.TYPE})
    public Response ranking(@Context UriInfo uri, @Context HttpServerRequest http, @Context HttpHeaders headers,
                            @BeanParam RiskService.RiskParams params, @QueryParam("format") String format) {
        boolean csv = transfer.wantsCsv(format, headers);
        RiskService.Query q = risk.parse(params);
        RiskSnapshots.Snapshot s = q.pinned() ? null : snapshots.current();
        if (s == null) {
            // Pinned (computed on demand), or no stored ranking yet (the service answers 503).
            RiskService.Result result = risk.ranking(q, s, (m, d, at, pins) -> Provenance.of(uri, "Capture risk ranking", m, d, at, pins));
            return csv ? csv(result.ranking()) : Response.ok(result.ranking()).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        EntityTag tag = tag(s, versions.served().version(), csv);
        if (!caller.isAuthenticated() && HttpCaching.matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            return Response.notModified(tag).header(HttpHeaders.LAST_MODIFIED, HttpDates.format(s.generatedAt()))
                    .header(HttpHeaders.CACHE_CONTROL, caching.publicCacheControl())
                    .header(HttpHeaders.VARY, "Accept, Authorization").build();
        }
        // A page of the stored ranking is the same bytes for everyone until the tag changes: dashboards
        // polling the same URLs get the rendered answer without sorting or serialising it again, and
        // usually before this method, on the I/O thread (RenderedPages).
        byte[] body = rendered.get(RenderedPages.key(tag, http), () -> {
            RiskRanking r = risk.ranking(q, s, (m, d, at, pins) -> Provenance.of(uri, "Capture risk ranking", m, d, at, pins)).ranking();
            return csv ? ((String) csv(r).getEntity()).getBytes(StandardCharsets.UTF_8) : json(r);
        });
        Response.ResponseBuilder response = Response.ok(body).tag(tag)
                .header(HttpHeaders.LAST_MODIFIED, HttpDates.format(s.generatedAt()));
        return csv ? response.type(CitedCsv.TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"risk-ranking.csv\"").build()
                : response.type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The stored ranking changes when a refresh completes, not when the data does: its tag names both. */
    static EntityTag tag(RiskSnapshots.Snapshot s, long dataVersion, boolean csv) {
        return new EntityTag("risk-" + s.id() + "-" + dataVersion + "-" + s.at() + (csv ? "-csv" : "-json"), true);
    }

    private byte[] json(RiskRanking ranking) {
        try {
            return json.writeValueAsBytes(ranking);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the ranking", e);
        }
    }

    /** Asks for a refresh of the stored ranking now (curators): it runs in the background, readers are not held. */
    @POST
    @Path("/refresh")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh() {
        caller.requireCurator();
        snapshots.requestRefresh();
        RiskSnapshots.Snapshot s = snapshots.current();
        return Response.accepted(new RefreshStatus(s == null ? null : new RiskRanking.SnapshotInfo(s.id(), s.dataVersion(),
                s.recordedOn(), s.generatedAt(), snapshots.stale(s), s.recomputed()), true)).build();
    }

    /** The stored ranking being served, and that a refresh was asked for. */
    record RefreshStatus(RiskRanking.SnapshotInfo snapshot, boolean refreshQueued) {
    }

    private static Response csv(RiskRanking r) {
        List<List<Object>> rows = new ArrayList<>();
        for (RiskRow x : r.items()) {
            List<Object> row = new ArrayList<>(List.of(x.rank(), x.project(), x.name(), x.kind(), x.origin()));
            row.add(x.steward());
            row.add(x.foundationHosted());
            row.add(x.stage());
            row.add(x.stageConfidence());
            addFigure(row, x.captureRisk());
            row.add(x.evidence() == null ? null : x.evidence().present());
            row.add(x.evidence() == null ? null : x.evidence().defined());
            row.add(x.trend());
            row.add(x.topOrg() == null ? null : x.topOrg().organisation());
            row.add(x.topOrg() == null ? null : x.topOrg().share());
            row.add(x.topOrg() == null ? null : x.topOrg().coverage());
            row.add(x.topOrg() == null ? null : x.topOrg().n());
            addFigure(row, x.affiliationCoverage());
            row.add(x.ranked().indicator());
            row.add(x.ranked().value());
            row.add(x.ranked().coverage());
            row.add(x.ranked().n());
            row.add(x.methodologyVersion());
            row.add(x.dataVersion());
            RiskRow.Walkaway w = x.walkaway();
            row.add(w == null ? null : w.resilience());
            row.add(w == null ? null : w.resilienceCoverage());
            addFigure(row, w == null ? null : w.share());
            addFigure(row, w == null ? null : w.mergers());
            row.add(w == null ? null : w.forkable());
            row.add(w == null ? null : w.forkableCoverage());
            rows.add(row);
        }
        return CitedCsv.response("risk-ranking", "Counterpower capture risk ranking (page " + r.page() + ", " + r.items().size()
                + " of " + r.totalItems() + " projects)", new Provenance(r.methodologyVersion(), r.dataVersion(), r.generatedAt(),
                r.query(), r.reproduce(), r.citation()), CSV_COLUMNS, rows);
    }

    private static void addFigure(List<Object> row, Figure f) {
        row.add(f == null ? null : f.value());
        row.add(f == null ? null : f.coverage());
        row.add(f == null ? null : f.n());
    }
}

package io.counterpower.query;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.FactTransfer;
import io.counterpower.common.version.DataVersions;
import io.counterpower.common.version.HttpCaching;
import jakarta.inject.Inject;
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

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Projects ranked by capture_risk (or any numeric indicator), as JSON or citable CSV. */
@Path("/api/v1/risk")
public class RiskResource {
    static final List<String> CSV_COLUMNS = List.of("rank", "project", "name", "kind", "origin", "steward", "foundationHosted",
            "stage", "stageConfidence", "captureRisk", "captureRiskCoverage", "captureRiskN", "trend", "topOrg", "topOrgShare",
            "topOrgCoverage", "topOrgN", "affiliationCoverage", "affiliationCoverageCoverage", "affiliationCoverageN",
            "rankedBy", "rankedValue", "rankedCoverage", "rankedN", "methodologyVersion", "dataVersion");

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

    @GET
    @Produces({MediaType.APPLICATION_JSON, CitedCsv.TYPE})
    public Response ranking(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("format") String format) {
        boolean csv = transfer.wantsCsv(format, headers);
        RiskService.Query q = risk.parse(QueryParameters.of(uri));
        EntityTag tag = null;
        if (!q.pinned()) {
            // The stored ranking changes when a refresh completes, not when the data does: its tag names both.
            RiskSnapshots.Snapshot s = snapshots.current();
            if (s != null) {
                tag = new EntityTag("risk-" + s.id() + "-" + versions.current().version() + "-" + s.at() + (csv ? "-csv" : "-json"), true);
                if (!caller.isAuthenticated() && HttpCaching.matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
                    return Response.notModified(tag).lastModified(Date.from(s.generatedAt()))
                            .header(HttpHeaders.CACHE_CONTROL, caching.publicCacheControl())
                            .header(HttpHeaders.VARY, "Accept, Authorization").build();
                }
            }
        }
        RiskService.Result result = risk.ranking(q, (m, d, at, pins) -> Provenance.of(uri, "Capture risk ranking", m, d, at, pins));
        RiskRanking r = result.ranking();
        Response.ResponseBuilder response = csv ? Response.fromResponse(csv(r)) : Response.ok(r).type(MediaType.APPLICATION_JSON_TYPE);
        if (tag != null && result.snapshot() != null) {
            response.tag(tag).lastModified(Date.from(result.snapshot().generatedAt()));
        }
        return response.build();
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
    public record RefreshStatus(RiskRanking.SnapshotInfo snapshot, boolean refreshQueued) {
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

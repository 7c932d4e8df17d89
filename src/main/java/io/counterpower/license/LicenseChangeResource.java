package io.counterpower.license;

import io.counterpower.common.fact.FactTransfer;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import io.counterpower.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** License changes derived from the recorded periods: what changed, when, and in which direction. */
@Path("/api/v1/license-changes")
@Produces({MediaType.APPLICATION_JSON, FactTransfer.CSV})
class LicenseChangeResource {
    @Inject
    LicenseChanges changes;
    @Inject
    ProjectService projects;
    @Inject
    FactTransfer transfer;

    /** A page of changes (JSON), or every matching change at once as CSV ({@code format=csv} or {@code Accept: text/csv}). */
    @GET
    public Response changes(@QueryParam("project") String project, @QueryParam("artifact") String artifact,
                            @QueryParam("direction") String direction, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("asRecordedOn") String asRecordedOn,
                            @QueryParam("page") String page, @QueryParam("size") String size,
                            @QueryParam("format") String format, @Context HttpHeaders headers) {
        boolean csv = transfer.wantsCsv(format, headers);
        PageRequest paging = PageRequest.parse(page, size, null, Map.of("date", "date"), "date");
        LicenseChangeKind wanted = QueryParams.code(direction, "direction", LicenseChangeKind::of);
        Long projectId = project == null || project.isBlank() ? null : projects.idOrNull(project);
        List<LicenseChanges.Change> all = changes.changes(projectId, artifact == null || artifact.isBlank() ? null : artifact.trim(),
                        Instants.parseDate(from, "from"), Instants.parseDate(to, "to"),
                        Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn")).stream()
                .filter(c -> wanted == null || c.direction() == wanted)
                .toList();
        return csv ? transfer.records("license-changes", LicenseChanges.Change.class, all)
                : Response.ok(LicenseResource.slice(all, paging)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}

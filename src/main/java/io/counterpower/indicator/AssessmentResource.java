package io.counterpower.indicator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.version.DataVersions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The stage assessment of a project at a date. */
@Path("/api/v1/projects/{slug}/assessment")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {
    @Inject
    AssessmentService assessments;
    @Inject
    DataVersions versions;
    @Inject
    Methodology methodology;
    @Inject
    RenderedAssessments rendered;
    @Inject
    ObjectMapper json;

    @GET
    public Response assess(@Context UriInfo uri, @PathParam("slug") String slug, @QueryParam("at") String at,
                           @QueryParam("window") String window, @QueryParam("asRecordedOn") String asRecordedOn,
                           @QueryParam("methodology") String methodology) {
        // A warm read is the same bytes until any fact changes: the key names the newest data version
        // (read before computing, so a body is never older than its key), the UTC day (the default
        // at), the default methodology and the URL, which holds every parameter. A hit costs no query.
        String key = versions.current().version() + " " + IndicatorService.today() + " " + this.methodology.latest().number()
                + " " + uri.getPath() + "?" + uri.getRequestUri().getRawQuery();
        byte[] body = rendered.get(key, () -> serialise(assessments.assess(slug, at, asRecordedOn, window, methodology)));
        return Response.ok(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private byte[] serialise(StageAssessment assessment) {
        try {
            return json.writeValueAsBytes(assessment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the assessment", e);
        }
    }
}

package io.counterpower.indicator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.version.DataVersions;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The stage assessment of a project at a date. */
@Path("/api/v1/projects/{slug}/assessment")
@Produces(MediaType.APPLICATION_JSON)
class AssessmentResource {
    @Inject
    AssessmentService assessments;
    @Inject
    DataVersions versions;
    @Inject
    RenderedAssessments rendered;
    @Inject
    ObjectMapper json;
    @Inject
    FigureQueries queries;

    @GET
    public Response assess(@Context HttpServerRequest http, @PathParam("slug") String slug,
                           @BeanParam FigureQueries.AssessmentParams params) {
        // A hit costs no query here, and is usually answered before this method on the I/O thread.
        String key = rendered.key(versions.served().version(), http);
        byte[] body = rendered.get(key, () -> serialise(assessments.assess(slug, queries.assessment(params))));
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

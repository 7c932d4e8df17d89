package io.counterpower.indicator;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The stage assessment of a project at a date. */
@Path("/api/v1/projects/{slug}/assessment")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {
    @Inject
    AssessmentService assessments;

    @GET
    public StageAssessment assess(@PathParam("slug") String slug, @QueryParam("at") String at,
                                  @QueryParam("window") String window, @QueryParam("asRecordedOn") String asRecordedOn,
                                  @QueryParam("methodology") String methodology) {
        return assessments.assess(slug, at, asRecordedOn, window, methodology);
    }
}

package io.counterpower.query.chart;

import io.counterpower.indicator.FigureQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

/** A project's stage and capture risk as a shields-style SVG badge, for READMEs and dashboards. */
@Path("/api/v1/projects/{slug}/badge.svg")
@Produces(Svg.MEDIA_TYPE)
class BadgeResource {
    @Inject
    Charts charts;
    @Inject
    FigureQueries queries;

    @GET
    public String badge(@PathParam("slug") String slug, @BeanParam FigureQueries.AssessmentParams params) {
        return charts.badge(slug, queries.assessment(params));
    }
}

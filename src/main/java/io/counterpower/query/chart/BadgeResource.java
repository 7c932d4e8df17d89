package io.counterpower.query.chart;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/** A project's stage and capture risk as a shields-style SVG badge, for READMEs and dashboards. */
@Path("/api/v1/projects/{slug}/badge.svg")
@Produces(Svg.MEDIA_TYPE)
public class BadgeResource {
    @Inject
    Charts charts;

    @GET
    public String badge(@PathParam("slug") String slug, @QueryParam("at") String at, @QueryParam("window") String window,
                        @QueryParam("asRecordedOn") String asRecordedOn, @QueryParam("methodology") String methodology) {
        return charts.badge(slug, at, window, asRecordedOn, methodology);
    }
}

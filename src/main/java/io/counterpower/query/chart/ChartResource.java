package io.counterpower.query.chart;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/** A project's indicator series as an SVG line chart. */
@Path("/api/v1/projects/{slug}/charts")
@Produces(Svg.MEDIA_TYPE)
public class ChartResource {
    @Inject
    Charts charts;

    /** A fork beside its upstream since the fork point (METHODOLOGY.md section 7, "Forks"). */
    @GET
    @Path("fork.svg")
    public String fork(@PathParam("slug") String slug, @QueryParam("from") String from, @QueryParam("to") String to,
                       @QueryParam("step") String step, @QueryParam("window") String window,
                       @QueryParam("asRecordedOn") String asRecordedOn, @QueryParam("methodology") String methodology,
                       @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return charts.fork(slug, from, to, step, window, asRecordedOn, methodology, uri);
    }

    @GET
    @Path("{indicator}.svg")
    public String chart(@PathParam("slug") String slug, @PathParam("indicator") String indicator,
                        @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("step") String step,
                        @QueryParam("window") String window, @QueryParam("kinds") String kinds,
                        @QueryParam("asRecordedOn") String asRecordedOn, @QueryParam("methodology") String methodology,
                        @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return charts.chart(slug, indicator, from, to, step, window, kinds, asRecordedOn, methodology, uri.getRequestUri().toString());
    }

}

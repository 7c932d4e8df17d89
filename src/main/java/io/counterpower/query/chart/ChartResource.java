package io.counterpower.query.chart;

import io.counterpower.query.ForkService;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

/** A project's indicator series as an SVG line chart. */
@Path("/api/v1/projects/{slug}/charts")
@Produces(Svg.MEDIA_TYPE)
class ChartResource {
    @Inject
    Charts charts;
    @Inject
    ForkService forks;

    /** A fork beside its upstream since the fork point (METHODOLOGY.md section 7, "Forks"). */
    @GET
    @Path("fork.svg")
    public String fork(@PathParam("slug") String slug, @BeanParam ForkService.ForkParams params,
                       @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return charts.fork(slug, forks.query(params), uri);
    }

    @GET
    @Path("{indicator}.svg")
    public String chart(@PathParam("slug") String slug, @PathParam("indicator") String indicator,
                        @BeanParam Charts.ChartParams params, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return charts.chart(slug, indicator, charts.query(indicator, params), uri.getRequestUri().toString());
    }

}

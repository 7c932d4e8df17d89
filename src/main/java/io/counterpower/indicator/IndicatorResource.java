package io.counterpower.indicator;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The indicators of a project at a date (the series, with its exports, is in {@code query}). */
@Path("/api/v1/projects/{slug}/indicators")
@Produces(MediaType.APPLICATION_JSON)
class IndicatorResource {
    @Inject
    IndicatorService indicators;
    @Inject
    FigureQueries queries;

    @GET
    public IndicatorsView indicators(@PathParam("slug") String slug, @BeanParam FigureQueries.IndicatorParams params) {
        return indicators.indicators(slug, queries.indicators(params));
    }
}

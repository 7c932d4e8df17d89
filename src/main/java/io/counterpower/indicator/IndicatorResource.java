package io.counterpower.indicator;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The indicators of a project at a date (the series, with its exports, is in {@code query}). */
@Path("/api/v1/projects/{slug}/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {
    @Inject
    IndicatorService indicators;

    @GET
    public IndicatorsView indicators(@PathParam("slug") String slug, @QueryParam("names") String names,
                                     @QueryParam("at") String at, @QueryParam("window") String window,
                                     @QueryParam("asRecordedOn") String asRecordedOn, @QueryParam("kinds") String kinds,
                                     @QueryParam("methodology") String methodology) {
        return indicators.indicators(slug, names, at, window, asRecordedOn, kinds, methodology);
    }
}

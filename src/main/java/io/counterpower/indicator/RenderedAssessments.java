package io.counterpower.indicator;

import io.counterpower.common.version.DataVersions;
import io.counterpower.common.version.HttpCaching;
import io.counterpower.common.version.RenderedBodies;
import io.counterpower.common.version.WarmReads;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Serialised assessments by data version, day, methodology and URL ({@link AssessmentResource}),
 * answered from here on the I/O thread once held ({@link WarmReads}).
 */
@Singleton
class RenderedAssessments extends RenderedBodies implements WarmReads.Source {
    @Inject
    Methodology methodology;
    @Inject
    HttpCaching caching;

    RenderedAssessments(AssessmentConfig config) {
        super(config.renderedBodies());
    }

    /**
     * An assessment is the same bytes until any fact changes: the key names the newest data version
     * (read before computing, so a body is never older than its key), the UTC day (the default
     * {@code at}), the default methodology and the raw URL, which holds every parameter.
     */
    String key(long dataVersion, HttpServerRequest request) {
        return dataVersion + " " + caching.today() + " " + methodology.latest().number()
                + " " + request.path() + "?" + request.query();
    }

    @Override
    public String paths() {
        return "/api/v1/projects/[^/]+/assessment";
    }

    @Override
    public WarmReads.Held held(HttpServerRequest request, DataVersions.Version version) {
        byte[] body = held(key(version.version(), request));
        return body == null ? null : new WarmReads.Held(body, caching.tag(version, false), caching.lastModified(version));
    }
}

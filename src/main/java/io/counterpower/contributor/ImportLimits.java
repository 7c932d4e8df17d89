package io.counterpower.contributor;

import io.counterpower.common.problem.StreamedRoute;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * How large an enrolment import may be ({@code counterpower.imports.*}). The import streams its
 * body, so it is the one route allowed past the general body limit.
 */
@ConfigMapping(prefix = "counterpower.imports")
public interface ImportLimits {
    String PATH_IN_RESOURCE = "/import";
    String PATH = "/api/v1/affiliations" + PATH_IN_RESOURCE;

    /** The largest body an import may send; Vert.x's own limit must be at least this. */
    @WithDefault("64M")
    MemorySize maxBytes();

    /** The most rows (people and enrolments, or CSV rows) one import may hold. */
    @WithDefault("200000")
    int maxRows();

    /** How long the transaction that records one import may last. */
    @WithDefault("600")
    int transactionTimeoutSeconds();

    /** Declares the import route to the body limit check. */
    @Singleton
    class Route {
        @Produces
        @Singleton
        StreamedRoute enrolmentImport(ImportLimits limits) {
            return new StreamedRoute("POST", PATH, limits.maxBytes().asLongValue());
        }
    }
}

package io.counterpower.common.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Request size limits and the rate limits of expensive endpoints ({@code counterpower.limits.*}). */
@ConfigMapping(prefix = "counterpower.limits")
public interface LimitsConfig {

    /** The longest request target (path and query string), in characters: longer is 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** The most query parameters a request may carry: more is 400. */
    @WithDefault("64")
    int maxQueryParameters();

    /** The most bytes of request headers (names and values): more is 431. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /** Token buckets for the expensive endpoints. */
    Rate rate();

    interface Rate {
        /** Off: no request is counted (the size limits stay). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The expensive endpoints, as a regular expression over the request path: indicator series,
         * charts (a series drawn), comparisons, governance reports (rule checks over time), exports, and
         * collections (each starts a job that clones and reads a repository). The risk ranking is
         * counted only when it pins a date, window, recorded state or methodology: then every project
         * is computed for it, while a plain read is served from the stored snapshot.
         */
        @WithDefault("^/api/v1/(projects/[^/]+/(indicators/series|series|collections|charts/[^/]+\\.svg)|compare"
                + "|organisations/[^/]+/governance-report|[a-z-]+/export|series|exports?(/.*)?)$")
        String paths();

        /** Requests to expensive endpoints an API key may make at once, refilled over {@link #perKeyPeriod()}. */
        @WithDefault("240")
        long perKeyCapacity();

        @WithDefault("1M")
        Duration perKeyPeriod();

        /** The same for requests without a key, counted per client address. */
        @WithDefault("90")
        long perAddressCapacity();

        @WithDefault("1M")
        Duration perAddressPeriod();

        /** How many keys and addresses are tracked at once; the least recently seen are forgotten. */
        @WithDefault("100000")
        long trackedClients();
    }
}

package io.counterpower.collect.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the GitHub and Hugging Face collectors talk HTTP ({@code counterpower.platform-http.*}). */
@ConfigMapping(prefix = "counterpower.platform-http")
public interface PlatformHttpConfig {

    /** Time to open a connection. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Time for one whole answer. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** Attempts of one request when the server answers 5xx or the connection fails (the first included). */
    @WithDefault("4")
    int maxAttempts();

    /** The wait before the first retry; it doubles for each next one. */
    @WithDefault("1s")
    Duration backoff();

    /**
     * The longest the collector waits for an exhausted rate limit to reset. A longer wait stops the job
     * cleanly instead: what was read is recorded, and the next collection resumes from the cursor.
     */
    @WithDefault("60s")
    Duration maxRateLimitWait();
}

package io.counterpower.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The service's HTTP settings ({@code counterpower.http.*}): the general body limit and the caching headers of reads.
 * Its own package so that both {@code common.problem} (the limit) and {@code common.version} (the headers) can read it.
 */
@ConfigMapping(prefix = "counterpower.http")
public interface HttpConfig {
    /** The largest body a route accepts unless it declares a {@code StreamedRoute} of its own. */
    MemorySize maxBodySize();

    /** How long a client or a shared cache may reuse a read ({@code Cache-Control: max-age}). */
    @WithDefault("60s")
    Duration maxAge();

    /** How long past {@link #maxAge()} a cache may serve a read while it revalidates it. */
    @WithDefault("300s")
    Duration staleWhileRevalidate();
}

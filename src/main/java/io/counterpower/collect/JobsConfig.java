package io.counterpower.collect;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The background job pool ({@code counterpower.jobs.*}). */
@ConfigMapping(prefix = "counterpower.jobs")
public interface JobsConfig {

    /** Worker threads of this instance; each runs one job at a time. 0 runs no job here. */
    @WithDefault("2")
    int workers();

    /** How often an idle worker looks for a queued job (a job posted to this instance wakes it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often a running job proves it is alive. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** A running job whose heartbeat is older than this was interrupted (its instance stopped) and is failed. */
    @WithDefault("60s")
    Duration staleAfter();
}

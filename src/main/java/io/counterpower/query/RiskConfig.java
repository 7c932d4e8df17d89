package io.counterpower.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The risk ranking's stored snapshots and rendered pages ({@code counterpower.risk.*}). */
@ConfigMapping(prefix = "counterpower.risk")
public interface RiskConfig {
    /** Rendered ranking pages kept in memory. */
    @WithDefault("256")
    int renderedPages();

    /** How often the stored ranking is checked for staleness. */
    @WithDefault("30s")
    Duration checkInterval();

    /** Whether the stored ranking is refreshed at start and then kept fresh. */
    @WithDefault("true")
    boolean refreshOnStart();
}

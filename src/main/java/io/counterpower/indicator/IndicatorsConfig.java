package io.counterpower.indicator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How indicators are computed and cached ({@code counterpower.indicators.*}). */
@ConfigMapping(prefix = "counterpower.indicators")
public interface IndicatorsConfig {
    /** Indicator group results kept in memory, keyed by data version. */
    @WithDefault("5000")
    int cacheSize();

    /** The most dates one series may have. */
    @WithDefault("240")
    int seriesMaxPoints();

    /** PostgreSQL's work_mem for the contribution statement. */
    @WithDefault("64MB")
    String workMem();
}

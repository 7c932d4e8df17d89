package io.counterpower.indicator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How assessments are served ({@code counterpower.assessment.*}). */
@ConfigMapping(prefix = "counterpower.assessment")
public interface AssessmentConfig {
    /** Serialised assessment bodies kept in memory, keyed by data version and request. */
    @WithDefault("1000")
    int renderedBodies();
}

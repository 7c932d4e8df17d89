package io.counterpower.common.version;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How data versions are read ({@code counterpower.data-version.*}). */
@ConfigMapping(prefix = "counterpower.data-version")
public interface DataVersionConfig {
    /** How long a read version may be reused before it is read again from the database. */
    @WithDefault("1s")
    Duration maxAge();
}

package io.counterpower.dataset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the service does with the reference dataset at start ({@code counterpower.dataset.*}). */
@ConfigMapping(prefix = "counterpower.dataset")
public interface DatasetConfig {
    /** Whether the reference dataset is loaded at start. */
    @WithDefault("true")
    boolean loadOnStart();

    /** Whether the packaged snapshot is loaded at start into an empty database. */
    @WithDefault("true")
    boolean snapshotOnStart();
}

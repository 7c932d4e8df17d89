package io.counterpower.collect.git;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The git collector ({@code counterpower.collect.*}). */
@ConfigMapping(prefix = "counterpower.collect")
public interface GitCollectConfig {

    /**
     * Where https repositories are cloned and then fetched into, one bare clone per URL. Default:
     * {@code counterpower-git} under the system temporary directory.
     */
    Optional<String> cacheDir();

    /** Commits written per transaction: large enough to amortise round trips, small enough to bound memory. */
    @WithDefault("2000")
    int batchSize();
}

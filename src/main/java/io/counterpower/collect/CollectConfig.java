package io.counterpower.collect;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * The collectors ({@code counterpower.collect.*}): one mapping for the prefix, so that every setting under it
 * is declared once (the git collector's clone cache and batches, and the hosts a collection may reach).
 */
@ConfigMapping(prefix = "counterpower.collect")
public interface CollectConfig {

    /**
     * Where https repositories are cloned and then fetched into, one bare clone per URL. Default:
     * {@code counterpower-git} under the system temporary directory.
     */
    Optional<String> cacheDir();

    /** Commits written per transaction: large enough to amortise round trips, small enough to bound memory. */
    @WithDefault("2000")
    int batchSize();

    /**
     * Host names (exactly as in the URL) that may be cloned although they resolve into the service's
     * own network, such as an internal git mirror. Empty: public hosts only.
     */
    Optional<List<String>> allowedHosts();
}

package io.counterpower.collect;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Which repository hosts a steward's collection may reach ({@code counterpower.collect.allowed-hosts}). */
@ConfigMapping(prefix = "counterpower.collect")
public interface CollectionHostsConfig {

    /**
     * Host names (exactly as in the URL) that may be cloned although they resolve into the service's
     * own network, such as an internal git mirror. Empty: public hosts only.
     */
    Optional<List<String>> allowedHosts();
}

package io.counterpower.collect.github;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** The GitHub collector ({@code counterpower.github.*}). */
@ConfigMapping(prefix = "counterpower.github")
public interface GitHubConfig {

    /** The REST API's base URL; tests point it at a local server. */
    @WithDefault("https://api.github.com")
    URI apiUrl();

    /**
     * A token (fine-grained, read-only public access is enough), from {@code COUNTERPOWER_GITHUB_TOKEN}.
     * Without one GitHub allows 60 requests an hour; with one, 5,000.
     */
    Optional<String> token();
}

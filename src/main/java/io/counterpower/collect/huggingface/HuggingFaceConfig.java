package io.counterpower.collect.huggingface;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** The Hugging Face collector ({@code counterpower.huggingface.*}). */
@ConfigMapping(prefix = "counterpower.huggingface")
public interface HuggingFaceConfig {

    /** The Hub's base URL (its API is under {@code /api}); tests point it at a local server. */
    @WithDefault("https://huggingface.co")
    URI apiUrl();

    /** A read token, from {@code COUNTERPOWER_HUGGINGFACE_TOKEN}; public models need none, gated ones do. */
    Optional<String> token();
}

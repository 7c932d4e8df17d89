package io.counterpower.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A local HTTP server standing in for GitHub ({@code /github}) and the Hugging Face Hub ({@code /hf}):
 * the collectors' base URLs point at it, and each test stubs the answers it needs (recorded bodies
 * under {@code src/test/resources/fixtures}, see {@link PlatformFixtures}). The GitHub token is a
 * value the tests look for in every answer, to prove it never leaks.
 */
public class PlatformServer implements QuarkusTestResourceLifecycleManager {
    /** The token the service is configured with in tests. */
    public static final String GITHUB_TOKEN = "ghp_TestTokenThatMustNeverBeShown0123456789";
    public static final String HUGGINGFACE_TOKEN = "hf_TestTokenThatMustNeverBeShown0123456789";

    private static volatile WireMockServer server;

    /** The running server, for stubbing and verifying. */
    public static WireMockServer server() {
        return server;
    }

    /** The base URL GitHub answers at, e.g. for {@code Link} headers. */
    public static String githubBase() {
        return server.baseUrl() + "/github";
    }

    public static String huggingFaceBase() {
        return server.baseUrl() + "/hf";
    }

    @Override
    public Map<String, String> start() {
        WireMockServer started = new WireMockServer(wireMockConfig().dynamicPort());
        started.start();
        server = started;
        return Map.of("counterpower.github.api-url", started.baseUrl() + "/github",
                "counterpower.github.token", GITHUB_TOKEN,
                "counterpower.huggingface.api-url", started.baseUrl() + "/hf",
                "counterpower.huggingface.token", HUGGINGFACE_TOKEN);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

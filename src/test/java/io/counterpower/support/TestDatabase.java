package io.counterpower.support;

import io.counterpower.common.db.DatabaseBootstrap;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Creates the test database before Quarkus starts when it does not exist yet, so that the test
 * command works on a fresh machine. Flyway then cleans and migrates it (test profile).
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/counterpower_test";

    @Override
    public Map<String, String> start() {
        String url = System.getenv().getOrDefault("COUNTERPOWER_TEST_DB_URL", DEFAULT_URL);
        DatabaseBootstrap.ensureExists(url, System.getenv().getOrDefault("COUNTERPOWER_DB_USER", "postgres"),
                System.getenv().getOrDefault("COUNTERPOWER_DB_PASSWORD", ""));
        return Map.of("counterpower.db.url", url);
    }

    @Override
    public void stop() {
    }
}

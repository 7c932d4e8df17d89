package io.counterpower.dataset;

import io.counterpower.common.db.DatabaseBootstrap;
import io.counterpower.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The service on a database of its own that starts empty (no default dataset): snapshot loads need
 * an empty service, and emptying the shared test database would pull the rug from other tests.
 */
public class SnapshotServiceProfile implements QuarkusTestProfile {
    static final String URL = System.getenv().getOrDefault("COUNTERPOWER_TEST_DB_URL", TestDatabase.DEFAULT_URL) + "_snapshot";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.url", URL, "counterpower.db.url", URL,
                "counterpower.dataset.load-on-start", "false", "counterpower.risk.refresh-on-start", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    /** Creates the database before Quarkus starts; Flyway cleans and migrates it (test profile). */
    public static class Database implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            DatabaseBootstrap.ensureExists(URL, System.getenv().getOrDefault("COUNTERPOWER_DB_USER", "postgres"),
                    System.getenv().getOrDefault("COUNTERPOWER_DB_PASSWORD", ""));
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }
}

package io.counterpower.support;

import io.counterpower.common.db.DatabaseBootstrap;
import io.counterpower.common.db.DatabaseChoice;
import io.counterpower.common.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tests' database: {@code COUNTERPOWER_TEST_DB_URL} when set; otherwise {@code counterpower_test} on
 * the PostgreSQL server at 127.0.0.1:5432 when one answers (as on every machine of the project and in
 * CI); otherwise, on a machine with only Java, a throw-away embedded PostgreSQL started once per test
 * run in a temporary directory ({@code COUNTERPOWER_TEST_DB_EMBEDDED=true} chooses it even when a
 * server answers). The database is created when missing; Flyway then cleans and migrates it.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/counterpower_test";
    private static final String DEFAULT_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";

    /** Shared by every start of Quarkus in this JVM (test profiles restart it); stopped when the JVM exits. */
    private static EmbeddedDatabase embedded;

    @Override
    public Map<String, String> start() {
        String user = System.getenv().getOrDefault("COUNTERPOWER_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("COUNTERPOWER_DB_PASSWORD", "");
        String url = System.getenv("COUNTERPOWER_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            boolean embeddedChosen = Boolean.parseBoolean(System.getenv("COUNTERPOWER_TEST_DB_EMBEDDED"));
            if (embeddedChosen || !DatabaseChoice.answers(DEFAULT_SERVER, user, password)) {
                EmbeddedDatabase database = embedded();
                DatabaseBootstrap.ensureExists(database.jdbcUrl(), EmbeddedDatabase.USER, "");
                return Map.of("counterpower.db.url", database.jdbcUrl(), "counterpower.db.user", EmbeddedDatabase.USER,
                        "counterpower.db.password", "");
            }
            url = DEFAULT_URL;
        }
        DatabaseBootstrap.ensureExists(url, user, password);
        return Map.of("counterpower.db.url", url);
    }

    /** Whether this run uses the embedded fallback (the tests that need a server's own tools skip then). */
    public static synchronized boolean embeddedInUse() {
        return embedded != null;
    }

    private static synchronized EmbeddedDatabase embedded() {
        if (embedded == null) {
            try {
                Path directory = Files.createTempDirectory("counterpower-test-pg").resolve("pgdata");
                System.err.println("TestDatabase: no PostgreSQL server answers at 127.0.0.1:5432 (or "
                        + "COUNTERPOWER_TEST_DB_EMBEDDED=true): the tests use an embedded PostgreSQL in " + directory);
                EmbeddedDatabase started = EmbeddedDatabase.start(directory, 0, false);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(started), "test-embedded-postgres-stop"));
                embedded = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return embedded;
    }

    private static void stopAndDelete(EmbeddedDatabase database) {
        try {
            database.close();
            try (Stream<Path> files = Files.walk(database.dataDirectory().getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("TestDatabase: could not remove " + database.dataDirectory() + ": " + e.getMessage());
        }
    }

    @Override
    public void stop() {
    }
}

package io.counterpower.reliability;

import io.counterpower.common.db.DatabaseBootstrap;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own (Debian's {@code pg_createcluster}, port 55433 unless
 * {@code COUNTERPOWER_OUTAGE_PORT} says otherwise) that the reliability tests stop and start at
 * will; the shared server on 5432 is never touched. Created before Quarkus starts, dropped after.
 */
public class ThrowawayPostgres implements QuarkusTestResourceLifecycleManager {
    static final String CLUSTER = "cpoutage";
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("COUNTERPOWER_OUTAGE_PORT", "55433"));
    static final String URL = "jdbc:postgresql://127.0.0.1:" + PORT + "/counterpower_outage";

    /** Why the tests on this cluster are skipped on a machine without a PostgreSQL server installed. */
    static final String NEEDS_SERVER_TOOLS = "needs Debian's PostgreSQL server tools (pg_createcluster, pg_ctlcluster) "
            + "to create and stop a cluster of its own; not installed here, so skipped (CI, .ci/run, runs it)";

    /** Whether Debian's cluster tools and a PostgreSQL under /etc/postgresql are installed (used by @EnabledIf). */
    static boolean serverToolsAvailable() {
        boolean tools = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pg_createcluster")));
        if (!tools) {
            return false;
        }
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.anyMatch(p -> p.getFileName().toString().matches("\\d+"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> start() {
        if (exists()) {
            run("pg_dropcluster", "--stop", version(), CLUSTER); // left over by an aborted run
        }
        // Small and quick: no fsync (nothing here needs to survive a crash of the machine).
        run("pg_createcluster", version(), CLUSTER, "-p", String.valueOf(PORT), "--start-conf", "manual",
                "-o", "fsync=off", "-o", "shared_buffers=32MB", "-o", "max_connections=60", "--", "--auth=trust");
        startDatabase();
        if (!DatabaseBootstrap.ensureExists(URL, "postgres", "")) {
            throw new IllegalStateException("Could not create the database of the throw-away cluster at " + URL);
        }
        return Map.of("quarkus.datasource.jdbc.url", URL, "counterpower.db.url", URL);
    }

    @Override
    public void stop() {
        run("pg_dropcluster", "--stop", version(), CLUSTER);
    }

    /** Stops the server the way an operator or a failover does: sessions are ended, new ones refused. */
    static void stopDatabase() {
        run("pg_ctlcluster", "--skip-systemctl-redirect", version(), CLUSTER, "stop", "-m", "fast");
    }

    static void startDatabase() {
        run("pg_ctlcluster", "--skip-systemctl-redirect", version(), CLUSTER, "start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/postgres", "postgres", "")) {
                return;
            } catch (SQLException e) {
                sleep(100);
            }
        }
        throw new IllegalStateException("The throw-away cluster did not accept connections within 30 s");
    }

    private static boolean exists() {
        return Files.isDirectory(Path.of("/etc/postgresql", version(), CLUSTER));
    }

    /** The newest PostgreSQL installed (/etc/postgresql/<version>). */
    static String version() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+"))
                    .max(Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL under /etc/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("The reliability tests need Debian's PostgreSQL tools (pg_createcluster)", e);
        }
    }

    private static void run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", line) + " was interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

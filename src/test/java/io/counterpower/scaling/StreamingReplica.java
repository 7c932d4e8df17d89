package io.counterpower.scaling;

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
 * A throw-away primary and its streaming replica (initdb, then {@code pg_basebackup -R}), in a
 * temporary directory, on ports 55461 and 55462 unless {@code COUNTERPOWER_REPLICA_PORTS} says
 * {@code primary,replica}. Nothing of the shared server on 5432, nor the outage tests' cluster on
 * 55433, is touched. Made before Quarkus starts, removed after.
 */
public class StreamingReplica implements QuarkusTestResourceLifecycleManager {
    static final String[] PORTS = System.getenv().getOrDefault("COUNTERPOWER_REPLICA_PORTS", "55461,55462").split(",");
    static final int PRIMARY_PORT = Integer.parseInt(PORTS[0].trim());
    static final int REPLICA_PORT = Integer.parseInt(PORTS[1].trim());
    static final String DATABASE = "counterpower_replicated";
    static final String PRIMARY_URL = "jdbc:postgresql://127.0.0.1:" + PRIMARY_PORT + "/" + DATABASE;
    static final String REPLICA_URL = "jdbc:postgresql://127.0.0.1:" + REPLICA_PORT + "/" + DATABASE;

    static final String NEEDS_SERVER_TOOLS = "needs PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup under "
            + "/usr/lib/postgresql/<version>/bin) to make a primary and a streaming replica of its own; not installed "
            + "here, so skipped (CI, .ci/run, runs it)";

    private static Path root;

    /** Whether PostgreSQL's server programs are installed (used by @EnabledIf). */
    static boolean serverToolsAvailable() {
        try {
            Path bin = bin();
            return Stream.of("initdb", "pg_ctl", "pg_basebackup").allMatch(p -> Files.isExecutable(bin.resolve(p)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("counterpower-replica");
            if (runningAsRoot()) {
                run("chown", "postgres:postgres", root.toString()); // initdb refuses root: the server runs as postgres
            }
            String primary = root.resolve("primary").toString();
            run(asServerUser(bin().resolve("initdb").toString(), "-D", primary, "-U", "postgres", "--auth=trust",
                    "--no-sync", "-E", "UTF8", "--locale=C"));
            startServer(primary, PRIMARY_PORT);
            if (!DatabaseBootstrap.ensureExists(PRIMARY_URL, "postgres", "")) {
                throw new IllegalStateException("Could not create the database of the throw-away primary at " + PRIMARY_URL);
            }
            // -R writes primary_conninfo and standby.signal: the copy starts as a streaming replica.
            run(asServerUser(bin().resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(PRIMARY_PORT),
                    "-U", "postgres", "-D", replicaDir(), "-R", "-X", "stream", "--no-sync"));
            startServer(replicaDir(), REPLICA_PORT);
        } catch (IOException e) {
            throw new IllegalStateException("Could not make the throw-away primary and replica", e);
        }
        return Map.of("quarkus.datasource.jdbc.url", PRIMARY_URL, "counterpower.db.url", PRIMARY_URL,
                "counterpower.db.replica.url", REPLICA_URL);
    }

    @Override
    public void stop() {
        if (root == null) {
            return;
        }
        for (String dir : List.of(replicaDir(), root.resolve("primary").toString())) {
            try {
                run(asServerUser(bin().resolve("pg_ctl").toString(), "-D", dir, "stop", "-m", "immediate"));
            } catch (RuntimeException e) {
                // already stopped
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left to the system
        }
    }

    /** Stops the replica the way a failing host does to its clients: sessions end, connections are refused. */
    static void stopReplica() {
        run(asServerUser(bin().resolve("pg_ctl").toString(), "-D", replicaDir(), "stop", "-m", "fast"));
    }

    static void startReplica() {
        startServer(replicaDir(), REPLICA_PORT);
    }

    private static String replicaDir() {
        return root.resolve("replica").toString();
    }

    private static void startServer(String dir, int port) {
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + root
                + " -c fsync=off -c shared_buffers=32MB -c max_connections=60";
        run(asServerUser(bin().resolve("pg_ctl").toString(), "-D", dir, "-o", options, "-l", dir + ".log", "-w", "-t", "60", "start"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
                return;
            } catch (SQLException e) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("The throw-away server on port " + port + " did not accept connections within 30 s");
    }

    /** The newest PostgreSQL's programs (/usr/lib/postgresql/<version>/bin). */
    static Path bin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("No PostgreSQL under /usr/lib/postgresql", e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String[] asServerUser(String... command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        line.addAll(List.of(command));
        return line.toArray(String[]::new);
    }

    private static void run(String... command) {
        List<String> line = List.of(command);
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", line) + " was interrupted", e);
        }
    }
}

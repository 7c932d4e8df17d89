package io.counterpower;

import io.counterpower.common.db.DatabaseBootstrap;
import io.counterpower.common.db.DatabaseChoice;
import io.counterpower.common.db.EmbeddedDatabase;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.Expressions;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point: chooses the database (a configured server, or the embedded one, see
 * {@link DatabaseChoice}), makes sure the service's database exists, then starts the service, which
 * migrates it. Runs before Quarkus, so it reads the configuration itself rather than through a
 * {@code @ConfigMapping}, and hands the embedded server's URL to Quarkus as a system property.
 */
@QuarkusMain
public class CounterpowerMain {
    /** What application.properties sets the datasource URL to: a user who sets it otherwise configured one. */
    private static final String URL_EXPRESSION = "${counterpower.db.url}";
    private static final AtomicBoolean STOPPED = new AtomicBoolean();

    public static void main(String... args) {
        Config config = ConfigProvider.getConfig();
        String user = config.getOptionalValue("counterpower.db.user", String.class).orElse("postgres");
        String password = config.getOptionalValue("counterpower.db.password", String.class).orElse("");
        Path dataDirectory = config.getOptionalValue("counterpower.db.embedded.data-dir", String.class)
                .filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(home(), ".counterpower", "pgdata"));
        DatabaseChoice choice = DatabaseChoice.decide(configuredUrl(config),
                config.getOptionalValue("counterpower.db.embedded", Boolean.class).orElse(false), dataDirectory,
                () -> DatabaseChoice.answers(DatabaseChoice.OLD_DEFAULT_URL, user, password));

        EmbeddedDatabase embedded = null;
        if (choice instanceof DatabaseChoice.Refused refused) {
            // Logging is not configured yet and a failed start may never flush Quarkus' early log: stderr.
            System.err.println("Counterpower will not start: " + refused.message());
            System.exit(2);
        } else if (choice instanceof DatabaseChoice.Server server) {
            DatabaseBootstrap.ensureExists(server.url(), user, password);
        } else if (choice instanceof DatabaseChoice.Embedded e) {
            embedded = startEmbedded(e.dataDirectory(),
                    config.getOptionalValue("counterpower.db.embedded.port", Integer.class).orElse(0));
        }
        if (embedded != null) {
            // The configuration read above is dropped so that Quarkus builds its own and sees the URL.
            ConfigProviderResolver.instance().releaseConfig(config);
        }
        try {
            Quarkus.run(args);
        } finally {
            if (embedded != null) {
                stopEmbedded(embedded);
            }
        }
    }

    /** $HOME when set (Java's user.home ignores it on Linux, and users and CI expect it to count), else user.home. */
    private static String home() {
        String home = System.getenv("HOME");
        return home == null || home.isBlank() ? System.getProperty("user.home") : home;
    }

    /** counterpower.db.url, or quarkus.datasource.jdbc.url when a user set it instead. */
    private static Optional<String> configuredUrl(Config config) {
        Optional<String> url = config.getOptionalValue("counterpower.db.url", String.class).filter(s -> !s.isBlank());
        if (url.isPresent()) {
            return url;
        }
        return Expressions.withoutExpansion(() -> config.getOptionalValue("quarkus.datasource.jdbc.url", String.class))
                .filter(s -> !s.isBlank() && !s.equals(URL_EXPRESSION));
    }

    private static EmbeddedDatabase startEmbedded(Path dataDirectory, int port) {
        long started = System.nanoTime();
        EmbeddedDatabase embedded;
        try {
            embedded = EmbeddedDatabase.start(dataDirectory, port);
        } catch (Exception e) {
            System.err.println("Counterpower will not start: " + e.getMessage());
            System.exit(2);
            return null;
        }
        DatabaseBootstrap.ensureExists(embedded.jdbcUrl(), EmbeddedDatabase.USER, "");
        System.setProperty("counterpower.db.url", embedded.jdbcUrl());
        System.setProperty("counterpower.db.user", EmbeddedDatabase.USER);
        System.setProperty("counterpower.db.password", "");
        Log.warnf("""
                        
                        ==================================================================================
                        No database is configured: Counterpower started its EMBEDDED PostgreSQL %d (in %d ms).
                          data:    %s   (kept across restarts; back it up, or export a snapshot)
                          server:  %s   (log: %s)
                        To use a real PostgreSQL server instead, set COUNTERPOWER_DB_URL (and
                        COUNTERPOWER_DB_USER / COUNTERPOWER_DB_PASSWORD), e.g.
                          COUNTERPOWER_DB_URL=jdbc:postgresql://127.0.0.1:5432/counterpower
                        ==================================================================================""",
                EmbeddedDatabase.MAJOR, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                embedded.dataDirectory(), embedded.jdbcUrl(), embedded.logFile());
        // The server must outlive Quarkus' own shutdown (job workers write until they stop). After SIGTERM
        // the main thread never returns from Quarkus.run, so a hook waits for Quarkus to have stopped.
        EmbeddedDatabase server = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Application application = Application.currentApplication();
            if (application != null) {
                try {
                    CompletableFuture.runAsync(application::awaitShutdown).get(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // Stop the server anyway: a JVM that exits leaves it running otherwise.
                }
            }
            stopEmbedded(server);
        }, "embedded-postgres-stop"));
        return embedded;
    }

    private static void stopEmbedded(EmbeddedDatabase embedded) {
        if (!STOPPED.compareAndSet(false, true)) {
            return;
        }
        // Quarkus has closed its log by now (the server stops after it): stderr.
        try {
            embedded.close();
            System.err.println("Counterpower: stopped the embedded PostgreSQL; its data stays in " + embedded.dataDirectory());
        } catch (Exception e) {
            System.err.println("Counterpower: could not stop the embedded PostgreSQL on " + embedded.dataDirectory()
                    + " (" + e.getMessage() + "); see " + embedded.logFile());
        }
    }
}

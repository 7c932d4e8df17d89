package io.counterpower.common.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Which PostgreSQL the service uses, decided before Quarkus starts (docs/engineering.md, "Embedded
 * database"): a configured server always; otherwise the embedded one, unless the database of the
 * old default (a {@code counterpower} database on 127.0.0.1:5432) answers, in which case the user
 * must say which they mean rather than find an empty database beside their data.
 */
public sealed interface DatabaseChoice {
    /** Where the service looked for its database before the embedded default (releases up to 0.1). */
    String OLD_DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/counterpower";

    /** A server the user configured ({@code COUNTERPOWER_DB_URL}). */
    record Server(String url) implements DatabaseChoice {
    }

    /** The embedded server, keeping its data in {@code dataDirectory}. */
    record Embedded(Path dataDirectory) implements DatabaseChoice {
    }

    /** The service must not start; {@code message} says why and what to do. */
    record Refused(String message) implements DatabaseChoice {
    }

    /**
     * @param configuredUrl     the datasource URL the user configured, if any
     * @param embeddedChosen    whether the user asked for the embedded database explicitly
     *                          ({@code COUNTERPOWER_DB_EMBEDDED=true})
     * @param dataDirectory     the embedded database's data directory
     * @param oldDefaultAnswers whether a {@code counterpower} database answers at {@link #OLD_DEFAULT_URL};
     *                          asked only when nothing else decides
     */
    static DatabaseChoice decide(Optional<String> configuredUrl, boolean embeddedChosen, Path dataDirectory,
                                 BooleanSupplier oldDefaultAnswers) {
        if (configuredUrl.isPresent() && !configuredUrl.get().isBlank()) {
            return new Server(configuredUrl.get().trim());
        }
        if (!embeddedChosen && oldDefaultAnswers.getAsBoolean()) {
            return new Refused("No database is configured, and a Counterpower database answers at " + OLD_DEFAULT_URL
                    + " (where earlier releases kept their data by default). Choose one: to keep using it, start with "
                    + "COUNTERPOWER_DB_URL=" + OLD_DEFAULT_URL + "; to use the embedded database instead (its data in "
                    + dataDirectory.toAbsolutePath().normalize() + "), start with COUNTERPOWER_DB_EMBEDDED=true.");
        }
        Optional<String> refused = EmbeddedDatabase.refusal(dataDirectory);
        if (refused.isPresent()) {
            return new Refused(refused.get());
        }
        return new Embedded(dataDirectory.toAbsolutePath().normalize());
    }

    /**
     * Whether a database answers at {@code url} for {@code user}: true only when a session opens. A server
     * that refuses the user or has no such database, or no server at all, is false (quickly: 2 s at most
     * to connect).
     */
    static boolean answers(String url, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "3");
        props.setProperty("socketTimeout", "3");
        try (Connection c = DriverManager.getConnection(url, props)) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }
}

package io.counterpower.common.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the service's PostgreSQL database when it does not exist yet, so that starting the
 * service (or the tests) on a fresh machine needs no manual step. Runs before Quarkus starts, over
 * plain JDBC to the server's maintenance database.
 */
public final class DatabaseBootstrap {
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/]+)/([A-Za-z0-9_]+)(\\?.*)?$");

    private DatabaseBootstrap() {
    }

    /** @return true when the database was created */
    public static boolean ensureExists(String jdbcUrl, String user, String password) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            return false; // not a URL we understand: let the datasource report any problem itself
        }
        String database = m.group(2);
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        String maintenance = "jdbc:postgresql://" + m.group(1) + "/postgres";
        try (Connection c = DriverManager.getConnection(maintenance, props)) {
            try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                if (exists.executeQuery().next()) {
                    return false;
                }
            }
            try (Statement create = c.createStatement()) {
                // The name matched [A-Za-z0-9_]+ above, so quoting it is safe.
                create.execute("create database \"" + database + "\"");
                return true;
            } catch (SQLException e) {
                if ("42P04".equals(e.getSQLState())) {
                    return false; // created concurrently by another instance
                }
                throw e;
            }
        } catch (SQLException e) {
            // Leave the diagnosis to the datasource, which will fail with its own clear message.
            System.err.println("Counterpower: could not check or create database " + database + ": " + e.getMessage());
            return false;
        }
    }
}

package io.counterpower.common.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded server for real, in a temporary directory: created on first start, its data kept across
 * a stop and a second start, durable settings, and a directory already in use refused.
 */
class EmbeddedDatabaseTest {
    @TempDir
    Path home;

    @Test
    void keepsItsDataAcrossRestartsAndRunsTheBundledMajorDurably() throws Exception {
        Path data = home.resolve(".counterpower/pgdata");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
            assertEquals("jdbc:postgresql://127.0.0.1:" + database.port() + "/counterpower", database.jdbcUrl());
            assertTrue(DatabaseBootstrap.ensureExists(database.jdbcUrl(), EmbeddedDatabase.USER, ""));
            try (Connection c = connect(database); Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('before the restart')");
                assertEquals(String.valueOf(EmbeddedDatabase.MAJOR),
                        single(s, "select current_setting('server_version_num')::int / 10000"));
                assertEquals("on", single(s, "show fsync"));
                assertEquals("on", single(s, "show synchronous_commit"));
                assertEquals("localhost", single(s, "show listen_addresses"));
                // Unicode-aware case mapping and byte-order collation, whatever the machine's locales.
                assertEquals("école", single(s, "select lower('ÉCOLE')"));
                assertEquals("Bab", single(s, "select string_agg(x, '' order by x) from unnest(array['b', 'a', 'B']) x"));
            }
            // The same directory cannot be opened twice.
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(data, 0));
            assertThat(twice.getMessage(), containsString("already runs on " + data));
        }
        assertFalse(Files.exists(data.resolve("postmaster.pid"))); // stopped
        assertEquals(String.valueOf(EmbeddedDatabase.MAJOR), Files.readString(data.resolve("PG_VERSION")).trim());
        assertTrue(Files.exists(home.resolve(".counterpower/pgdata.log")));

        try (EmbeddedDatabase again = EmbeddedDatabase.start(data, 0)) {
            assertFalse(DatabaseBootstrap.ensureExists(again.jdbcUrl(), EmbeddedDatabase.USER, ""));
            try (Connection c = connect(again); Statement s = c.createStatement()) {
                assertEquals("before the restart", single(s, "select v from kept"));
            }
        }
    }

    @Test
    void refusesToStartOnAnOlderMajorsCluster() throws Exception {
        Path data = Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(data.resolve("PG_VERSION"), "14\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(data, 0));
        assertThat(refused.getMessage(), containsString("PostgreSQL 14"));
        try (var files = Files.list(data)) {
            assertEquals(java.util.List.of(data.resolve("PG_VERSION")), files.toList());
        }
    }

    @Test
    void stopsAServerLeftRunningByAKilledServiceBeforeStarting() throws Exception {
        Path data = home.resolve("pgdata");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedServer.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String started;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            started = out.readLine();
        }
        assertThat(started, containsString("started"));
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the server keeps running
        long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertTrue(runs(orphan), "the orphaned server runs");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
            assertFalse(runs(orphan), "the orphan was stopped");
            assertFalse(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim().equals(String.valueOf(orphan)));
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres",
                    EmbeddedDatabase.USER, ""); Statement s = c.createStatement()) {
                assertEquals("1", single(s, "select 1"));
            }
        }
    }

    /** Alive and not a zombie (an exited process that this machine's init has not reaped yet). */
    private static boolean runs(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (Files.exists(stat)) {
            String line = Files.readString(stat);
            return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}

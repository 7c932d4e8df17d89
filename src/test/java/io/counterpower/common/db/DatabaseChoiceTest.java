package io.counterpower.common.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which database the service starts on (plain JUnit: the decision is made before Quarkus starts). */
class DatabaseChoiceTest {
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("the old default must not be probed here");
    };

    @TempDir
    Path home;

    @Test
    void aConfiguredServerIsUsedAndNothingElseIsProbedOrStarted() throws IOException {
        // Even a data directory that would be refused does not matter: the embedded server is never started.
        Path data = cluster("14");
        DatabaseChoice choice = DatabaseChoice.decide(Optional.of(" jdbc:postgresql://db.example:5432/cp "), true, data,
                NOT_ASKED);
        assertEquals(new DatabaseChoice.Server("jdbc:postgresql://db.example:5432/cp"), choice);
    }

    @Test
    void aBlankUrlIsNotAConfiguration() {
        DatabaseChoice choice = DatabaseChoice.decide(Optional.of("  "), false, home.resolve("pgdata"), () -> false);
        assertEquals(new DatabaseChoice.Embedded(home.resolve("pgdata")), choice);
    }

    @Test
    void noneConfiguredWhileTheOldDefaultAnswersStopsAndSaysHowToChoose() {
        AtomicInteger probes = new AtomicInteger();
        DatabaseChoice choice = DatabaseChoice.decide(Optional.empty(), false, home.resolve("pgdata"), () -> {
            probes.incrementAndGet();
            return true;
        });
        assertEquals(1, probes.get());
        assertThat(choice, instanceOf(DatabaseChoice.Refused.class));
        assertThat(((DatabaseChoice.Refused) choice).message(), allOf(
                containsString("COUNTERPOWER_DB_URL=jdbc:postgresql://127.0.0.1:5432/counterpower"),
                containsString("COUNTERPOWER_DB_EMBEDDED=true"), containsString(home.resolve("pgdata").toString())));
        assertFalse(Files.exists(home.resolve("pgdata")));
    }

    @Test
    void choosingTheEmbeddedDatabaseExplicitlyOverridesTheOldDefault() {
        DatabaseChoice choice = DatabaseChoice.decide(Optional.empty(), true, home.resolve("pgdata"), NOT_ASKED);
        assertEquals(new DatabaseChoice.Embedded(home.resolve("pgdata")), choice);
    }

    @Test
    void noneConfiguredAndNoOldDefaultStartsTheEmbeddedDatabaseInTheDataDirectory() {
        DatabaseChoice choice = DatabaseChoice.decide(Optional.empty(), false, home.resolve("a/../pgdata"), () -> false);
        assertEquals(new DatabaseChoice.Embedded(home.resolve("pgdata")), choice);
    }

    @Test
    void aClusterOfTheBundledMajorIsReopened() throws IOException {
        Path data = cluster(String.valueOf(EmbeddedDatabase.MAJOR));
        assertEquals(new DatabaseChoice.Embedded(data), DatabaseChoice.decide(Optional.empty(), false, data, () -> false));
    }

    @Test
    void aClusterOfAnOlderMajorIsRefusedWithTheUpgradePath() throws IOException {
        Path data = cluster("14");
        DatabaseChoice choice = DatabaseChoice.decide(Optional.empty(), false, data, () -> false);
        assertThat(choice, instanceOf(DatabaseChoice.Refused.class));
        assertThat(((DatabaseChoice.Refused) choice).message(), allOf(containsString("PostgreSQL 14"),
                containsString("runs PostgreSQL " + EmbeddedDatabase.MAJOR), containsString("export a snapshot"),
                containsString("move " + data + " aside"), containsString("import the snapshot")));
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(1, files.count()); // nothing written beside PG_VERSION
        }
    }

    @Test
    void aClusterOfANewerMajorIsRefusedToo() throws IOException {
        Path data = cluster(String.valueOf(EmbeddedDatabase.MAJOR + 1));
        assertThat(DatabaseChoice.decide(Optional.empty(), false, data, () -> false),
                instanceOf(DatabaseChoice.Refused.class));
    }

    @Test
    void aNonEmptyDirectoryThatIsNoClusterIsRefused() throws IOException {
        Path data = Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(data.resolve("notes.txt"), "mine");
        DatabaseChoice choice = DatabaseChoice.decide(Optional.empty(), false, data, () -> false);
        assertThat(choice, instanceOf(DatabaseChoice.Refused.class));
        assertThat(((DatabaseChoice.Refused) choice).message(), allOf(containsString("no PostgreSQL cluster"),
                containsString("COUNTERPOWER_DB_EMBEDDED_DATA_DIR")));
    }

    @Test
    void anEmptyDirectoryIsUsed() throws IOException {
        Path data = Files.createDirectories(home.resolve("pgdata"));
        assertEquals(new DatabaseChoice.Embedded(data), DatabaseChoice.decide(Optional.empty(), false, data, () -> false));
    }

    @Test
    void nothingListeningDoesNotAnswer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertFalse(DatabaseChoice.answers("jdbc:postgresql://127.0.0.1:" + port + "/counterpower", "postgres", ""));
    }

    @Test
    void aServerWithoutTheDatabaseDoesNotAnswerForIt() {
        assumeTrue(DatabaseChoice.answers("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""),
                "needs the PostgreSQL server on 127.0.0.1:5432");
        assertFalse(DatabaseChoice.answers("jdbc:postgresql://127.0.0.1:5432/no_such_database_cp", "postgres", ""));
    }

    private Path cluster(String major) throws IOException {
        Path data = Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(data.resolve("PG_VERSION"), major + "\n");
        return data;
    }
}

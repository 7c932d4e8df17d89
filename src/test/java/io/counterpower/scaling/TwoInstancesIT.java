package io.counterpower.scaling;

import io.counterpower.support.TestDatabase;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances of the packaged service (two processes of {@code target/quarkus-app/quarkus-run.jar},
 * or {@code COUNTERPOWER_INSTANCE_JAR}) on one database of their own: both run the job workers,
 * the watch workers and the ranking refresh at once. Each collection is claimed and done by one of them (one job row
 * each, its commits recorded once), a ranking refresh asked of both at once stores one snapshot per
 * data version, and a write on one instance reaches the other's answers (the shared data version)
 * within its {@code data-version.max-age}; the delay measured is written to
 * {@code target/two-instances-staleness.txt} (README, "Several instances"). It is an integration test
 * (failsafe): the README's {@code ./mvnw -B verify} packages the service first, then runs it; without a
 * packaged jar or a PostgreSQL server (a machine with only Java) it is skipped with that reason.
 */
@EnabledIf(value = "jarAndServerAvailable", disabledReason = "needs the packaged service (the README's ./mvnw -B verify packages it"
        + " before this integration test) and a PostgreSQL server at COUNTERPOWER_TEST_DB_URL's host")
class TwoInstancesIT {
    static final Path JAR = Path.of(System.getenv().getOrDefault("COUNTERPOWER_INSTANCE_JAR", "target/quarkus-app/quarkus-run.jar"));
    private static final String ADMIN_KEY = "cp_two_instances_admin_key_for_this_test_only";
    private static final String URL = System.getenv().getOrDefault("COUNTERPOWER_TEST_DB_URL", TestDatabase.DEFAULT_URL) + "_two";
    private static final int PROJECTS = 6;
    private static final int COMMITS = 40;
    private static final Duration START = Duration.ofSeconds(180);

    /** A verified source keeps the sentence that states it (issue #20). */
    private static final Map<String, Object> EVIDENCE = Map.of("url", "https://example.org/evidence",
            "quote", "The evidence of this test.", "confidence", "verified");

    private static final List<Process> instances = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    @TempDir
    static Path dir;

    static boolean jarAndServerAvailable() {
        return Files.isRegularFile(JAR)
                && io.counterpower.common.db.DatabaseChoice.answers(URL.substring(0, URL.lastIndexOf('/')) + "/postgres", "postgres", "");
    }

    @BeforeAll
    static void startTwoInstances() throws Exception {
        recreateDatabase();
        for (String name : List.of("a", "b")) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-jar", JAR.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("instance-" + name + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.put("COUNTERPOWER_DB_URL", URL);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("COUNTERPOWER_ADMIN_KEY", ADMIN_KEY);
            env.put("COUNTERPOWER_DATASET_LOAD_ON_START", "false");
            env.put("COUNTERPOWER_JOBS_POLL_INTERVAL", "100ms");
            env.put("COUNTERPOWER_RISK_CHECK_INTERVAL", "300ms");
            env.put("COUNTERPOWER_WATCHES_SECRET_KEY", "dGVzdC1vbmx5LXdhdGNoLXNlY3JldC1rZXktMzJieXQ=");
            // Both instances run the watch workers, quickly, and may deliver to this test's receiver on loopback.
            env.put("COUNTERPOWER_WATCHES_POLL_INTERVAL", "200ms");
            env.put("COUNTERPOWER_WATCHES_ALLOWED_HOSTS", "127.0.0.1");
            instances.add(pb.start());
            ports.add(port);
            // One after the other: the first migrates the database, the second finds it migrated.
            Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> RestAssured.given().port(port).get("/q/health/ready").statusCode() == 200);
        }
    }

    @AfterAll
    static void stopInstances() {
        instances.forEach(Process::destroy);
        for (Process p : instances) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void eachCollectionIsDoneOnceByOneOfTheInstances() throws Exception {
        List<String> slugs = new ArrayList<>();
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            String slug = project(i % 2);
            slugs.add(slug);
            Path repository = history(dir.resolve(slug + ".git"), COMMITS);
            jobs.add(admin(i % 2).body(Map.of("source", "git", "url", repository.toUri().toString()))
                    .post("/api/v1/projects/" + slug + "/collections").then().statusCode(202).extract().jsonPath().getLong("id"));
        }
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                number("select count(*) from job where id = any(array" + jobs + ") and state in ('succeeded', 'failed')") == PROJECTS);
        assertEquals(PROJECTS, number("select count(*) from job where id = any(array" + jobs + ") and state = 'succeeded'"));
        for (String slug : slugs) {
            assertEquals(1, number("select count(*) from job j join project p on p.id = j.project_id where p.slug = '" + slug + "'"),
                    "one job for " + slug);
            assertEquals(COMMITS, number("""
                    select count(*) from contribution c join project p on p.id = c.project_id
                    where p.slug = '%s' and c.kind = 'commit' and c.superseded_at is null""".formatted(slug)),
                    "each commit of " + slug + " recorded once");
        }
    }

    @Test
    void aRefreshAskedOfBothInstancesAtOnceStoresOneSnapshot() throws SQLException {
        project(0);
        long version = Long.parseLong(admin(1).get("/api/v1/projects").header("Counterpower-Data-Version"));
        CompletableFuture<?>[] asked = new CompletableFuture<?>[2];
        for (int i = 0; i < 2; i++) {
            int instance = i;
            asked[i] = CompletableFuture.runAsync(() -> admin(instance).post("/api/v1/risk/refresh").then().statusCode(202));
        }
        CompletableFuture.allOf(asked).join();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> number("select count(*) from risk_snapshot where data_version >= " + version) >= 1);
        assertEquals(0, number("""
                select count(*) from (select data_version, at, methodology_version from risk_snapshot
                group by 1, 2, 3 having count(*) > 1) twice"""), "no snapshot computed twice for one data version");
    }

    @Test
    void aWriteOnOneInstanceReachesTheOtherWithinTheDataVersionMaxAge() throws IOException {
        List<Long> delays = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            Response written = admin(1).body(organisation()).post("/api/v1/organisations");
            written.then().statusCode(201);
            long written_at = System.nanoTime();
            long version = Long.parseLong(written.header("Counterpower-Data-Version"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                    Long.parseLong(anonymous(0).get("/api/v1/organisations").header("Counterpower-Data-Version")) >= version);
            delays.add((System.nanoTime() - written_at) / 1_000_000);
        }
        long max = delays.stream().mapToLong(Long::longValue).max().orElseThrow();
        Files.writeString(Path.of("target", "two-instances-staleness.txt"), "A write on instance B reached instance A's answers after "
                + delays + " ms (max " + max + " ms; counterpower.data-version.max-age=1s)\n", StandardCharsets.UTF_8);
    }

    /**
     * Both instances run the watch workers (evaluations and webhook deliveries, claimed with SKIP LOCKED): events
     * written through either instance reach the receiver once each, and each delivery is attempted once.
     */
    @Test
    void watchesOnBothInstancesDeliverEachEventOnce() throws Exception {
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Counterpower-Event-Id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String slug = project(0);
            long watch = admin(0).body(Map.of("name", "Watch of " + slug, "project", slug,
                            "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "conditions", List.of(Map.of("type", "governance-event"))))
                    .post("/api/v1/watches").then().statusCode(201).extract().jsonPath().getLong("id");
            Awaitility.await("the baseline is taken by one of the workers").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> number("select count(*) from watch_state where watch_id = " + watch + " and state is not null") > 0);
            int events = 8;
            for (int i = 0; i < events; i++) {
                admin(i % 2).body(Map.of("project", slug, "kind", "governance-doc-change",
                                "date", String.format("2023-02-%02d", i + 1), "source", EVIDENCE))
                        .post("/api/v1/governance-events").then().statusCode(201);
            }
            Awaitility.await("every event delivered").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> number("select count(*) from webhook_delivery where watch_id = " + watch + " and state = 'delivered'") >= events);
            assertEquals(events, number("select count(*) from webhook_delivery where watch_id = " + watch), "one delivery per event");
            assertEquals(events, number("""
                    select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
                    where d.watch_id = %d""".formatted(watch)), "each delivery attempted once, by one instance");
            assertEquals(events, received.size(), "the receiver got each event once");
            assertEquals(events, received.stream().distinct().count());
        } finally {
            receiver.stop(0);
        }
    }

    private static String project(int instance) {
        String slug = "proj-" + UUID.randomUUID().toString().substring(0, 8);
        admin(instance).body(Map.of("slug", slug, "name", "Project " + slug, "kind", "model", "origin", "community",
                "source", EVIDENCE))
                .post("/api/v1/projects").then().statusCode(201);
        return slug;
    }

    private static Map<String, Object> organisation() {
        String key = "org-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", "Org " + key);
        body.put("type", "company");
        body.put("domains", List.of(key + ".example"));
        body.put("source", EVIDENCE);
        return body;
    }

    private static RequestSpecification anonymous(int instance) {
        return RestAssured.given().port(ports.get(instance)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static RequestSpecification admin(int instance) {
        return anonymous(instance).header("Authorization", "Bearer " + ADMIN_KEY);
    }

    /** A linear history of {@code commits} commits by four authors, one a day from 2024-01-01. */
    private static Path history(Path directory, int commits) throws Exception {
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            Instant day = Instant.parse("2024-01-01T12:00:00Z");
            for (int i = 0; i < commits; i++) {
                Files.writeString(directory.resolve("file.txt"), "line " + i + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                git.add().addFilepattern("file.txt").call();
                PersonIdent who = new PersonIdent("Author " + (i % 4), "author" + (i % 4) + "@example.org",
                        Date.from(day.plus(Duration.ofDays(i))), TimeZone.getTimeZone(ZoneOffset.UTC));
                git.commit().setMessage("Change " + i).setAuthor(who).setCommitter(who).setSign(false).call();
            }
        }
        return directory;
    }

    private static void recreateDatabase() throws SQLException {
        String server = URL.substring(0, URL.lastIndexOf('/')) + "/postgres";
        String name = URL.substring(URL.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(server, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        }
    }

    private static long number(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

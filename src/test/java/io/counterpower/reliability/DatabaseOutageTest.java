package io.counterpower.reliability;

import io.agroal.api.AgroalDataSource;
import io.counterpower.support.Fixtures;
import io.counterpower.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stops the service's PostgreSQL (a throw-away cluster of its own) in the middle of a collection and
 * starts it again: while it is away every request answers 503 problem+json without hanging and
 * readiness is DOWN; once it is back the same process serves reads and writes, the interrupted job
 * is failed with a clear error, and a rerun completes it without a duplicate.
 */
@QuarkusTest
@TestProfile(IsolatedServiceProfile.class)
@EnabledIf(value = "io.counterpower.reliability.ThrowawayPostgres#serverToolsAvailable",
        disabledReason = ThrowawayPostgres.NEEDS_SERVER_TOOLS)
class DatabaseOutageTest {
    /** A hang guard, not a benchmark: a request that is not answered within this is stuck on the pool. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(10);
    private static final int COMMITS = 4_000;

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;

    @Test
    void theServiceAnswers503WhileTheDatabaseIsAwayAndRecoversWithoutARestart() throws Exception {
        String slug = Fixtures.project(null);
        Path repository = LinearHistory.create(dir.resolve("history.git"), COMMITS, 40);
        // Hold the collection in flight, whatever the machine's speed: a lock that blocks inserts into
        // contribution (reads go on) until the database stops, which ends the holder's session too.
        Connection holder = db.getConnection();
        holder.setAutoCommit(false);
        holder.createStatement().execute("lock table contribution in exclusive mode");
        long job = collect(slug, repository);
        long waitUntil = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (number("select count(*) from pg_locks where not granted and relation = 'contribution'::regclass") == 0) {
            if (System.nanoTime() > waitUntil) {
                fail("the collection never reached its first write");
            }
            Thread.sleep(50);
        }

        ThrowawayPostgres.stopDatabase();
        try {
            holder.close();
        } catch (Exception gone) {
            // its server is gone: nothing to release
        }
        try {
            Map<String, Supplier<Response>> requests = Map.of(
                    "a list", () -> anonymous().get("/api/v1/projects"),
                    "a record", () -> anonymous().get("/api/v1/projects/" + slug),
                    "indicators", () -> anonymous().get("/api/v1/projects/" + slug + "/indicators"),
                    "a job", () -> anonymous().get("/api/v1/jobs/" + job),
                    "a write", () -> admin().body(Fixtures.organisationBody(unique("org"), "company", List.of()))
                            .post("/api/v1/organisations"));
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, Supplier<Response>> request : requests.entrySet()) {
                    Response answer = timed(request.getKey(), request.getValue());
                    answer.then().statusCode(503).contentType("application/problem+json")
                            .header("Retry-After", equalTo("5"))
                            .body("status", equalTo(503)).body("detail", containsString("database is unavailable"));
                }
            }
            timed("readiness", () -> RestAssured.get("/q/health/ready")).then().statusCode(503).body("status", equalTo("DOWN"));
            timed("liveness", () -> RestAssured.get("/q/health/live")).then().statusCode(200);
        } finally {
            ThrowawayPostgres.startDatabase();
        }

        // The same process recovers: no restart, the pool replaces its dead connections.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (anonymous().get("/api/v1/projects").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                fail("reads did not recover within 30 s of the database coming back");
            }
            Thread.sleep(100);
        }
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String organisation = unique("org");
        admin().body(Fixtures.organisationBody(organisation, "company", List.of())).post("/api/v1/organisations")
                .then().statusCode(201);
        anonymous().get("/api/v1/organisations/" + organisation).then().statusCode(200);

        // The interrupted job is failed, with words for the person who asked; what it wrote stays.
        JsonPath interrupted = Jobs.ended(job, Duration.ofSeconds(90));
        assertEquals("failed", interrupted.getString("state"));
        assertTrue(interrupted.getString("error").contains("database became unavailable"), interrupted.getString("error"));
        long projectId = number("select id from project where slug = ?", slug);
        long partial = number("select count(*) from contribution where project_id = ?", projectId);
        assertTrue(partial < COMMITS, "the outage came after the last commit: " + partial);

        // Asked again, the collection completes: every commit once, none twice.
        JsonPath rerun = Jobs.ended(collect(slug, repository), Duration.ofSeconds(90));
        assertEquals("succeeded", rerun.getString("state"), rerun.getString("error"));
        assertEquals(COMMITS, number("select count(*) from contribution where project_id = ?", projectId));
        assertEquals(COMMITS, number("select count(distinct reference) from contribution where project_id = ?", projectId));
        assertEquals(1, number("select count(*) from job where project_id = ? and state = 'succeeded'", projectId));
    }

    private static long collect(String slug, Path repository) {
        return admin().body(Map.of("source", "git", "url", repository.toUri().toString()))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    private static Response timed(String what, Supplier<Response> request) {
        long started = System.nanoTime();
        Response answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(ANSWERED_WITHIN) < 0, what + " took " + took.toMillis() + " ms while the database was away");
        return answer;
    }

    private long number(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getLong(1);
            }
        }
    }
}

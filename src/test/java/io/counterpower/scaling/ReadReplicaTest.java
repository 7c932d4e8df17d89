package io.counterpower.scaling;

import io.counterpower.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read replica for real: a primary and its streaming replica of the test's own. With the
 * replica's replay paused, a project written on the primary is unknown to the replica, so an
 * anonymous read of it shows which copy answered: the replica (404, and its older data version in
 * the header) for a client that saw nothing, the primary for the client that presents the version
 * its write returned (read-your-writes). With the replica stopped, the same reads are answered by
 * the primary and readiness stays UP, the replica reported degraded.
 */
@QuarkusTest
@TestProfile(ReplicaProfile.class)
@EnabledIf(value = "io.counterpower.scaling.StreamingReplica#serverToolsAvailable",
        disabledReason = StreamingReplica.NEEDS_SERVER_TOOLS)
class ReadReplicaTest {
    private static final Duration REPLAY = Duration.ofSeconds(30);

    @Test
    void lagTolerantReadsAreServedByTheReplicaUnlessTheClientSawANewerVersion() throws SQLException {
        String before = Fixtures.project(null);
        // The replica has replayed the first project: its assessment is answered (by either copy).
        Awaitility.await().atMost(REPLAY).until(() -> replica("select count(*) from project where slug = '" + before + "'") == 1);

        replicaSql("select pg_wal_replay_pause()");
        try {
            long replayed = replica("select max(version) from data_version");
            String slug = io.counterpower.support.Api.unique("proj");
            Response written = admin().body(Fixtures.projectBody(slug)).post("/api/v1/projects");
            written.then().statusCode(201);
            long seen = Long.parseLong(written.header("Counterpower-Data-Version"));
            assertTrue(seen > replayed, "the write made a version the paused replica lacks");

            // A client that saw nothing is served by the replica, which does not know the project yet.
            // It names the replica's version as it last read it (held up to version-max-age): never the primary's newer one.
            long served = Long.parseLong(anonymous().get("/api/v1/projects/{slug}/assessment", slug).then().statusCode(404)
                    .extract().header("Counterpower-Data-Version"));
            assertTrue(served <= replayed, "the replica's answer names its own version " + served + ", not " + seen);
            // The writer presents the version its write returned: the primary answers.
            anonymous().header("Counterpower-Data-Version", seen).get("/api/v1/projects/{slug}/assessment", slug)
                    .then().statusCode(200).header("Counterpower-Data-Version", String.valueOf(seen));
            // So does a client revalidating a tag of that version.
            anonymous().header("If-None-Match", "W/\"" + seen + "-19700101-json\"")
                    .get("/api/v1/projects/{slug}/assessment", slug).then().statusCode(200);
            // Reads outside the lag-tolerant list are always the primary's.
            anonymous().get("/api/v1/projects/{slug}", slug).then().statusCode(200);
            // The replica's sessions carry the pool's application name.
            assertTrue(replica("select count(*) from pg_stat_activity where application_name = 'counterpower-replica-reads'") > 0);
        } finally {
            replicaSql("select pg_wal_replay_resume()");
        }
        Awaitility.await().atMost(REPLAY).until(() -> replica("select count(*) from project where slug = '" + before + "'") == 1);
    }

    @Test
    void aStoppedReplicaLeavesTheReadsToThePrimaryAndTheServiceReady() {
        String slug = Fixtures.project(null);
        Awaitility.await().atMost(REPLAY).until(() -> replica("select count(*) from project where slug = '" + slug + "'") == 1);
        anonymous().get("/api/v1/projects/{slug}/assessment", slug).then().statusCode(200);

        StreamingReplica.stopReplica();
        try {
            for (int i = 0; i < 5; i++) {
                anonymous().get("/api/v1/projects/{slug}/assessment", slug).then().statusCode(200);
                anonymous().get("/api/v1/risk").then().statusCode(200);
            }
            Response health = RestAssured.get("/q/health/ready");
            health.then().statusCode(200).body("status", equalTo("UP"));
            assertEquals("degraded", health.path("checks.find { it.name == 'read-replica' }.data.state"));
        } finally {
            StreamingReplica.startReplica();
        }
        Awaitility.await().atMost(REPLAY).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'read-replica' }.data.state", equalTo("up")));
        anonymous().get("/api/v1/projects/{slug}/assessment", slug).then().statusCode(200);
    }

    private static long replica(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(StreamingReplica.REPLICA_URL, "postgres", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void replicaSql(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(StreamingReplica.REPLICA_URL, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

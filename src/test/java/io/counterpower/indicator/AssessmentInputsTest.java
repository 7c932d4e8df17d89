package io.counterpower.indicator;

import static io.counterpower.indicator.AssessmentV2Test.assess;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The assessment's own statements (methodology/v&lt;N&gt;/assessment-*.sql), read by alias in both versions:
 * the counter-power profile's training capability from the training-code and training-data openness
 * components, and its competitive performance from the latest benchmark result on or before the date
 * (hand-computed against the rules of the version's counterPower section: met at rank &lt;= 10 or score
 * &gt;= 0.95 x the best closed model's, partial at rank &lt;= 50 or &gt;= 0.8 x).
 */
@QuarkusTest
class AssessmentInputsTest {

    @Inject
    AgroalDataSource db;

    @Test
    void trainingOpennessAndTheLatestBenchmarkFeedTheCounterPowerProfileInBothVersions() throws Exception {
        Dataset d = Dataset.project("community");
        for (int version : new int[] {1, 2}) {
            JsonPath none = assessAs(d.slug, "2024-06-30", version);
            assertEquals("unknown", none.getString("counterPower.training_capability.status"));
            assertEquals("unknown", none.getString("counterPower.competitive_performance.status"));
        }

        component(d.slug, "training-code", "open");
        component(d.slug, "training-data", "partial");
        benchmark(d.projectId, "arena", "2024-01-15", 40, 0.70, 1.00);     // partial: rank <= 50
        benchmark(d.projectId, "arena", "2024-05-01", 60, 0.96, 1.00);     // met: 0.96 >= 0.95 x best
        benchmark(d.projectId, "arena", "2024-09-01", 3, null, null);      // after the date: not read

        for (int version : new int[] {1, 2}) {
            JsonPath a = assessAs(d.slug, "2024-06-30", version);
            assertEquals("partial", a.getString("counterPower.training_capability.status"), "version " + version);
            Map<String, Object> training = a.getMap("counterPower.training_capability.values");
            assertEquals(Map.of("training-code", "open", "training-data", "partial"), training);
            assertEquals("met", a.getString("counterPower.competitive_performance.status"), "version " + version);
            assertEquals("2024-05-01", a.getString("counterPower.competitive_performance.values.measuredOn"));
            assertEquals(60, a.getInt("counterPower.competitive_performance.values.rank"));
            assertEquals(0.96, a.getDouble("counterPower.competitive_performance.values.score"), 1e-9);
        }
        // At an earlier date the January result is the latest: rank 40 of a score 0.7 of the best is partial.
        JsonPath january = assess(d.slug, "2024-02-01");
        assertEquals("partial", january.getString("counterPower.competitive_performance.status"));
        assertEquals(40, january.getInt("counterPower.competitive_performance.values.rank"));
    }

    private static JsonPath assessAs(String slug, String at, int version) {
        return anonymous().queryParam("at", at).queryParam("methodology", version)
                .get("/api/v1/projects/" + slug + "/assessment").then().statusCode(200).extract().jsonPath();
    }

    private static void component(String slug, String component, String status) {
        admin().body(Map.of("project", slug, "component", component, "status", status, "source", source()))
                .post("/api/v1/openness-components").then().statusCode(201);
    }

    /** Benchmark results have no write endpoint (they arrive with snapshots): recorded here as a snapshot would. */
    private void benchmark(long project, String name, String on, Integer rank, Double score, Double best) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into benchmark_result (project_id, benchmark, measured_on, rank, score, best_closed_score, source_kind,
                                              source_url, confidence)
                values (?, ?, cast(? as date), ?, ?, ?, 'manual', 'https://example.org/leaderboard', 'verified')""")) {
            s.setLong(1, project);
            s.setString(2, name);
            s.setString(3, on);
            s.setObject(4, rank);
            s.setObject(5, score);
            s.setObject(6, best);
            s.executeUpdate();
        }
    }
}

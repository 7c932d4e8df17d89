package io.counterpower.query;

import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.query.Scenario.freshRanking;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No surface shows a stage or a risk without its evidence (METHODOLOGY.md section 4, "Where it is
 * shown"): the ranking's rows (JSON and CSV) with a {@code minEvidence} filter and unknown risks
 * last, comparisons, and the gauges. The evidence is checked against the assessment's per-family
 * counts, read separately.
 */
@QuarkusTest
class EvidenceSurfacesTest {

    /** The assessment's signals present and defined, summed over its families (as the badge reads them). */
    private static int[] counts(String slug) {
        JsonPath a = anonymous().get("/api/v1/projects/" + slug + "/assessment").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Integer>> families = a.getMap("evidenceCounts");
        int present = 0, defined = 0;
        for (Map<String, Integer> f : families.values()) {
            present += f.get("present");
            defined += f.get("defined");
        }
        return new int[]{present, defined};
    }

    @Test
    void theRankingShowsEachRowsEvidenceAndFiltersByIt() {
        Scenario s = Scenario.corporate("framework", null);
        int[] expected = counts(s.slug);
        assertTrue(expected[0] > 0 && expected[0] < expected[1], "some signals known, not all: " + expected[0] + "/" + expected[1]);
        JsonPath mine = freshRanking("?steward=" + s.company);
        Map<String, Object> row = mine.getMap("items[0]");
        assertEquals(s.slug, row.get("project"));
        List<Map<String, Object>> rows = anonymous().queryParam("size", "200").get("/api/v1/risk").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Map<?, ?> evidence = (Map<?, ?>) row.get("evidence");
        assertEquals(expected[0], evidence.get("present"));
        assertEquals(expected[1], evidence.get("defined"));
        assertTrue(((Map<?, ?>) evidence.get("families")).containsKey("contribution"));
        assertNull(((Map<?, ?>) row.get("captureRisk")).get("value"));   // one family: insufficient evidence

        // Unknown risks come after every known one, never as 0.
        boolean unknownSeen = false;
        for (Map<String, Object> r : rows) {
            Object risk = ((Map<?, ?>) r.get("captureRisk")).get("value");
            if (risk == null) {
                unknownSeen = true;
            } else {
                assertFalse(unknownSeen, "a known risk after an unknown one: " + r.get("project"));
            }
        }

        // minEvidence: the share of signals present; at the row's own share it stays, just above it goes.
        double share = (double) expected[0] / expected[1];
        List<String> kept = anonymous().queryParams(Map.of("kind", "framework", "steward", s.company, "minEvidence",
                String.valueOf(share))).get("/api/v1/risk").then().statusCode(200).extract().jsonPath().getList("items.project");
        assertEquals(List.of(s.slug), kept);
        List<String> left = anonymous().queryParams(Map.of("kind", "framework", "steward", s.company, "minEvidence",
                String.valueOf(share + 0.001))).get("/api/v1/risk").then().statusCode(200).extract().jsonPath().getList("items.project");
        assertEquals(List.of(), left);
        invalid().queryParam("minEvidence", "1.5").get("/api/v1/risk").then().statusCode(400)
                .body("errors.field", hasItem("minEvidence"));

        // The CSV carries the same counts.
        String csv = anonymous().queryParams(Map.of("format", "csv", "steward", s.company, "kind", "framework"))
                .get("/api/v1/risk").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().filter(l -> !l.startsWith("#")).toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<String> cells = List.of(lines.get(1).split(",", -1));
        assertEquals(String.valueOf(expected[0]), cells.get(header.indexOf("signalsPresent")));
        assertEquals(String.valueOf(expected[1]), cells.get(header.indexOf("signalsDefined")));

        // The gauges: the same counts beside the stage, for Prometheus.
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("counterpower_project_signals_present{project=\"" + s.slug + "\"} " + (double) expected[0]), "present");
        assertTrue(metrics.contains("counterpower_project_signals_defined{project=\"" + s.slug + "\"} " + (double) expected[1]), "defined");
        assertFalse(metrics.contains("stage=\"undetermined\""), "an undetermined stage has no sample on the 0..4 scale");
    }

    @Test
    void anUndeterminedStageCanBeListedByItself() {
        JsonPath undetermined = anonymous().queryParams(Map.of("stage", "undetermined", "size", "200")).get("/api/v1/risk")
                .then().statusCode(200).extract().jsonPath();
        undetermined.getList("items.stage").forEach(stage -> assertEquals("undetermined", stage));
    }

    @Test
    void aComparisonShowsEachProjectsStageRiskAndEvidence() {
        Scenario s = Scenario.corporate("library", null);
        int[] expected = counts(s.slug);
        JsonPath compare = anonymous().queryParams(Map.of("projects", s.slug, "names", "top_org_share")).get("/api/v1/compare")
                .then().statusCode(200).extract().jsonPath();
        JsonPath assessment = anonymous().get("/api/v1/projects/" + s.slug + "/assessment").then().statusCode(200).extract().jsonPath();
        assertEquals(assessment.getString("stage"), compare.getString("items[0].assessment.stage"));
        assertNull(compare.get("items[0].assessment.captureRisk"));
        assertEquals("insufficient evidence", compare.getString("items[0].assessment.captureRiskReason"));
        assertEquals(expected[0], compare.getInt("items[0].assessment.evidence.present"));
        assertEquals(expected[1], compare.getInt("items[0].assessment.evidence.defined"));
        assertEquals(compare.getString("at"), compare.getString("items[0].assessment.at"));

        JsonPath series = anonymous().queryParams(Map.of("projects", s.slug, "names", "top_org_share", "from", "2024-01-01",
                "to", "2024-12-31", "step", "quarter")).get("/api/v1/compare").then().statusCode(200).extract().jsonPath();
        assertEquals("2024-12-31", series.getString("items[0].assessment.at"));
        assertTrue(series.getInt("items[0].assessment.evidence.defined") > 0);
    }
}

package io.counterpower.query;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.query.Scenario.freshRanking;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.key;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/risk: the stored ranking, its filters and orders, CSV, 304, and a pinned ranking computed on demand. */
@QuarkusTest
class RiskRankingTest {

    private static Map<String, Object> row(JsonPath ranking, String slug) {
        Map<String, Object> row = ranking.getMap("items.find { it.project == '" + slug + "' }");
        assertNotNull(row, slug + " is not in the ranking");
        return row;
    }

    @Test
    void aRowHasTheAssessmentsFiguresWithTheirCoverage() {
        Scenario s = Scenario.corporate("library", null);
        JsonPath ranking = freshRanking("?size=200&kind=library");
        JsonPath assessment = anonymous().get("/api/v1/projects/" + s.slug + "/assessment").then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = row(ranking, s.slug);
        assertEquals(assessment.getString("stage"), row.get("stage"));
        // Version 2: this scenario rests on one family (contribution), so its risk is null in both places, never 0.
        assertNull(assessment.get("captureRisk"));
        assertNull(((Map<?, ?>) row.get("captureRisk")).get("value"));
        assertEquals(assessment.get("trend"), row.get("trend"));
        assertEquals(assessment.getDouble("stageConfidence"), ((Number) row.get("stageConfidence")).doubleValue(), 1e-9);
        assertEquals(s.company, ((Map<?, ?>) row.get("topOrg")).get("organisation"));
        assertEquals(0.75, ((Number) ((Map<?, ?>) row.get("topOrg")).get("share")).doubleValue(), 1e-9);   // 6 of 8
        assertEquals(8, ((Number) ((Map<?, ?>) row.get("topOrg")).get("n")).intValue());
        assertEquals(s.company, row.get("steward"));
        assertEquals(Boolean.FALSE, row.get("foundationHosted"));                                            // a company stewards it
        assertEquals("capture_risk", ((Map<?, ?>) row.get("ranked")).get("indicator"));
        // Walk-away (methodology 2): the assessment's figures, in the row.
        Map<?, ?> walkaway = (Map<?, ?>) row.get("walkaway");
        assertEquals(0.25, ((Number) ((Map<?, ?>) walkaway.get("share")).get("value")).doubleValue(), 1e-9);
        assertEquals(assessment.getString("walkaway.walkaway_resilience.value"), walkaway.get("resilience"));
        double coverage = ((Number) ((Map<?, ?>) row.get("captureRisk")).get("coverage")).doubleValue();
        assertTrue(coverage > 0 && coverage <= 1, "the share of risk signals present: " + coverage);
        assertEquals(2, ranking.getInt("methodologyVersion"));
        assertEquals(ranking.getLong("snapshot.dataVersion"), ranking.getLong("dataVersion"));
        assertTrue(ranking.getString("reproduce").contains("asRecordedOn="), ranking.getString("reproduce"));
        assertTrue(ranking.getString("citation").contains("Methodology version 2"), ranking.getString("citation"));
        // Ranked by capture_risk, highest first, unknown last.
        List<Integer> risks = ranking.getList("items.captureRisk.value");
        for (int i = 1; i < risks.size(); i++) {
            if (risks.get(i) != null) {
                assertTrue(risks.get(i - 1) != null && risks.get(i - 1) >= risks.get(i), "ordered: " + risks);
            }
        }
        List<Integer> ranks = ranking.getList("items.rank");
        assertEquals(1, ranks.get(0));
    }

    @Test
    void filtersAndOrdersCombine() {
        Scenario s = Scenario.corporate("tool", null);
        // Found through its steward: the suite's hundreds of projects put a row with an unknown risk past any page.
        JsonPath all = freshRanking("?size=200&steward=" + s.company);
        Map<String, Object> row = row(all, s.slug);
        String stage = (String) row.get("stage");
        JsonPath filtered = anonymous().queryParams(Map.of("kind", "tool", "origin", "community", "steward", s.company,
                        "stage", stage, "foundationHosted", "false", "minCoverage", "0.2"))
                .get("/api/v1/risk").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(s.slug), filtered.getList("items.project"));
        assertEquals(1, filtered.getInt("totalItems"));
        anonymous().queryParams(Map.of("steward", s.company, "foundationHosted", "true")).get("/api/v1/risk")
                .then().statusCode(200).body("totalItems", equalTo(0));
        anonymous().queryParams(Map.of("steward", s.company, "minCoverage", "1.0", "sort", "-top_org_share"))
                .get("/api/v1/risk").then().statusCode(200).body("items.ranked.indicator", hasItem("top_org_share"));

        JsonPath byShare = anonymous().queryParams(Map.of("sort", "-top_org_share", "size", "200")).get("/api/v1/risk")
                .then().statusCode(200).extract().jsonPath();
        List<Number> shares = byShare.getList("items.ranked.value");
        for (int i = 1; i < shares.size(); i++) {
            if (shares.get(i) != null) {
                assertTrue(shares.get(i - 1).doubleValue() >= shares.get(i).doubleValue(), "ordered: " + shares);
            }
        }
        assertEquals("-top_org_share", byShare.getString("sort"));
        JsonPath page = anonymous().queryParams(Map.of("sort", "project", "size", "2", "page", "1")).get("/api/v1/risk")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, page.getInt("items[0].rank"));
    }

    @Test
    void badParametersAreNamed() {
        invalid().queryParams(Map.of("sort", "top_org", "kind", "spaceship", "minCoverage", "2", "foundationHosted", "yes"))
                .get("/api/v1/risk").then().statusCode(400)
                .body("errors.field", hasItem("sort")).body("errors.field", hasItem("kind"))
                .body("errors.field", hasItem("minCoverage")).body("errors.field", hasItem("foundationHosted"));
        invalid().queryParam("format", "xml").get("/api/v1/risk").then().statusCode(400).body("errors[0].field", equalTo("format"));
        invalid().queryParam("at", "2999-01-01").get("/api/v1/risk").then().statusCode(400).body("errors[0].field", equalTo("at"));
    }

    @Test
    void csvCarriesItsProvenanceAndGuardsFormulas() throws Exception {
        Scenario s = Scenario.corporate("dataset", "=HYPERLINK(\"https://example.org\")");
        freshRanking("?size=1");
        Response csv = anonymous().accept("text/csv").queryParams(Map.of("kind", "dataset", "steward", s.company))
                .get("/api/v1/risk").then().statusCode(200).contentType(containsString("text/csv")).extract().response();
        String text = csv.asString();
        assertTrue(text.startsWith("# Counterpower capture risk ranking"), text);
        assertTrue(text.contains("\n# methodologyVersion: 2\n"), text);
        assertTrue(text.contains("\n# dataVersion: "), text);
        assertTrue(text.contains("\n# citation: Counterpower ("), text);
        List<Map<String, String>> rows = readCsv(text);
        assertEquals(1, rows.size());
        assertEquals(s.slug, rows.get(0).get("project"));
        assertEquals("'=HYPERLINK(\"https://example.org\")", rows.get(0).get("name"));    // guarded
        assertEquals(s.company, rows.get(0).get("topOrg"));
        assertEquals("0.75", rows.get(0).get("topOrgShare"));
        // Walk-away columns (methodology 2): 1 - 0.75 of the known contributions are outside the top organisation.
        assertEquals("0.25", rows.get(0).get("walkawayShare"));
        assertTrue(List.of("met", "unmet", "unknown").contains(rows.get(0).get("walkawayResilience")), rows.get(0).toString());
        // format=csv is the same as Accept: text/csv
        anonymous().queryParams(Map.of("format", "csv", "kind", "dataset", "steward", s.company)).get("/api/v1/risk")
                .then().statusCode(200).contentType(containsString("text/csv"));
    }

    static List<Map<String, String>> readCsv(String text) throws Exception {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.ALLOW_COMMENTS);
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withComments()).readValues(text)) {
            return it.readAll();
        }
    }

    @Test
    void anUnchangedRankingIsNotSentAgain() {
        Scenario s = Scenario.corporate("framework", null);
        freshRanking("?size=1");
        Response first = anonymous().queryParam("kind", "framework").get("/api/v1/risk").then().statusCode(200).extract().response();
        String etag = first.header("ETag");
        assertNotNull(etag);
        assertTrue(etag.startsWith("W/\"risk-"), etag);
        assertTrue(first.header("Cache-Control").startsWith("public, max-age="), first.header("Cache-Control"));
        anonymous().header("If-None-Match", etag).queryParam("kind", "framework").get("/api/v1/risk")
                .then().statusCode(304).header("ETag", equalTo(etag));
        // CSV is another representation of the same URL: another tag.
        String csvTag = anonymous().accept("text/csv").queryParam("kind", "framework").get("/api/v1/risk")
                .then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, csvTag);
        // A write changes the data version: the old tag no longer matches, the ranking says it is stale or refreshed.
        s.contribute(s.people[2], java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).toString(), 5);
        Response after = anonymous().header("If-None-Match", etag).queryParam("kind", "framework").get("/api/v1/risk")
                .then().statusCode(200).extract().response();
        assertNotEquals(etag, after.header("ETag"));
    }

    @Test
    void aPinnedRankingIsComputedOnDemandAndNamesNoSnapshot() {
        Scenario s = Scenario.corporate("tool", null);
        JsonPath stored = freshRanking("?size=200&kind=tool");
        Map<String, Object> before = row(stored, s.slug);
        JsonPath pinned = anonymous().queryParams(Map.of("kind", "tool", "size", "200",
                        "asRecordedOn", stored.getString("snapshot.recordedOn"), "at", stored.getString("at")))
                .get("/api/v1/risk").then().statusCode(200).extract().jsonPath();
        assertNull(pinned.get("snapshot"));
        assertEquals(stored.getString("snapshot.recordedOn"), pinned.getString("asRecordedOn").replace("Z", "Z"));
        assertEquals(before.get("captureRisk"), row(pinned, s.slug).get("captureRisk"));
        assertEquals(before.get("stage"), row(pinned, s.slug).get("stage"));
    }

    @Test
    void onlyCuratorsAskForARefresh() {
        invalid().post("/api/v1/risk/refresh").then().statusCode(401);
        as(key("steward:" + io.counterpower.support.Fixtures.organisation("company"))).post("/api/v1/risk/refresh")
                .then().statusCode(403);
        as(key("curator")).post("/api/v1/risk/refresh").then().statusCode(202).body("refreshQueued", equalTo(true));
    }

    @Test
    void theGaugesShowTheStoredRanking() throws Exception {
        Scenario s = Scenario.corporate("library", null);
        // A second family (governance: the company holds both steering seats) gives this one a risk under version 2.
        Scenario governed = Scenario.corporate("library", null);
        long body = io.counterpower.support.Api.admin().body(Map.of("project", governed.slug, "kind", "steering-committee", "name", "Steering",
                "source", io.counterpower.support.Fixtures.source())).post("/api/v1/governance-bodies").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        for (String role : List.of("chair", "member")) {
            io.counterpower.support.Api.admin().body(Map.of("body", body, "holderOrganisation", governed.company, "role", role, "from", "2020-01-01",
                    "source", io.counterpower.support.Fixtures.source())).post("/api/v1/governance-seats").then().statusCode(201);
        }
        JsonPath ranking = freshRanking("?size=1");
        assertNotNull(ranking.get("snapshot.id"));
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        // Its risk is null under version 2 (one family): no gauge value, rather than a 0 a dashboard would plot.
        assertTrue(!metrics.contains("counterpower_project_capture_risk{project=\"" + s.slug + "\"}"), "no capture risk gauge for a null risk");
        assertTrue(metrics.contains("counterpower_project_capture_risk{project=\"" + governed.slug + "\"}"), "capture risk gauge");
        assertTrue(metrics.contains("counterpower_project_top_org_share{organisation=\"" + s.company + "\",project=\"" + s.slug + "\"} 0.75"),
                "top org share gauge");
        assertTrue(metrics.contains("counterpower_project_affiliation_coverage{project=\"" + s.slug + "\"} 1.0"), "coverage gauge");
        assertTrue(metrics.contains("counterpower_project_stage{project=\"" + s.slug + "\",stage=\""), "stage gauge");
        // The Grafana dashboard in the repository charts only gauges that exist.
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("ops/grafana/counterpower.json"));
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("counterpower_project_[a-z_]+").matcher(dashboard);
        int count = 0;
        while (used.find()) {
            assertTrue(metrics.contains(used.group() + "{"), "the dashboard uses " + used.group());
            count++;
        }
        assertTrue(count >= 4, "the dashboard charts the four gauges");
    }
}

package io.counterpower.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.counterpower.query.RiskRankingTest.readCsv;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Series and comparisons as JSON and CSV, with the fields that make them citable and reproducible. */
@QuarkusTest
class CitableExportsTest {
    private static final String FROM = LocalDate.now(ZoneOffset.UTC).minusMonths(3).toString();

    @Test
    void aSeriesNamesItsVersionsQueryAndCitation() {
        Scenario s = Scenario.corporate("model", null);
        JsonPath series = anonymous().queryParams(Map.of("names", "top_org_share,org_count", "from", FROM))
                .get("/api/v1/projects/" + s.slug + "/indicators/series").then().statusCode(200).extract().jsonPath();
        assertEquals(2, series.getInt("methodologyVersion"));
        assertTrue(series.getString("query").startsWith("/api/v1/projects/" + s.slug + "/indicators/series?"), series.getString("query"));
        String reproduce = series.getString("reproduce");
        assertTrue(reproduce.contains("asRecordedOn=") && reproduce.contains("methodology=2") && reproduce.contains("to="), reproduce);
        assertTrue(series.getString("citation").contains("data version " + series.getLong("dataVersion")), series.getString("citation"));
        assertEquals(0.75, series.getDouble("indicators[0].points[-1].value"), 1e-9);
    }

    @Test
    void aSeriesAsCsvHasItsProvenanceAsCommentsThenOneRowPerIndicatorAndDate() throws Exception {
        Scenario s = Scenario.corporate("model", null);
        String text = anonymous().accept("text/csv").queryParams(Map.of("names", "top_org_share,org_count", "from", FROM, "step", "month"))
                .get("/api/v1/projects/" + s.slug + "/indicators/series").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString(s.slug + "-series.csv"))
                .extract().asString();
        List<String> comments = text.lines().filter(l -> l.startsWith("# ")).toList();
        assertEquals(7, comments.size(), text);
        assertTrue(comments.get(1).equals("# methodologyVersion: 2"), comments.get(1));
        assertTrue(comments.get(5).startsWith("# reproduce: http"), comments.get(5));
        // The reproduce link and the citation give the CSV again, though CSV was asked for by Accept.
        assertTrue(comments.get(5).contains("format=csv"), comments.get(5));
        assertTrue(comments.get(6).contains("format=csv"), comments.get(6));
        List<Map<String, String>> rows = readCsv(text);
        assertEquals(2 * 4, rows.size(), text);   // 2 indicators x 4 monthly points (3 months back, the last cut at today)
        Map<String, String> last = rows.stream().filter(r -> r.get("indicator").equals("top_org_share")).reduce((a, b) -> b).orElseThrow();
        assertEquals("0.75", last.get("value"));
        assertEquals("8", last.get("n"));
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), last.get("at"));
        // format=csv says the same; another format is a 400 naming it.
        anonymous().queryParams(Map.of("from", FROM, "format", "csv")).get("/api/v1/projects/" + s.slug + "/indicators/series")
                .then().statusCode(200).contentType(containsString("text/csv"));
        invalid().queryParams(Map.of("from", FROM, "format", "xlsx")).get("/api/v1/projects/" + s.slug + "/indicators/series")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
    }

    @Test
    void projectsSideBySideAtADateAreTheirOwnFigures() {
        Scenario a = Scenario.corporate("model", null);
        Scenario b = Scenario.corporate("model", null);
        b.contribute(b.people[2], LocalDate.now(ZoneOffset.UTC).minusDays(10).toString(), 8);
        JsonPath c = anonymous().queryParams(Map.of("projects", a.slug + "," + b.slug, "names", "top_org_share"))
                .get("/api/v1/compare").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(a.slug, b.slug), c.getList("projects"));
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), c.getString("at"));
        assertEquals(0.75, c.getDouble("items[0].indicators[0].points[0].value"), 1e-9);
        JsonPath own = anonymous().queryParam("names", "top_org_share").get("/api/v1/projects/" + b.slug + "/indicators")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(own.getDouble("indicators[0].value"), c.getDouble("items[1].indicators[0].points[0].value"), 1e-12);
        assertEquals(Math.max(c.getLong("items[0].dataVersion"), c.getLong("items[1].dataVersion")), c.getLong("dataVersion"));
        assertTrue(c.getString("reproduce").contains("at="), c.getString("reproduce"));
    }

    @Test
    void projectsSideBySideAsASeriesAndAsCsv() throws Exception {
        Scenario a = Scenario.corporate("model", null);
        Scenario b = Scenario.corporate("model", null);
        JsonPath c = anonymous().queryParams(Map.of("projects", a.slug + "," + b.slug, "names", "top_org_share,org_count",
                        "from", FROM, "step", "month"))
                .get("/api/v1/compare").then().statusCode(200).extract().jsonPath();
        assertEquals(4, c.getList("points").size());
        assertEquals(4, c.getList("items[1].indicators[1].points").size());
        assertEquals("month", c.getString("step"));
        String text = anonymous().queryParams(Map.of("projects", a.slug + "," + b.slug, "names", "top_org_share,org_count",
                        "from", FROM, "format", "csv"))
                .get("/api/v1/compare").then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<Map<String, String>> rows = readCsv(text);
        assertEquals(2 * 2 * 4, rows.size());
        assertEquals(List.of("project", "indicator", "at", "value", "coverage", "n", "flags"), List.copyOf(rows.get(0).keySet()));
        assertTrue(text.contains("# citation: Counterpower ("), text);
    }

    @Test
    void aComparisonRefusesWhatItCannotAnswer() {
        invalid().get("/api/v1/compare").then().statusCode(400).body("errors[0].field", equalTo("projects"));
        invalid().queryParam("projects", "no-such-project-x,another-missing").get("/api/v1/compare").then().statusCode(400)
                .body("errors.field", hasItem("projects")).body("errors.message", hasItem(containsString("no-such-project-x")));
        Scenario a = Scenario.corporate("model", null);
        invalid().queryParams(Map.of("projects", a.slug, "at", "2024-01-01", "from", "2023-01-01")).get("/api/v1/compare")
                .then().statusCode(400).body("errors[0].field", equalTo("at"));
        invalid().queryParams(Map.of("projects", a.slug, "names", "no_such_indicator")).get("/api/v1/compare")
                .then().statusCode(400).body("errors[0].field", equalTo("names"));
    }
}

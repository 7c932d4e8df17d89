package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.parent;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.indicator.FactIndicatorsTest.body;
import static io.counterpower.indicator.FactIndicatorsTest.funding;
import static io.counterpower.indicator.FactIndicatorsTest.seat;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.organisation;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The series endpoint: each point equals the single-date endpoint at its date; hand-checked values; bad input. */
@QuarkusTest
class IndicatorSeriesTest {

    static JsonPath series(String slug, Map<String, String> params) {
        return anonymous().queryParams(params).get("/api/v1/projects/" + slug + "/indicators/series")
                .then().statusCode(200).extract().jsonPath();
    }

    static Object point(JsonPath s, String name, String at, String field) {
        return s.getMap("indicators.find { it.name == '" + name + "' }.points.find { it.at == '" + at + "' }").get(field);
    }

    static double num(JsonPath s, String name, String at) {
        return ((Number) point(s, name, at, "value")).doubleValue();
    }

    /** Every point of every indicator equals {@code GET /indicators?at=} of its date, with the same parameters. */
    static void assertEqualsSingleDate(String slug, Map<String, String> params) {
        JsonPath s = series(slug, params);
        List<String> points = s.getList("points");
        List<Map<String, Object>> series = s.getList("indicators");
        assertTrue(series.size() >= 40, "every implemented indicator");
        for (int i = 0; i < points.size(); i++) {
            String at = points.get(i);
            Map<String, String> single = new HashMap<>(params);
            single.remove("from");
            single.remove("to");
            single.remove("step");
            single.put("at", at);
            JsonPath r = indicators(slug, single);
            assertEquals(s.getLong("dataVersion"), r.getLong("dataVersion"));
            List<Map<String, Object>> values = r.getList("indicators");
            assertEquals(series.size(), values.size());
            for (int k = 0; k < series.size(); k++) {
                Map<String, Object> expected = new LinkedHashMap<>(values.get(k));
                String name = (String) expected.remove("name");
                assertEquals(name, series.get(k).get("name"));
                assertEquals(expected.remove("definition"), series.get(k).get("definition"));
                expected.remove("methodologyVersion");
                @SuppressWarnings("unchecked")
                Map<String, Object> actual = new LinkedHashMap<>(((List<Map<String, Object>>) series.get(k).get("points")).get(i));
                assertEquals(at, actual.remove("at"));
                assertEquals(expected, actual, name + " at " + at + " " + params);
            }
        }
    }

    @Test
    void everyPointEqualsTheSingleDateEndpointOnAGeneratedDataset() {
        Random random = new Random(7);
        List<String> orgs = new ArrayList<>();
        for (String type : List.of("company", "company", "company", "academic", "nonprofit")) {
            orgs.add(organisation(type));
        }
        String holding = organisation("company");
        parent(orgs.get(1), holding, "2024-03-01", null);                  // an acquisition inside the series
        parent(orgs.get(2), holding, "2023-01-01", "2024-06-30");          // a parent that lets go
        Dataset d = Dataset.project("community");
        long maintainers = body(d.slug, "maintainers");
        for (int p = 0; p < 10; p++) {
            long id = person();
            int first = random.nextInt(orgs.size() + 2);
            int second = random.nextInt(orgs.size() + 2);
            String change = LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString();
            if (first < orgs.size() + 1) {
                affiliate(id, first < orgs.size() ? orgs.get(first) : null, "2020-01-01", LocalDate.parse(change).minusDays(1).toString());
            }
            if (second < orgs.size() + 1) {
                affiliate(id, second < orgs.size() ? orgs.get(second) : null, change, null);
            }
            for (int c = 0; c < 4; c++) {
                String day = LocalDate.of(2023 + random.nextInt(2), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString();
                d.contribute(id, day, 1 + random.nextInt(4), random.nextInt(4) == 0 ? "merge" : "commit");
            }
            if (p < 4) {
                seat(maintainers, id, null, "2023-0" + (1 + p) + "-01");
            }
        }
        seat(maintainers, null, orgs.get(0), "2024-05-01");
        funding(d.slug, orgs.get(0), "grant", "300", "funder", "2024-02-01");
        funding(d.slug, orgs.get(1), "donation", "100", "funder", "2024-07-01");
        funding(d.slug, orgs.get(3), "grant", "50", "funder", "2023-05-01");
        for (String window : List.of("P3M", "P12M", "ALL")) {
            assertEqualsSingleDate(d.slug, Map.of("from", "2023-10-15", "to", "2025-01-31", "window", window));
        }
        assertEqualsSingleDate(d.slug, Map.of("from", "2023-01-01", "to", "2024-12-31", "step", "quarter", "kinds", "commit,merge"));
    }

    @Test
    void everyPointEqualsTheSingleDateEndpointOnTheTerraformRelicense() {
        assertEqualsSingleDate("terraform", Map.of("from", "2023-01-01", "to", "2025-12-31", "step", "quarter", "window", "P24M"));
        assertEqualsSingleDate("terraform", Map.of("from", "2023-06-01", "to", "2023-09-15", "window", "P12M"));
    }

    @Test
    void handCheckedMonthsWithAnAffiliationChangeAndAnAcquisition() {
        String a = organisation("company"), b = organisation("company"), holding = organisation("company");
        parent(b, holding, "2024-04-01", null);             // the holding acquires B on 2024-04-01
        Dataset d = Dataset.project("community");
        long x = person(), y = person(), z = person();
        affiliate(x, a, "2020-01-01", "2024-02-15");        // x moves from A to B on 2024-02-16
        affiliate(x, b, "2024-02-16", null);
        affiliate(y, b, "2020-01-01", null);
        affiliate(z, null, "2020-01-01", null);             // independent
        d.contribute(x, "2024-01-10", 2).contribute(z, "2024-01-20", 1).contribute(y, "2024-02-10", 1)
                .contribute(x, "2024-03-10", 3).contribute(y, "2024-04-10", 3).contribute(x, "2024-04-15", 2);
        seat(body(d.slug, "maintainers"), x, null, "2024-01-01");
        JsonPath s = series(d.slug, Map.of("from", "2024-01-01", "to", "2024-04-30", "window", "P3M",
                "names", "contributors_active,top_org,top_org_share,org_count,org_hhi,corporate_share,new_orgs,top_org_seat"));
        assertEquals(List.of("2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"), s.getList("points"));
        assertEquals("month", s.getString("step"));
        assertEquals(2, s.getInt("methodologyVersion"));
        assertTrue(s.getLong("dataVersion") > 0);
        assertEquals(List.of("contributors_active", "top_org", "top_org_share", "org_count", "org_hhi", "corporate_share",
                "new_orgs", "top_org_seat"), s.getList("indicators.name"));

        // 01-31, window (2023-10-31, 2024-01-31]: x for A 2, z independent 1.
        assertEquals(2, num(s, "contributors_active", "2024-01-31"));
        assertEquals(a, point(s, "top_org", "2024-01-31", "value"));
        assertEquals(2.0 / 3, num(s, "top_org_share", "2024-01-31"), 1e-6);
        assertEquals(1, num(s, "org_count", "2024-01-31"));
        assertEquals(5.0 / 9, num(s, "org_hhi", "2024-01-31"), 1e-6);     // (2/3)^2 + (1/3)^2
        assertEquals(3, ((Number) point(s, "org_hhi", "2024-01-31", "n")).intValue());
        assertEquals(1, num(s, "new_orgs", "2024-01-31"));                 // A
        assertEquals(a, point(s, "top_org_seat", "2024-01-31", "value"));   // x sits for A

        // 02-29, (2023-11-29, 2024-02-29]: A 2, independent 1, B 1 (y).
        assertEquals(3, num(s, "contributors_active", "2024-02-29"));
        assertEquals(0.5, num(s, "top_org_share", "2024-02-29"), 1e-6);
        assertEquals(0.375, num(s, "org_hhi", "2024-02-29"), 1e-6);        // 0.25 + 0.0625 + 0.0625
        assertEquals(0.75, num(s, "corporate_share", "2024-02-29"), 1e-6); // 3 of 4
        assertEquals(2, num(s, "new_orgs", "2024-02-29"));                 // A, B
        assertEquals(b, point(s, "top_org_seat", "2024-02-29", "value"));   // x now sits for B

        // 03-31, (2023-12-31, 2024-03-31]: A 2, independent 1, B 1 + 3 (x's March commits count for B now).
        assertEquals(b, point(s, "top_org", "2024-03-31", "value"));
        assertEquals(4.0 / 7, num(s, "top_org_share", "2024-03-31"), 1e-6);
        assertEquals(2, num(s, "org_count", "2024-03-31"));
        assertEquals(21.0 / 49, num(s, "org_hhi", "2024-03-31"), 1e-6);    // (16 + 4 + 1) / 49
        assertEquals(6.0 / 7, num(s, "corporate_share", "2024-03-31"), 1e-6);

        // 04-30, (2024-01-31, 2024-04-30]: B 1 + 3 before the acquisition, the holding 3 + 2 after it.
        assertEquals(2, num(s, "contributors_active", "2024-04-30"));
        assertEquals(holding, point(s, "top_org", "2024-04-30", "value"));
        assertEquals(5.0 / 9, num(s, "top_org_share", "2024-04-30"), 1e-6);
        assertEquals(2, num(s, "org_count", "2024-04-30"));                // B and the holding: roll-up on the date of the act
        assertEquals(41.0 / 81, num(s, "org_hhi", "2024-04-30"), 1e-6);    // (16 + 25) / 81
        assertEquals(1.0, num(s, "corporate_share", "2024-04-30"), 1e-6);
        assertEquals(2, num(s, "new_orgs", "2024-04-30"));                 // B (02-10) and the holding (04-10); A's first is before
        assertEquals(holding, point(s, "top_org_seat", "2024-04-30", "value")); // B's seat rolls up to the holding at 04-30
    }

    @Test
    void stepsEndAtCalendarEndsAndTheLastPointIsTo() {
        Dataset d = Dataset.project("community");
        JsonPath q = series(d.slug, Map.of("from", "2023-02-10", "to", "2023-11-15", "step", "quarter", "names", "org_hhi"));
        assertEquals(List.of("2023-03-31", "2023-06-30", "2023-09-30", "2023-11-15"), q.getList("points"));
        assertEquals(null, point(q, "org_hhi", "2023-03-31", "value"));    // no data is null, never 0
        JsonPath y = series(d.slug, Map.of("from", "2020-06-01", "to", "2022-12-31", "step", "year", "names", "org_hhi"));
        assertEquals(List.of("2020-12-31", "2021-12-31", "2022-12-31"), y.getList("points"));
        JsonPath one = series(d.slug, Map.of("from", "2024-02-29", "to", "2024-02-29", "names", "org_hhi"));
        assertEquals(List.of("2024-02-29"), one.getList("points"));
        // 240 monthly points is the cap, accepted
        JsonPath cap = series(d.slug, Map.of("from", "2004-01-01", "to", "2023-12-31", "names", "contributors_active"));
        assertEquals(240, cap.getList("points").size());
    }

    private static void bad(String slug, Map<String, String> params, String field, String message) {
        invalid().queryParams(params).get("/api/v1/projects/" + slug + "/indicators/series")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem(field)).body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    @Test
    void badInputIsA400NamingTheField() {
        Dataset d = Dataset.project("community");
        String s = d.slug;
        bad(s, Map.of("from", "2024-01-01", "names", "org_hhi,nope"), "names", "valid names are contributors_active,");
        bad(s, Map.of("from", "2024-05-01", "to", "2024-04-30"), "from", "must not be after to");
        bad(s, Map.of("from", "2000-01-01", "to", "2024-12-31"), "to", "more than 240 points");
        bad(s, Map.of("from", "2024-01-01", "step", "week"), "step", "must be one of [month, quarter, year]");
        bad(s, Map.of("from", "2024-01-01", "window", "P5M"), "window", "must be one of");
        bad(s, Map.of("from", "2024-01-01", "methodology", "99"), "methodology", "known versions are [1, 2]");
        bad(s, Map.of("from", "2024-13-01"), "from", "YYYY-MM-DD");
        bad(s, Map.of("from", "2024-01-01", "to", "last week"), "to", "YYYY-MM-DD");
        bad(s, Map.of("to", "2024-01-01"), "from", "is required");
        bad(s, Map.of("from", "2024-01-01", "to", LocalDate.now().plusDays(2).toString()), "to", "must not be after today");
        bad(s, Map.of("from", "2024-01-01", "kinds", "commit,push"), "kinds", "unknown contribution kind");
        invalid().queryParams(Map.of("from", "2024-01-01")).get("/api/v1/projects/no-such-project/indicators/series")
                .then().statusCode(404).contentType(containsString("application/problem+json"));
        // every fault at once
        invalid().queryParams(Map.of("from", "x", "step", "day", "window", "P1M"))
                .get("/api/v1/projects/" + s + "/indicators/series").then().statusCode(400)
                .body("errors.size()", equalTo(3));
    }

    @Test
    void aWriteGivesANewDataVersionAndFreshPoints() {
        String a = organisation("company");
        Dataset d = Dataset.project("community");
        long x = person();
        affiliate(x, a, "2020-01-01", null);
        d.contribute(x, "2024-01-10", 2);
        Map<String, String> params = Map.of("from", "2024-01-01", "to", "2024-03-31", "names", "contributors_active");
        JsonPath before = series(d.slug, params);
        assertEquals(before.getLong("dataVersion"), series(d.slug, params).getLong("dataVersion")); // cached, same version
        d.contribute(person(), "2024-03-05", 1);
        JsonPath after = series(d.slug, params);
        assertTrue(after.getLong("dataVersion") > before.getLong("dataVersion"));
        assertEquals(1, num(before, "contributors_active", "2024-03-31"));
        assertEquals(2, num(after, "contributors_active", "2024-03-31"));
    }
}

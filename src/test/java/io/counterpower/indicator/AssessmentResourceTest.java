package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.indicator.FactIndicatorsTest.body;
import static io.counterpower.indicator.FactIndicatorsTest.seat;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.organisation;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stage assessment (section 4) of methodology version 1, pinned ({@code methodology=1}): one dataset
 * per stage, with the gates that decided it. Version 2 is tested in {@link AssessmentV2Test}.
 */
@QuarkusTest
class AssessmentResourceTest {

    static JsonPath assess(String slug, String at) {
        return anonymous().queryParam("at", at).queryParam("methodology", "1").get("/api/v1/projects/" + slug + "/assessment")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Two companies A (3 people) and B (1 person), with contributions 6 and 2 in the first half of 2024. */
    static Dataset corporateWork(String origin, String a, String b, long[] people) {
        Dataset d = Dataset.project(origin);
        affiliate(people[0], a, null, null);
        affiliate(people[1], a, null, null);
        affiliate(people[2], b, null, null);
        d.contribute(people[0], "2024-03-01", 4).contribute(people[1], "2024-03-01", 2).contribute(people[2], "2024-03-01", 2);
        return d;
    }

    @Test
    void emergenceWhenOnlyIndependentsWork() {
        Dataset d = Dataset.project("community");
        long p1 = person(), p2 = person();
        affiliate(p1, null, null, null);
        affiliate(p2, null, null, null);
        d.contribute(p1, "2024-03-01", 3).contribute(p2, "2024-04-01", 1);
        JsonPath r = assess(d.slug, "2024-06-30");
        assertEquals("emergence", r.getString("stage"));
        // corporate_share = 0 fails its part; adopters and derivatives are not recorded: the "or" is unknown.
        assertEquals("unknown", r.getString("gates.adoption.status"));
        assertEquals("fails", r.getString("gates.contribution.status"));   // corporate_share 0 < 0.25
        // signals: 1 - corporate_share = 1, independent_share = 1, 1 - org_hhi = 1 - (0.5625 + 0.0625) = 0.375, origin 1
        assertEquals((1 + 1 + 0.375 + 1) / 4, r.getDouble("scores.emergence"), 1e-9);   // 0.84375
        assertEquals(List.of("non_corporate_share", "independent_share", "low_concentration", "community_origin"),
                r.getList("signals.findAll { it.stage == 'emergence' }.id"));
        // contribution score 0 (0, 0/10, 0/5), direction null, capture 0 (top_org_share 0): round(100 * 0) = 0
        assertEquals(0, r.getInt("captureRisk"));
        assertNull(r.get("scores.direction"));
    }

    @Test
    void contributionWithUnknownDirectionWhenSeatsAreMissing() {
        String a = organisation("company"), b = organisation("company");
        Dataset d = corporateWork("community", a, b, new long[]{person(), person(), person()});
        JsonPath r = assess(d.slug, "2024-06-30");
        assertEquals("holds", r.getString("gates.adoption.status"));       // corporate_share 1 > 0
        assertEquals("holds", r.getString("gates.contribution.status"));   // corporate_share 1 >= 0.25 and 2 organisations
        assertEquals("unknown", r.getString("gates.direction.status"));    // no seats, merges or funding recorded
        assertEquals("contribution", r.getString("stage"));
        assertEquals(1.0, r.getDouble("stageConfidence"));                 // adoption and contribution were decided
        assertTrue(r.getList("missing.indicator").contains("corporate_seat_share"));
        // capture: top_org_share 6/8 = 0.75 is the only capture signal; contribution: (1 + 0.2) / 2 = 0.6 (hired is 0 -> 0)
        // contribution signals: corporate_share 1, org_count 2/10 = 0.2, hired 0/5 = 0 -> mean 0.4
        assertEquals(0.4, r.getDouble("scores.contribution"), 1e-9);
        assertEquals(0.75, r.getDouble("scores.capture"), 1e-9);
        // risk = round(100 * (0.15 * 0.4 + 0.5 * 0.75) / (0.15 + 0.5)) = round(66.92) = 67
        assertEquals(67, r.getInt("captureRisk"));
        assertEquals("top_org_share", r.getString("evidence[0].signal"));
        assertEquals(6, r.getInt("evidence[0].value"));
    }

    @Test
    void directionWhenCompaniesHoldTheSeatsButNoneDominates() {
        String a = organisation("company"), b = organisation("company"), c = organisation("company"), e = organisation("company");
        long[] people = {person(), person(), person()};
        Dataset d = corporateWork("community", a, b, people);
        long maintainers = body(d.slug, "maintainers");
        for (String org : List.of(a, b, c, e)) {
            seat(maintainers, null, org, "2023-01-01");
        }
        JsonPath r = assess(d.slug, "2024-06-30");
        assertEquals("holds", r.getString("gates.direction.status"));      // corporate_seat_share 4/4 >= 0.5
        // (0.75 >= 0.5 and 1/4 >= 0.5) fails; no license period and no funding: those parts are unknown, so the "or" is unknown
        assertEquals("unknown", r.getString("gates.capture.status"));
        assertEquals("direction", r.getString("stage"));
    }

    @Test
    void captureWhenOneOrganisationDominatesWorkAndSeats() {
        String a = organisation("company"), b = organisation("company");
        long[] people = {person(), person(), person()};
        Dataset d = corporateWork("community", a, b, people);
        long maintainers = body(d.slug, "maintainers");
        seat(maintainers, people[0], null, "2023-01-01");
        seat(maintainers, people[1], null, "2023-01-01");
        seat(maintainers, people[2], null, "2023-01-01");
        JsonPath r = assess(d.slug, "2024-06-30");
        // top_org_share 6/8 = 0.75 >= 0.5 and top_org_seat_share 2/3 >= 0.5
        assertEquals("holds", r.getString("gates.capture.status"));
        assertEquals("capture", r.getString("stage"));
        assertEquals(0.25, r.getDouble("walkaway.walkaway_share.value"), 1e-9);   // 1 - 0.75
    }

    @Test
    void aCorporateOriginHoldsAdoptionAndContributionByOrigin() {
        Dataset d = Dataset.project("corporate");
        JsonPath r = assess(d.slug, "2024-06-30");
        assertEquals("held_by_origin", r.getString("gates.adoption.status"));
        assertEquals("held_by_origin", r.getString("gates.contribution.status"));
        assertEquals("contribution", r.getString("stage"));
        assertEquals("corporate", r.getString("origin"));
    }

    @Test
    void terraformIsCapturedByItsCompanyRelicense() {
        JsonPath r = assess("terraform", "2024-06-30");
        assertEquals("holds", r.getString("gates.capture.status"));        // BUSL relicense 2023-08-10 by HashiCorp (a company)
        assertEquals("capture", r.getString("stage"));
        assertTrue(r.getList("evidence.href").stream().anyMatch(h -> h.toString().startsWith("/api/v1/license-periods/")));
        JsonPath before = assess("terraform", "2023-08-09");
        assertEquals(0, ((Number) before.getList("gates.capture.conditions.findAll { it.indicator == 'company_restrictive_relicenses_24m' }.value").get(0)).intValue());
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        invalid().queryParam("at", "2024-13-01").get("/api/v1/projects/terraform/assessment").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        invalid().queryParam("methodology", "7").get("/api/v1/projects/terraform/assessment").then().statusCode(400)
                .body("errors[0].field", equalTo("methodology"));
        invalid().queryParam("window", "P5M").get("/api/v1/projects/terraform/indicators").then().statusCode(400)
                .body("errors[0].field", equalTo("window"));
        invalid().queryParam("names", "org_hhi,bogus").get("/api/v1/projects/terraform/indicators").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("names")).body("detail", containsString("elephant_factor"));
        invalid().queryParam("at", "2999-01-01").get("/api/v1/projects/terraform/indicators").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        invalid().queryParam("asRecordedOn", "yesterday").get("/api/v1/projects/terraform/indicators").then().statusCode(400)
                .body("errors[0].field", equalTo("asRecordedOn"));
        invalid().get("/api/v1/projects/no-such-project-x/indicators").then().statusCode(404);
    }

    @Test
    void aWriteInvalidatesTheCachedFigures() {
        String a = organisation("company");
        Dataset d = Dataset.project("community");
        long p = person();
        d.contribute(p, "2024-03-01", 2);
        JsonPath first = ContributionIndicatorsTest.indicators(d.slug, Map.of("at", "2024-06-30", "names", "affiliation_coverage"));
        assertEquals(0.0, ((Number) ContributionIndicatorsTest.value(first, "affiliation_coverage")).doubleValue());
        affiliate(p, a, null, null);   // a shared fact: bumps the global data version
        JsonPath second = ContributionIndicatorsTest.indicators(d.slug, Map.of("at", "2024-06-30", "names", "affiliation_coverage"));
        assertEquals(1.0, ((Number) ContributionIndicatorsTest.value(second, "affiliation_coverage")).doubleValue());
        assertTrue(second.getLong("dataVersion") > first.getLong("dataVersion"));
    }

    @Test
    void aWarmAssessmentIsTheSameAnswerAndAWriteIsSeenAtOnce() {
        String a = organisation("company");
        Dataset d = Dataset.project("community");
        long p = person();
        d.contribute(p, "2024-03-01", 2);
        String first = anonymous().queryParam("at", "2024-06-30").get("/api/v1/projects/" + d.slug + "/assessment")
                .then().statusCode(200).extract().asString();
        String warm = anonymous().queryParam("at", "2024-06-30").get("/api/v1/projects/" + d.slug + "/assessment")
                .then().statusCode(200).extract().asString();
        assertEquals(first, warm);
        affiliate(p, a, null, null);   // the next read on this instance has a new data version, so a new body
        JsonPath second = assess(d.slug, "2024-06-30");
        assertTrue(second.getLong("dataVersion") > JsonPath.from(first).getLong("dataVersion"));
        // Unknown affiliation kept the corporate signals out; the company's contributions bring them in.
        assertNotEquals(JsonPath.from(first).getList("signals.id"), second.getList("signals.id"));
    }
}

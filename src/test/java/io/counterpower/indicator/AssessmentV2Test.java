package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.AssessmentResourceTest.corporateWork;
import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.indicator.FactIndicatorsTest.body;
import static io.counterpower.indicator.FactIndicatorsTest.seat;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stage assessment of methodology version 2 (the default; METHODOLOGY.md section 4): evidence
 * before verdicts. Hand-computed fixtures for the stage, basis, confidence, evidence counts and the
 * capture_risk evidence rule.
 */
@QuarkusTest
class AssessmentV2Test {

    static JsonPath assess(String slug, String at) {
        return anonymous().queryParam("at", at).get("/api/v1/projects/" + slug + "/assessment")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theDefaultIsVersionTwo() {
        Dataset d = Dataset.project("community");
        assertEquals(2, assess(d.slug, "2024-06-30").getInt("methodologyVersion"));
    }

    @Test
    void nothingKnownIsUndeterminedNotEmergence() {
        Dataset d = Dataset.project("community");
        JsonPath r = assess(d.slug, "2024-06-30");
        assertEquals("undetermined", r.getString("stage"));
        assertEquals(0.0, r.getDouble("stageConfidence"));
        assertNull(r.get("basis"));
        assertNull(r.get("captureRisk"));
        assertEquals("insufficient evidence", r.getString("captureRiskReason"));
        assertEquals(List.of("adoption", "contribution", "direction", "capture"), r.getList("unknownGatesBefore"));
        assertEquals(0, r.getInt("evidenceCounts.contribution.present"));
    }

    @Test
    void emergenceIsStatedOnlyWhenShown() {
        Dataset d = Dataset.project("community");
        long p1 = person(), p2 = person();
        affiliate(p1, null, null, null);
        affiliate(p2, null, null, null);
        d.contribute(p1, "2024-03-01", 3).contribute(p2, "2024-04-01", 1);
        JsonPath r = assess(d.slug, "2024-06-30");
        // corporate_share 0 < 0.25 with coverage 1: shown. Contribution fails on data; the other three are unknown.
        assertEquals("emergence", r.getString("stage"));
        assertEquals("data", r.getString("basis"));
        assertEquals(0.25, r.getDouble("stageConfidence"));
        // Origin is no longer an emergence signal: (1 + 1 + 0.375) / 3
        assertEquals((1 + 1 + 0.375) / 3, r.getDouble("scores.emergence"), 1e-6);
        assertFalse(r.getList("signals.id").contains("community_origin"));
        // Only the contribution family: no risk.
        assertNull(r.get("captureRisk"));
        assertEquals("insufficient evidence", r.getString("captureRiskReason"));
    }

    @Test
    void aCorporateOriginWithNoDataIsContributionByOriginWithConfidenceZero() {
        Dataset d = Dataset.project("corporate");
        JsonPath r = assess(d.slug, "2024-06-30");
        assertEquals("held_by_origin", r.getString("gates.adoption.status"));
        assertEquals("held_by_origin", r.getString("gates.contribution.status"));
        assertEquals("contribution", r.getString("stage"));
        assertEquals("origin", r.getString("basis"));
        assertEquals(0.0, r.getDouble("stageConfidence"));   // held_by_origin is not evidence
        assertNull(r.get("captureRisk"));
    }

    @Test
    void dataDecideTheGatesOfACorporateOrigin() {
        String a = organisation("company");
        Dataset d = Dataset.project("corporate");
        long p1 = person(), p2 = person();
        affiliate(p1, a, null, null);
        affiliate(p2, null, null, null);
        d.contribute(p1, "2024-03-01", 1).contribute(p2, "2024-03-01", 9);
        JsonPath r = assess(d.slug, "2024-06-30");
        // corporate_share 0.1: adoption holds (> 0), contribution fails (< 0.25) on data: the data win over origin.
        assertEquals("holds", r.getString("gates.adoption.status"));
        assertEquals("fails", r.getString("gates.contribution.status"));
        assertEquals("contribution", r.getString("stage"));
        assertEquals("origin", r.getString("basis"));
        assertEquals(1.0, r.getDouble("stageConfidence"));   // both gates up to contribution decided on data
    }

    @Test
    void oneCompanyDoingAQuarterOfTheWorkIsContribution() {
        String a = organisation("company");
        Dataset d = Dataset.project("community");
        long p1 = person(), p2 = person(), p3 = person();
        affiliate(p1, a, null, null);
        affiliate(p2, null, null, null);
        affiliate(p3, null, null, null);
        d.contribute(p1, "2024-03-01", 1).contribute(p2, "2024-03-01", 2).contribute(p3, "2024-03-01", 1);
        JsonPath r = assess(d.slug, "2024-06-30");
        // corporate_share 1/4 = 0.25 >= 0.25 with one organisation (v1 also needed two).
        assertEquals("holds", r.getString("gates.contribution.status"));
        assertEquals("contribution", r.getString("stage"));
        assertEquals("data", r.getString("basis"));
        assertEquals(1.0, r.getDouble("stageConfidence"));
        JsonPath v1 = AssessmentResourceTest.assess(d.slug, "2024-06-30");
        assertEquals("fails", v1.getString("gates.contribution.status"));
    }

    @Test
    void riskWithEvidenceFromTwoFamiliesAndTheCounts() {
        String a = organisation("company"), b = organisation("company");
        long[] people = {person(), person(), person()};
        Dataset d = corporateWork("community", a, b, people);
        long maintainers = body(d.slug, "maintainers");
        seat(maintainers, people[0], null, "2023-01-01");
        seat(maintainers, people[1], null, "2023-01-01");
        seat(maintainers, people[2], null, "2023-01-01");
        JsonPath r = assess(d.slug, "2024-06-30");
        assertEquals("capture", r.getString("stage"));
        assertEquals("data", r.getString("basis"));
        // contribution 0.4 (1, 0.2, 0); direction (3/3 corporate seats, 2/3 top seats) = 0.833333;
        // capture (top_org_share 0.75, top_org_seat_share 0.666667) = 0.708333;
        // risk = round(100 * (0.15 * 0.4 + 0.35 * 0.833333 + 0.5 * 0.708333)) = round(70.58) = 71
        assertEquals(0.833333, r.getDouble("scores.direction"), 1e-5);
        assertEquals(0.708333, r.getDouble("scores.capture"), 1e-5);
        assertEquals(71, r.getInt("captureRisk"));
        assertNull(r.get("captureRiskReason"));
        // three of the nine direction and capture signals (0.33 >= 0.3), from two families
        assertEquals(Map.of("present", 2, "defined", 5), r.getMap("evidenceCounts.governance"));
        assertEquals(Map.of("present", 0, "defined", 1), r.getMap("evidenceCounts.license"));
        assertEquals(0, r.getInt("evidenceCounts.funding.present"));
    }

    @Test
    void tooFewDirectionAndCaptureSignalsLeaveTheRiskNull() {
        String a = organisation("company"), b = organisation("company");
        Dataset d = corporateWork("community", a, b, new long[]{person(), person(), person()});
        JsonPath r = assess(d.slug, "2024-06-30");
        // v1 gave 67 on top_org_share alone; v2: one family, one of nine signals.
        assertNull(r.get("captureRisk"));
        assertEquals("insufficient evidence", r.getString("captureRiskReason"));
        assertEquals(67, AssessmentResourceTest.assess(d.slug, "2024-06-30").getInt("captureRisk"));
    }

    @Test
    void governanceIsUnknownNotUnmetWhenSeatsAreUnknown() {
        // Stewarded by a company (foundation_hosted false), no seat recorded: v1 said unmet.
        String slug = io.counterpower.support.Fixtures.project(organisation("company"));
        assertEquals("unknown", assess(slug, "2024-06-30").getString("counterPower.governance.status"));
        assertEquals("unmet", AssessmentResourceTest.assess(slug, "2024-06-30").getString("counterPower.governance.status"));
    }

    @Test
    void aProjectNotYetRecordedIsNotFoundAsRecordedOnAnEarlierMoment() {
        Dataset d = Dataset.project("community");
        java.time.Instant recorded = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                (java.time.Instant) Dataset.em().createNativeQuery("select min(recorded_at) from project_version where id = ?1")
                        .setParameter(1, d.projectId).getSingleResult());
        String before = recorded.minusSeconds(1).toString();
        for (String path : List.of("assessment", "indicators")) {
            io.counterpower.support.Api.invalid().queryParam("asRecordedOn", before).get("/api/v1/projects/" + d.slug + "/" + path)
                    .then().statusCode(404);
        }
        io.counterpower.support.Api.invalid().accept("image/svg+xml, application/problem+json").queryParam("asRecordedOn", before)
                .get("/api/v1/projects/" + d.slug + "/charts/top_org_share.svg").then().statusCode(404);
        io.counterpower.support.Api.invalid().queryParam("asRecordedOn", before).queryParam("from", "2024-01-01")
                .queryParam("to", "2024-06-30").get("/api/v1/projects/" + d.slug + "/indicators/series").then().statusCode(404);
        anonymous().queryParam("asRecordedOn", recorded.plusSeconds(1).toString()).queryParam("at", "2024-06-30")
                .get("/api/v1/projects/" + d.slug + "/assessment").then().statusCode(200);
    }
}

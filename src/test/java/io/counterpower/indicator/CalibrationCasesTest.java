package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The calibration cases of METHODOLOGY.md section 9 on the default dataset, read by methodology
 * version 2 at the dates the table gives. (The forkable and fork readings wait for section 7.) Cases
 * whose facts depend on the license-period fixes of branch t18 (Redis's dual-license expression with
 * AGPL as a third option, Elasticsearch's first license, Falcon's artifact names) are named *AfterT18.
 */
@QuarkusTest
class CalibrationCasesTest {

    static JsonPath assess(String slug, String at) {
        return anonymous().queryParam("at", at).get("/api/v1/projects/" + slug + "/assessment")
                .then().statusCode(200).extract().jsonPath();
    }

    static Object indicator(String slug, String at, String name) {
        JsonPath r = anonymous().queryParam("at", at).queryParam("names", name).get("/api/v1/projects/" + slug + "/indicators")
                .then().statusCode(200).extract().jsonPath();
        return r.get("indicators[0].value");
    }

    static String captureGate(String slug, String at) {
        return assess(slug, at).getString("gates.capture.status");
    }

    @Test
    void terraformIsCapturedWhileBuslIsInForce() {
        // Before: no capture from the license (MPL-2.0 is copyleft, capture reading 0).
        assertEquals(0.0, ((Number) indicator("terraform", "2023-08-09", "license_capture")).doubleValue());
        assertEquals(false, indicator("terraform", "2023-08-09", "restrictive_license_in_force"));
        // From 2023-08-10, and still at 2026-12-01 (more than 24 months later, IBM the parent since 2025-02-27).
        for (String at : List.of("2023-08-10", "2025-08-10", "2026-12-01")) {
            JsonPath r = assess("terraform", at);
            assertEquals("holds", r.getString("gates.capture.status"), at);
            assertEquals("capture", r.getString("stage"), at);
            assertEquals(true, indicator("terraform", at, "restrictive_license_in_force"), at);
        }
    }

    @Test
    void mongodbIsCapturedFromItsSsplRelicense() {
        assertEquals(true, indicator("mongodb", "2018-10-16", "restrictive_license_in_force"));
        assertEquals("holds", captureGate("mongodb", "2018-10-16"));
        assertEquals(1.0, ((Number) indicator("mongodb", "2018-10-16", "license_capture")).doubleValue());
    }

    @Test
    void pytorchMovesToAFoundationAndItsLicenseIsNoCapture() {
        assertEquals(false, indicator("pytorch", "2022-09-11", "foundation_hosted"));
        assertEquals(true, indicator("pytorch", "2022-09-12", "foundation_hosted"));
        assertEquals(0.0, ((Number) indicator("pytorch", "2024-06-30", "license_capture")).doubleValue());
        assertEquals(false, indicator("pytorch", "2024-06-30", "restrictive_license_in_force"));
    }

    @Test
    void redisIsCapturedFromMarch2024() {
        assertEquals(true, indicator("redis", "2024-03-20", "restrictive_license_in_force"));
        assertEquals("holds", captureGate("redis", "2024-03-20"));
        assertEquals(false, indicator("redis", "2024-03-19", "restrictive_license_in_force"));
    }

    @Test
    void redis8sAgplOptionEndsTheLicenseCaptureAfterT18() {
        // RSALv2 OR SSPLv1 OR AGPL-3.0 is level 3 (a choice has the level of its least restrictive option).
        assertEquals(3, ((Number) indicator("redis", "2025-06-30", "license_restrictiveness")).intValue());
        assertEquals(false, indicator("redis", "2025-06-30", "restrictive_license_in_force"));
    }

    @Test
    void elasticsearchIsCapturedFrom2021AndTheAgplOptionEndsItAfterT18() {
        assertEquals("holds", captureGate("elasticsearch", "2021-06-30"));
        assertEquals(1.0, ((Number) indicator("elasticsearch", "2021-06-30", "license_capture")).doubleValue());
        assertEquals(3, ((Number) indicator("elasticsearch", "2024-12-31", "license_restrictiveness")).intValue());
        assertEquals(false, indicator("elasticsearch", "2024-12-31", "restrictive_license_in_force"));
    }

    @Test
    void falconsRestrictiveNewReleaseIsNotARelicenseAfterT18() {
        // Falcon-40B to Apache-2.0 (liberalising), then Falcon-180B under its own terms: a new release, in force beside the open one.
        assertEquals(false, indicator("falcon", "2023-06-30", "restrictive_license_in_force"));
        assertEquals(false, indicator("falcon", "2023-12-31", "restrictive_license_in_force"));
        assertEquals(1.0, ((Number) indicator("falcon", "2023-12-31", "license_capture")).doubleValue());
        // Named artifacts (weights:falcon-40b, -180b, -2-11b): Falcon 2's own license (level 4, 2024-05-13) does not hide
        // Falcon-180B's (level 5), which counts for 24 months from 2023-09-06; after that the newest alone remains.
        assertEquals(5, ((Number) indicator("falcon", "2024-06-30", "license_restrictiveness")).intValue());
        assertEquals(4, ((Number) indicator("falcon", "2025-12-31", "license_restrictiveness")).intValue());
    }

    @Test
    void aProjectWithOnlyALicensePeriodHasNoRiskAndNoConfidence() {
        Dataset d = Dataset.project("community");
        admin().body(Map.of("project", d.slug, "artifact", "code", "expression", "BUSL-1.1", "date", "2023-01-01",
                "changeKind", "initial", "source", source())).post("/api/v1/license-periods").then().statusCode(201);
        JsonPath r = assess(d.slug, "2024-06-30");
        assertNull(r.get("captureRisk"));
        assertEquals("insufficient evidence", r.getString("captureRiskReason"));
        assertEquals("undetermined", r.getString("stage"));
        assertEquals(0.0, r.getDouble("stageConfidence"));
        assertEquals(Map.of("present", 1, "defined", 1), r.getMap("evidenceCounts.license"));
    }
}

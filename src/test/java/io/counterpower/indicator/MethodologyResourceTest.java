package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class MethodologyResourceTest {

    @Test
    void servesTheMethodologyAsData() {
        anonymous().get("/api/v1/methodology").then().statusCode(200)
                .header("Counterpower-Data-Version", org.hamcrest.Matchers.notNullValue())
                .body("version", equalTo(2))
                .body("status", equalTo("frozen"))
                .body("assessment.min_evidence", equalTo(0.3))
                .body("assessment.gates.contribution.all.indicator", equalTo(List.of("corporate_share")))
                .body("indicators.id", hasItems("license_capture", "restrictive_license_in_force", "funding_reported_usd"))
                .body("assessment.min_coverage", equalTo(0.5))
                .body("assessment.capture_risk.weights.direction", equalTo(0.35))
                .body("indicators.id", hasItems("org_hhi", "elephant_factor", "walkaway_share", "derivative_orgs",
                        "license_restrictiveness", "funder_hhi"));
        anonymous().get("/api/v1/methodology/1").then().statusCode(200).body("version", equalTo(1)).body("status", equalTo("frozen"));
        anonymous().get("/api/v1/methodology/v1").then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void anUnknownVersionIsNotFound() {
        invalid().get("/api/v1/methodology/99").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("known versions are [1, 2]"));
        invalid().get("/api/v1/methodology/latest").then().statusCode(404);
    }
}

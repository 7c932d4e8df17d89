package io.counterpower.license;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class LicenseResourceTest {

    static Map<String, Object> period(String project, String artifact, String expression, String date, String changeKind) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("artifact", artifact);
        body.put("expression", expression);
        body.put("date", date);
        body.put("changeKind", changeKind);
        body.put("source", source());
        return body;
    }

    @Test
    void terraformsMoveToTheBusinessSourceLicenseIsARestrictiveRelicense() {
        anonymous().queryParam("project", "terraform").get("/api/v1/license-changes").then().statusCode(200)
                .body("items[0].date", equalTo("2023-08-10"))
                .body("items[0].fromExpression", equalTo("MPL-2.0")).body("items[0].toExpression", equalTo("BUSL-1.1"))
                .body("items[0].fromLevel", equalTo(2)).body("items[0].toLevel", equalTo(5))
                .body("items[0].changeKind", equalTo("relicense")).body("items[0].direction", equalTo("restrictive"));
    }

    @Test
    void falconMovingToApacheIsALiberalisingRelicense() {
        // Falcon's weights: the TII license (5) -> Apache-2.0 (1) on 2023-05-31; later releases under
        // the Falcon-180B license (5, restrictive) and TII Falcon 2.0 (4, liberalising again).
        anonymous().queryParam("project", "falcon").queryParam("direction", "liberalising").get("/api/v1/license-changes")
                .then().body("totalItems", equalTo(2))
                .body("items[0].date", equalTo("2023-05-31")).body("items[0].toExpression", equalTo("Apache-2.0"))
                .body("items[0].changeKind", equalTo("relicense"));
    }

    @Test
    void llama3IsANewReleaseAtTheSameLevelAsLlama2() {
        anonymous().queryParam("project", "llama").queryParam("artifact", "weights").queryParam("from", "2024-04-18")
                .queryParam("to", "2024-04-18").get("/api/v1/license-changes")
                .then().body("totalItems", equalTo(1))
                .body("items[0].changeKind", equalTo("new-release"))
                .body("items[0].fromLevel", equalTo(5)).body("items[0].toLevel", equalTo(5))
                .body("items[0].direction", equalTo("none"));
    }

    @Test
    void redis8sTripleChoiceHasTheLevelOfItsLeastRestrictiveOption() {
        anonymous().queryParam("project", "redis").queryParam("from", "2025-05-01").get("/api/v1/license-periods")
                .then().body("items[0].expression", equalTo("LicenseRef-RSAL-2.0 OR SSPL-1.0 OR AGPL-3.0-only"))
                .body("items[0].restrictiveness.level", equalTo(3));
        anonymous().queryParam("expression", "LicenseRef-RSAL-2.0 OR SSPL-1.0 OR AGPL-3.0-only").get("/api/v1/licenses/evaluate")
                .then().body("restrictiveness.level", equalTo(3));
    }

    @Test
    void anUnknownLicenseIsStoredAsGivenAndShownAsUnknown() {
        String slug = project(null);
        admin().body(period(slug, "weights", "LicenseRef-Acme-Model-Terms", "2024-01", "initial")).post("/api/v1/license-periods")
                .then().statusCode(201).body("expression", equalTo("LicenseRef-Acme-Model-Terms"))
                .body("restrictiveness.level", nullValue())
                .body("restrictiveness.unknownIds", hasItem("LicenseRef-Acme-Model-Terms"))
                .body("restrictiveness.lowerBound", equalTo(0)).body("restrictiveness.upperBound", equalTo(7));
        admin().body(period(slug, "weights", "MIT OR", "2024-02", "relicense")).post("/api/v1/license-periods")
                .then().statusCode(400).body("errors[0].field", equalTo("expression"));
        admin().body(period(slug, "model", "MIT", "2024-02", "relicense")).post("/api/v1/license-periods")
                .then().statusCode(400).body("errors[0].field", equalTo("artifact"));
        admin().body(period(slug, "code", "MIT", "2024-02", "update")).post("/api/v1/license-periods")
                .then().statusCode(400).body("errors[0].field", equalTo("changeKind"));
        admin().body(period(slug, "code", "MIT", "2999-02", "initial")).post("/api/v1/license-periods")
                .then().statusCode(400).body("errors[0].field", equalTo("date"));
    }

    @Test
    void periodsAreVersionedAndChangesFollowThem() {
        String slug = project(null);
        admin().body(period(slug, "code", "MIT", "2020-01-01", "initial")).post("/api/v1/license-periods").then().statusCode(201);
        long id = admin().body(period(slug, "code", "CC-BY-NC-4.0", "2022-01-01", "relicense")).post("/api/v1/license-periods")
                .then().statusCode(201).body("restrictiveness.level", equalTo(6)).extract().jsonPath().getLong("id");
        anonymous().queryParam("project", slug).get("/api/v1/license-changes").then()
                .body("items[0].direction", equalTo("restrictive"));
        Instant before = Moments.between();
        admin().body(io.counterpower.support.Fixtures.withReason(period(slug, "code", "Apache-2.0", "2022-01-01", "relicense"), "it is Apache")).put("/api/v1/license-periods/" + id)
                .then().statusCode(200);
        anonymous().queryParam("project", slug).get("/api/v1/license-changes").then().body("items[0].direction", equalTo("none"));
        anonymous().queryParam("project", slug).queryParam("asRecordedOn", before.toString()).get("/api/v1/license-changes")
                .then().body("items[0].direction", equalTo("restrictive"));
        anonymous().get("/api/v1/license-periods/" + id + "/history").then().body("$", hasSize(2));
    }

    @Test
    void aStewardRecordsTheLicensesOfItsOwnProjectsAsSelfReported() {
        String org = io.counterpower.support.Fixtures.organisation("foundation");
        String mine = project(org);
        String steward = io.counterpower.support.Fixtures.key("steward:" + org);
        io.counterpower.support.Api.as(steward).body(period(mine, "docs", "CC-BY-4.0", "2021-06-01", "initial"))
                .post("/api/v1/license-periods").then().statusCode(201).body("source.kind", equalTo("self-reported"));
        io.counterpower.support.Api.as(steward).body(period(project(null), "docs", "CC-BY-4.0", "2021-06-01", "initial"))
                .post("/api/v1/license-periods").then().statusCode(403);
    }

    @Test
    void theCatalogListsSpdxAndModelLicenses() {
        anonymous().queryParam("size", "1").get("/api/v1/licenses").then().body("totalItems", greaterThan(650));
        anonymous().get("/api/v1/licenses/busl-1.1").then().body("id", equalTo("BUSL-1.1")).body("level", equalTo(5));
        anonymous().get("/api/v1/licenses/LicenseRef-Llama-2-Community").then().body("level", equalTo(5));
        anonymous().queryParam("level", "0").queryParam("q", "cc0").get("/api/v1/licenses").then().body("items.id", hasItem("CC0-1.0"));
        anonymous().get("/api/v1/licenses/No-Such-License").then().statusCode(404);
        invalidAsAdmin().queryParam("level", "9").get("/api/v1/licenses").then().statusCode(400).body("errors[0].field", equalTo("level"));
    }
}

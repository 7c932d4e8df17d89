package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Named artifacts of a model family (METHODOLOGY.md version 2, sections 2, 3 and 5; issue 18), on a family whose
 * older member is restrictive and whose newer members are open, read at several dates. Expected values by hand:
 *
 * <pre>
 * weights:m-1  CC-BY-NC-4.0 (6)  initial      2022-01-10   counts until 2024-01-09 (24 months), or while newest
 * weights:m-2  Apache-2.0  (1)   new-release  2023-03-01   counts until 2025-02-28
 * weights:m-3  MIT         (1)   new-release  2024-06-01   counts until 2026-05-31
 * weights:m-4  CC-BY-NC-4.0 (6)  new-release  2025-01-15   newest from then on; above the family's most open member (1)
 * code         Apache-2.0  (1)   initial      2022-01-10   the only code artifact: always newest
 *
 * at          current artifacts          level  capture  artifacts
 * 2022-06-30  m-1, code                  6      1.0      2
 * 2023-06-30  m-1, m-2, code             6      1.0      3   (version 1, by kind: the latest weights period, m-2: 1)
 * 2024-03-31  m-2, code                  1      0.0      2
 * 2024-12-31  m-2, m-3, code             1      0.0      3
 * 2025-06-30  m-3, m-4, code             6      1.0      3   one restrictive new release in P12M (m-4)
 * </pre>
 */
@QuarkusTest
class NamedArtifactsTest {

    static Map<String, Object> period(String project, String artifact, String name, String expression, String date,
                                      String changeKind, String closedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("artifact", artifact);
        if (name != null) {
            body.put("artifactName", name);
        }
        if (closedOn != null) {
            body.put("artifactClosedOn", closedOn);
        }
        body.put("expression", expression);
        body.put("date", date);
        body.put("changeKind", changeKind);
        body.put("source", source());
        return body;
    }

    private static String family(String m1ClosedOn) {
        Dataset d = Dataset.project("corporate");
        admin().body(period(d.slug, "weights", "m-1", "CC-BY-NC-4.0", "2022-01-10", "initial", m1ClosedOn))
                .post("/api/v1/license-periods").then().statusCode(201)
                .body("artifactName", equalTo("m-1")).body("artifactClosedOn", equalTo(m1ClosedOn));
        admin().body(period(d.slug, "weights", "m-2", "Apache-2.0", "2023-03-01", "new-release", null))
                .post("/api/v1/license-periods").then().statusCode(201);
        admin().body(period(d.slug, "weights", "m-3", "MIT", "2024-06-01", "new-release", null))
                .post("/api/v1/license-periods").then().statusCode(201);
        admin().body(period(d.slug, "weights", "m-4", "CC-BY-NC-4.0", "2025-01-15", "new-release", null))
                .post("/api/v1/license-periods").then().statusCode(201);
        admin().body(period(d.slug, "code", null, "Apache-2.0", "2022-01-10", "initial", null))
                .post("/api/v1/license-periods").then().statusCode(201).body("artifactName", equalTo(null));
        return d.slug;
    }

    private static List<Object> reading(String slug, String at, String methodology) {
        JsonPath r = indicators(slug, Map.of("at", at, "window", "P12M", "methodology", methodology));
        Map<String, Object> level = indicator(r, "license_restrictiveness");
        return List.of(level.get("value"), level.get("n"));
    }

    @Test
    void aFamilyIsReadOverItsCurrentArtifacts() {
        String slug = family(null);
        assertEquals(List.of(6, 2), reading(slug, "2022-06-30", "2"));
        assertEquals(List.of(6, 3), reading(slug, "2023-06-30", "2"));
        assertEquals(List.of(1, 2), reading(slug, "2024-03-31", "2"));
        assertEquals(List.of(1, 3), reading(slug, "2024-12-31", "2"));
        assertEquals(List.of(6, 3), reading(slug, "2025-06-30", "2"));

        JsonPath older = indicators(slug, Map.of("at", "2023-06-30", "window", "P12M"));
        assertEquals(1.0, ((Number) value(older, "license_capture")).doubleValue());
        JsonPath between = indicators(slug, Map.of("at", "2024-03-31", "window", "P12M"));
        assertEquals(0.0, ((Number) value(between, "license_capture")).doubleValue());
        JsonPath newer = indicators(slug, Map.of("at", "2025-06-30", "window", "P12M"));
        assertEquals(1.0, ((Number) value(newer, "license_capture")).doubleValue());
        assertEquals(1, ((Number) value(newer, "restrictive_new_releases")).intValue());
        assertEquals(0, ((Number) value(newer, "restrictive_relicenses")).intValue());
        // A new release is no relicense: the restrictive license in force came with a release, not a change of terms.
        assertEquals(false, value(newer, "restrictive_license_in_force"));

        // The assessment's evidence lists the periods of the current artifacts only: m-2 and the code in March 2024.
        List<Object> evidence = anonymous().queryParam("at", "2024-03-31").get("/api/v1/projects/" + slug + "/assessment")
                .then().statusCode(200).extract().jsonPath().getList("evidence.findAll { it.signal == 'license_capture' }.value");
        assertEquals(List.of("Apache-2.0", "Apache-2.0"), evidence);

        // Version 1 keeps its reading by kind: the latest weights period (m-2, Apache-2.0) hides m-1.
        assertEquals(List.of(1, 2), reading(slug, "2023-06-30", "1"));
    }

    @Test
    void aCuratedCloseEndsAnArtifactEarlier() {
        String slug = family("2022-12-31");
        assertEquals(List.of(6, 2), reading(slug, "2022-06-30", "2"));
        // m-1 closed on 2022-12-31: from 2023 on only m-2 and the code count.
        assertEquals(List.of(1, 2), reading(slug, "2023-06-30", "2"));
    }

    @Test
    void changesOfAFamilyNameTheirArtifactsAndCompareANewReleaseWithTheMemberBefore() {
        String slug = family(null);
        List<Map<String, Object>> changes = anonymous().queryParam("project", slug).get("/api/v1/license-changes")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(List.of(
                List.of("m-2", "CC-BY-NC-4.0", "Apache-2.0", "liberalising"),
                List.of("m-3", "Apache-2.0", "MIT", "none"),
                List.of("m-4", "MIT", "CC-BY-NC-4.0", "restrictive")),
                changes.stream().map(c -> List.of(c.get("artifactName"), c.get("fromExpression"), c.get("toExpression"),
                        c.get("direction"))).toList());
        anonymous().queryParam("project", slug).queryParam("artifactName", "m-3").get("/api/v1/license-periods")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].expression", equalTo("MIT"));
    }

    @Test
    void aBadArtifactNameIsA400NamingTheField() {
        Dataset d = Dataset.project("corporate");
        admin().body(period(d.slug, "weights", "Falcon 180B", "MIT", "2024-01-01", "initial", null))
                .post("/api/v1/license-periods").then().statusCode(400).body("errors[0].field", equalTo("artifactName"));
        admin().body(period(d.slug, "weights", "falcon-180b", "MIT", "2024-01-01", "initial", "31/12/2024"))
                .post("/api/v1/license-periods").then().statusCode(400).body("errors[0].field", equalTo("artifactClosedOn"));
    }
}

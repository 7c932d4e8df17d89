package io.counterpower.query;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A figure is published, a fact behind it is corrected: the figure changes, the published query
 * ({@code reproduce}, with asRecordedOn) still gives the old figure, and the errata feed lists the
 * correction with its reason and the figures it touches.
 */
@QuarkusTest
class ErrataTest {

    @Test
    void aCorrectedFactLeavesThePublishedFigureReproducibleAndIsListed() throws Exception {
        Scenario s = Scenario.corporate("model", null);
        JsonPath published = anonymous().queryParams(Map.of("names", "top_org_share", "from",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(1).toString()))
                .get("/api/v1/projects/" + s.slug + "/indicators/series").then().statusCode(200).extract().jsonPath();
        double before = published.getDouble("indicators[0].points[-1].value");
        assertEquals(0.75, before, 1e-9);
        Moments.passed(java.time.Instant.now());   // the correction is recorded after the instant the figure was read

        // The second person did not work for the company: they were independent.
        admin().body(Map.of("contributor", s.people[1], "independent", true, "source", source(),
                        "reason", "Was an independent consultant, not an employee (their own statement)"))
                .put("/api/v1/affiliations/" + s.affiliations[1]).then().log().ifValidationFails().statusCode(200);

        JsonPath now = anonymous().queryParams(Map.of("names", "top_org_share", "from",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(1).toString()))
                .get("/api/v1/projects/" + s.slug + "/indicators/series").then().statusCode(200).extract().jsonPath();
        assertEquals(0.5, now.getDouble("indicators[0].points[-1].value"), 1e-9);   // 4 of 8

        URI reproduce = URI.create(published.getString("reproduce"));
        JsonPath again = anonymous().urlEncodingEnabled(false).get(reproduce.getRawPath() + "?" + reproduce.getRawQuery()).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertEquals(before, again.getDouble("indicators[0].points[-1].value"), 1e-12);
        assertEquals(published.getList("points"), again.getList("points"));

        JsonPath changes = anonymous().queryParams(Map.of("project", s.slug, "kind", "affiliation")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, changes.getInt("totalItems"));
        assertEquals("update", changes.getString("items[0].action"));
        assertEquals("affiliation", changes.getString("items[0].kind"));
        assertEquals(String.valueOf(s.affiliations[1]), changes.getString("items[0].factId"));
        assertEquals("Was an independent consultant, not an employee (their own statement)", changes.getString("items[0].reason"));
        assertEquals(s.company, changes.getString("items[0].before.organisation"));
        assertNull(changes.get("items[0].after.organisation"));
        assertTrue(changes.getList("items[0].changedFields").contains("organisation"));
        assertEquals("global", changes.getString("items[0].affects.scope"));
        assertEquals(java.util.List.of(s.slug), changes.getList("items[0].affects.projects"));
        assertTrue(changes.getList("items[0].affects.indicators").contains("top_org_share"));
        assertTrue(changes.getList("items[0].affects.indicators").contains("capture_risk"));
    }

    @Test
    void theFeedIsPublicPagedAndFiltered() {
        Scenario s = Scenario.corporate("model", null);
        admin().queryParam("reason", "Recorded twice by mistake").delete("/api/v1/affiliations/" + s.affiliations[2])
                .then().statusCode(204);
        JsonPath closed = anonymous().queryParams(Map.of("kind", "affiliation", "size", "1")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, closed.getList("items").size());
        assertEquals("close", closed.getString("items[0].action"));
        assertEquals("Recorded twice by mistake", closed.getString("items[0].reason"));
        assertNull(closed.get("items[0].after"));
        anonymous().queryParams(Map.of("since", "2999-01-01")).get("/api/v1/changes").then().statusCode(200)
                .body("totalItems", equalTo(0));
        // Creations are not corrections: a new project's feed holds only the switch of the default methodology.
        anonymous().queryParams(Map.of("project", Scenario.corporate("model", null).slug)).get("/api/v1/changes")
                .then().statusCode(200).body("items.kind", org.hamcrest.Matchers.everyItem(equalTo("methodology")));
        invalid().queryParams(Map.of("kind", "api-key", "since", "yesterday")).get("/api/v1/changes").then().statusCode(400)
                .body("errors.field", hasItem("kind")).body("errors.field", hasItem("since"));
        assertNotEquals(0, closed.getInt("totalItems"));
    }
}

package io.counterpower.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.organisationBody;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The errata feed links each correction to the projects whose figures it can change (METHODOLOGY.md
 * section 8), through organisations and their parents, and announces the switch of the default
 * methodology. Hand-built fixtures: one organisation whose new domain attributes the work of an
 * address in one project only; one company with a parent whose period is corrected.
 */
@QuarkusTest
class ErrataAffectsTest {

    @Test
    void anOrganisationsNewDomainAffectsTheProjectsWhoseWorkItAttributes() {
        String domain = unique("dom") + ".example";
        String org = unique("org");
        admin().body(organisationBody(org, "company", List.of(org + ".example"))).post("/api/v1/organisations").then().statusCode(201);
        Scenario worked = Scenario.corporate("library", null);     // an address at the new domain committed here
        Scenario untouched = Scenario.corporate("library", null);  // and never here
        long person = contributor("someone@" + domain);
        worked.contribute(person, LocalDate.now(ZoneOffset.UTC).minusMonths(1).toString(), 3);

        Map<String, Object> body = organisationBody(org, "company", List.of(org + ".example", domain));
        body.put("reason", "The company also mails from " + domain + " (its own contact page)");
        admin().body(body).put("/api/v1/organisations/" + org).then().log().ifValidationFails().statusCode(200);

        JsonPath feed = anonymous().queryParams(Map.of("project", worked.slug, "kind", "organisation")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, feed.getInt("totalItems"));
        assertEquals(org, feed.getString("items[0].factId"));
        assertEquals(List.of(worked.slug), feed.getList("items[0].affects.projects"));
        assertEquals(List.of("domains"), feed.getList("items[0].changedFields"));
        assertEquals(0, anonymous().queryParams(Map.of("project", untouched.slug, "kind", "organisation")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath().getInt("totalItems"));
    }

    @Test
    void aParentCorrectionAffectsTheSubsidiarysProjectsAndAParentsCorrectionToo() {
        Scenario s = Scenario.corporate("model", null);
        Scenario elsewhere = Scenario.corporate("model", null);
        String parent = unique("org");
        admin().body(organisationBody(parent, "company", List.of(parent + ".example"))).post("/api/v1/organisations").then().statusCode(201);
        long period = admin().body(Map.of("parent", parent, "from", "2020-01-01", "source", source()))
                .post("/api/v1/organisations/" + s.company + "/parents").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(Map.of("parent", parent, "from", "2021-06-01", "source", source(),
                        "reason", "The acquisition closed in June 2021 (the parent's filing)"))
                .put("/api/v1/organisations/" + s.company + "/parents/" + period).then().log().ifValidationFails().statusCode(200);

        JsonPath feed = anonymous().queryParams(Map.of("project", s.slug, "kind", "organisation-parent")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, feed.getInt("totalItems"));
        assertEquals(String.valueOf(period), feed.getString("items[0].factId"));
        // The company is the steward and does 6 of the 8 commits of s; elsewhere's companies are others.
        assertEquals(List.of(s.slug), feed.getList("items[0].affects.projects"));
        assertEquals("global", feed.getString("items[0].affects.scope"));

        // A correction of the parent itself reaches its subsidiary's project too.
        Map<String, Object> renamed = organisationBody(parent, "company", List.of(parent + ".example"));
        renamed.put("type", "nonprofit");
        renamed.put("reason", "A nonprofit holding, per its registration");
        admin().body(renamed).put("/api/v1/organisations/" + parent).then().statusCode(200);
        JsonPath byParent = anonymous().queryParams(Map.of("project", s.slug, "kind", "organisation")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, byParent.getInt("totalItems"));
        assertEquals(parent, byParent.getString("items[0].factId"));
        assertEquals(List.of(s.slug), byParent.getList("items[0].affects.projects"));
        assertEquals(0, anonymous().queryParams(Map.of("project", elsewhere.slug, "kind", "organisation-parent"))
                .get("/api/v1/changes").then().statusCode(200).extract().jsonPath().getInt("totalItems"));
    }

    @Test
    void aLicensePeriodsCorrectionAffectsItsProject() {
        Scenario s = Scenario.corporate("library", null);
        Map<String, Object> period = new HashMap<>();
        period.put("project", s.slug);
        period.put("expression", "Apache-2.0");
        period.put("date", "2020-01-01");
        period.put("artifact", "code");
        period.put("changeKind", "initial");
        period.put("source", source());
        long id = admin().body(period).post("/api/v1/license-periods").then().log().ifValidationFails()
                .statusCode(201).extract().jsonPath().getLong("id");
        period.put("expression", "BUSL-1.1");
        period.put("reason", "The license file at the first commit is the BUSL");
        admin().body(period).put("/api/v1/license-periods/" + id).then().log().ifValidationFails()
                .statusCode(200);
        JsonPath feed = anonymous().queryParams(Map.of("project", s.slug, "kind", "license-period")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, feed.getInt("totalItems"));
        assertEquals(List.of(s.slug), feed.getList("items[0].affects.projects"));
        assertEquals("project", feed.getString("items[0].affects.scope"));
        // Section 7 reads license periods too: whether the code can be forked (BUSL's change date) and the
        // compost heap's afterlife, so a license correction names them beside the license figures.
        List<String> indicators = feed.getList("items[0].affects.indicators");
        assertTrue(indicators.contains("license_restrictiveness"), indicators.toString());
        assertTrue(indicators.containsAll(List.of("forkable", "walkaway_resilience", "afterlife_derivatives")), indicators.toString());
    }

    @Test
    void theSwitchToVersion2IsAnnouncedOnItsPublishedDateForEveryProject() throws Exception {
        JsonNode v2;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("methodology/v2.json")) {
            v2 = new ObjectMapper().readTree(in);
        }
        JsonPath feed = anonymous().queryParams(Map.of("kind", "methodology")).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, feed.getInt("totalItems"));
        assertEquals(v2.path("published").asText() + "T00:00:00Z", feed.getString("items[0].at"));
        assertEquals("update", feed.getString("items[0].action"));
        assertEquals(1, feed.getInt("items[0].before.defaultVersion"));
        assertEquals(2, feed.getInt("items[0].after.defaultVersion"));
        assertTrue(feed.getList("items[0].changedFields").contains("defaultVersion"));
        assertTrue(feed.getString("items[0].reason").contains("methodology=1 keep answering"));
        assertEquals(List.of(), feed.getList("items[0].affects.projects"));
        assertTrue(feed.getList("items[0].affects.indicators").contains("capture_risk"));
        assertTrue(feed.getList("items[0].affects.indicators").contains("top_org_share"));
        // It concerns every project: a project's feed lists it too, and it is no correction of a fact (no data version moved).
        Scenario s = Scenario.corporate("library", null);
        JsonPath mine = anonymous().queryParams(Map.of("project", s.slug)).get("/api/v1/changes").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("methodology"), mine.getList("items.kind"));
        long auditVersionRows = QuarkusTransaction.requiringNew().call(() -> ((Number) Scenario.em().createNativeQuery(
                "select count(*) from audit_log where entity_type = 'methodology'").getSingleResult()).longValue());
        assertEquals(1, auditVersionRows);
        assertFalse(feed.getString("items[0].reason").isBlank());
    }
}

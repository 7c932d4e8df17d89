package io.counterpower.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, attacks 5 and 6: a steward key rewrites or erases sourced evidence about itself, with
 * no reason, and writes facts dated before it stewarded the project. A steward edits and closes only
 * the self-reported facts its own key recorded; anything else opens a dispute that only a curator
 * decides; every edit and close needs a reason, shown in /changes; a steward writes only facts dated
 * within its current stewardship.
 */
@QuarkusTest
class HostileStewardFactsTest {

    private static Map<String, Object> event(String project, String date, String note, Map<String, Object> source) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("kind", "foundation-transfer");
        body.put("date", date);
        body.put("note", note);
        body.put("source", source);
        return body;
    }

    private static Map<String, Object> withReason(Map<String, Object> body, String reason) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("reason", reason);
        return copy;
    }

    @Test
    void aStewardCannotEraseOrRewriteACuratorsFactItOpensADisputeThatOnlyACuratorDecides() {
        String meta = organisation("company");
        String pytorch = project(meta);
        String steward = key("steward:" + meta);
        Map<String, Object> transfer = event(pytorch, "2022-09-12", "Moved to a foundation", source());
        long id = admin().body(transfer).post("/api/v1/governance-events").then().statusCode(201).extract().jsonPath().getLong("id");

        // No reason: 400 naming reason, for the steward as for the admin.
        invalid().header("Authorization", "Bearer " + steward).delete("/api/v1/governance-events/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType("application/json")
                .body(event(pytorch, "2022-09-12", "x", source())).put("/api/v1/governance-events/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));

        // Delete and rewrite with a reason: 202, a dispute; the event is unchanged.
        JsonPath close = as(steward).queryParam("reason", "never happened").delete("/api/v1/governance-events/" + id)
                .then().statusCode(202).body("action", equalTo("close")).body("state", equalTo("open"))
                .body("kind", equalTo("governance-event")).body("fact", equalTo((int) id)).extract().jsonPath();
        long closeDispute = close.getLong("id");
        as(steward).queryParam("reason", "never happened").delete("/api/v1/governance-events/" + id)
                .then().statusCode(202).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/disputes/" + (closeDispute + 1)));
        long editDispute = as(steward).body(withReason(event(pytorch, "2022-09-12", "Board is fully independent", source()), "clarify"))
                .put("/api/v1/governance-events/" + id).then().statusCode(202).body("action", equalTo("edit"))
                .body("proposal.note", equalTo("Board is fully independent")).extract().jsonPath().getLong("id");
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(200).body("note", equalTo("Moved to a foundation"));
        anonymous().queryParam("state", "open").queryParam("kind", "governance-event").queryParam("fact", String.valueOf(id))
                .get("/api/v1/disputes").then().statusCode(200).body("totalItems", equalTo(3));

        // The steward cannot decide its own dispute; a decision needs a reason.
        as(steward).body(Map.of("reason", "we say so")).post("/api/v1/disputes/" + editDispute + "/accept").then().statusCode(403);
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType("application/json")
                .body(Map.of()).post("/api/v1/disputes/" + editDispute + "/reject").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));

        // Rejected: nothing changes. Accepted: the curator's change, with the curator's reason in /changes.
        admin().body(Map.of("reason", "the charter says otherwise")).post("/api/v1/disputes/" + editDispute + "/reject")
                .then().statusCode(200).body("state", equalTo("rejected")).body("resolutionReason", equalTo("the charter says otherwise"));
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(200).body("note", equalTo("Moved to a foundation"));
        admin().body(Map.of("reason", "duplicate of another event")).post("/api/v1/disputes/" + closeDispute + "/accept")
                .then().statusCode(200).body("state", equalTo("accepted"));
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(404);
        admin().body(Map.of("reason", "again")).post("/api/v1/disputes/" + closeDispute + "/accept").then().statusCode(409);
        anonymous().queryParam("kind", "governance-event").queryParam("size", "100").get("/api/v1/changes").then().statusCode(200)
                .body("items.findAll { it.factId == '" + id + "' }.reason",
                        hasItem("dispute " + closeDispute + " accepted: duplicate of another event"));
    }

    @Test
    void aStewardEditsAndClosesOnlyTheSelfReportedFactsItsOwnKeyRecorded() {
        String org = organisation("foundation");
        String slug = project(org);
        String steward = key("steward:" + org);
        String otherKeyOfTheSameOrganisation = key("steward:" + org);
        long own = as(steward).body(event(slug, "2023-02-01", "We joined the LF", source()))
                .post("/api/v1/governance-events").then().statusCode(201).body("source.kind", equalTo("self-reported"))
                .extract().jsonPath().getLong("id");
        as(steward).body(withReason(event(slug, "2023-02-01", "We joined the Linux Foundation", source()), "full name"))
                .put("/api/v1/governance-events/" + own).then().statusCode(200).body("note", equalTo("We joined the Linux Foundation"));
        // Another key's self-reported fact is not its own, even for the same organisation.
        as(otherKeyOfTheSameOrganisation).queryParam("reason", "mine now").delete("/api/v1/governance-events/" + own)
                .then().statusCode(202);
        as(steward).queryParam("reason", "no longer true").delete("/api/v1/governance-events/" + own).then().statusCode(204);
        anonymous().get("/api/v1/governance-events/" + own).then().statusCode(404);
        // A license period imported by a curator: the steward's close is a dispute, the period stays.
        Map<String, Object> period = new HashMap<>();
        period.put("project", slug);
        period.put("artifact", "code");
        period.put("changeKind", "initial");
        period.put("expression", "Apache-2.0");
        period.put("date", "2023-01-01");
        period.put("source", Map.of("kind", "import", "url", "https://example.org/l", "quote", "The sentence.", "confidence", "verified"));
        long license = admin().body(period).post("/api/v1/license-periods").then().statusCode(201).extract().jsonPath().getLong("id");
        as(steward).queryParam("reason", "restrictive is wrong").delete("/api/v1/license-periods/" + license).then().statusCode(202)
                .body("kind", equalTo("license-period"));
        anonymous().get("/api/v1/license-periods/" + license).then().statusCode(200);
    }

    @Test
    void aStewardWritesOnlyFactsDatedWithinItsCurrentStewardship() {
        String meta = organisation("company");
        String foundation = organisation("foundation");
        String slug = project(null);
        admin().body(Map.of("organisation", meta, "from", "2016-01-01", "to", "2022-09-11", "source", source()))
                .post("/api/v1/projects/" + slug + "/stewards").then().statusCode(201);
        admin().body(Map.of("organisation", foundation, "from", "2022-09-12", "source", source()))
                .post("/api/v1/projects/" + slug + "/stewards").then().statusCode(201);
        String metaKey = key("steward:" + meta);
        String foundationKey = key("steward:" + foundation);
        // Meta stewarded the project in 2021 but does not today: 403.
        as(metaKey).body(event(slug, "2021-06-01", "Meta's event", source())).post("/api/v1/governance-events").then().statusCode(403);
        // The foundation stewards it today, but not in 2021: 403; in 2023: 201.
        as(foundationKey).body(event(slug, "2021-06-01", "Before our time", source())).post("/api/v1/governance-events")
                .then().statusCode(403);
        as(foundationKey).body(event(slug, "2023-06-01", "Our time", source())).post("/api/v1/governance-events")
                .then().statusCode(201);
        Map<String, Object> funding = new HashMap<>();
        funding.put("recipientProject", slug);
        funding.put("funder", organisation("company"));
        funding.put("type", "grant");
        funding.put("date", "2021-03-01");
        funding.put("source", source());
        assertEquals(403, as(foundationKey).body(funding).post("/api/v1/funding-events").then().extract().statusCode());
    }

    /** The issue's own attacks, against the reference dataset: Meta on PyTorch (2021) and on Llama's relicense. */
    @Test
    void metasKeyCanNeitherWriteAboutPyTorchsPastNorEraseLlamasRelicense() {
        String meta = key("steward:meta");
        as(meta).body(event("pytorch", "2021-06-01", "Meta's governance, as Meta tells it", source()))
                .post("/api/v1/governance-events").then().statusCode(403);
        JsonPath periods = anonymous().queryParam("project", "llama").queryParam("sourceKind", "reference-dataset")
                .queryParam("size", "100").get("/api/v1/license-periods").then().statusCode(200).extract().jsonPath();
        assertTrue(periods.getList("items").size() > 0, "the reference dataset records Llama's license periods");
        long period = periods.getLong("items[0].id");
        as(meta).queryParam("reason", "we prefer not to show it").delete("/api/v1/license-periods/" + period).then().statusCode(202)
                .body("kind", equalTo("license-period")).body("state", equalTo("open"));
        anonymous().get("/api/v1/license-periods/" + period).then().statusCode(200);
    }

    @Test
    void everyCloseAndEditByAnyKeyNeedsAReasonThatShowsInChanges() {
        String org = organisation("company");
        String slug = project(org);
        long id = admin().body(event(slug, "2022-01-01", "a", source())).post("/api/v1/governance-events")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).queryParam("reason", " ")
                .delete("/api/v1/governance-events/" + id).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).delete("/api/v1/projects/" + slug)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        Map<String, Object> renamed = io.counterpower.support.Fixtures.organisationBody(org, "company", List.of(org + ".example"));
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType("application/json")
                .body(renamed).put("/api/v1/organisations/" + org).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        admin().body(withReason(event(slug, "2022-01-02", "a", source()), "the date was off by one")).put("/api/v1/governance-events/" + id)
                .then().statusCode(200);
        admin().queryParam("reason", "recorded twice").delete("/api/v1/governance-events/" + id).then().statusCode(204);
        List<String> reasons = anonymous().queryParam("project", slug).get("/api/v1/changes").then().statusCode(200)
                .body("items.find { it.action == 'close' }.reason", equalTo("recorded twice"))
                .extract().jsonPath().getList("items.reason");
        assertTrue(reasons.contains("the date was off by one"), reasons.toString());
        assertTrue(reasons.stream().allMatch(r -> r != null), "no change without a reason: " + reasons);
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(404).body("reason", nullValue());
    }
}

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
                        hasItem("dispute " + closeDispute + " accepted: duplicate of another event (steward's reason: never happened)"));
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

    /**
     * An import row that updates a recorded fact is an edit: it needs the row's reason or the
     * request's ({@code ?reason=}), else the whole import is refused and nothing is written; the
     * reason is kept on the new version and shown in /changes.
     */
    @Test
    void anImportThatUpdatesARecordedFactNeedsAReason() {
        String slug = project(organisation("company"));
        long id = admin().body(event(slug, "2022-03-01", "before", source())).post("/api/v1/governance-events")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> rows = List.of(event(slug, "2022-03-01", "after", source()),
                event(slug, "2022-04-01", "a new one", source()));
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType("application/json")
                .body(rows).post("/api/v1/governance-events/import").then().statusCode(400)
                .body("errors[0].field", equalTo("line 1: reason"));
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(200).body("note", equalTo("before"));
        assertEquals(1, anonymous().queryParam("project", slug).get("/api/v1/governance-events").then().extract()
                .jsonPath().getInt("totalItems"));

        admin().queryParam("reason", "the board minutes of March").body(rows).post("/api/v1/governance-events/import")
                .then().statusCode(200).body("updated", equalTo(1)).body("created", equalTo(1));
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(200).body("note", equalTo("after"))
                .body("version.reason", equalTo("the board minutes of March"));
        anonymous().queryParam("project", slug).queryParam("kind", "governance-event").get("/api/v1/changes").then().statusCode(200)
                .body("items.find { it.action == 'update' }.reason", equalTo("the board minutes of March"));
    }

    /** A steward's import row that would replace a fact its key did not record opens a dispute, and writes nothing. */
    @Test
    void aStewardsImportRowReplacingAnotherSourcesFactOpensADispute() {
        String org = organisation("company");
        String slug = project(org);
        String steward = key("steward:" + org);
        long id = admin().body(event(slug, "2023-03-01", "as the curator read it", source())).post("/api/v1/governance-events")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> rows = List.of(event(slug, "2023-03-01", "as we tell it", source()));
        as(steward).queryParam("reason", "our version").body(rows).post("/api/v1/governance-events/import").then().statusCode(200)
                .body("disputed", equalTo(1)).body("updated", equalTo(0)).body("rows[0].outcome", equalTo("disputed"))
                .body("rows[0].id", equalTo((int) id));
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(200).body("note", equalTo("as the curator read it"));
        anonymous().queryParam("kind", "governance-event").queryParam("fact", String.valueOf(id)).get("/api/v1/disputes")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].action", equalTo("edit"))
                .body("items[0].proposal.note", equalTo("as we tell it")).body("items[0].reason", equalTo("our version"));
    }

    /**
     * Organisations, their parent periods, projects and their repositories are written outside the
     * common fact store: a steward's edit or close of one it did not self-report opens a dispute
     * there too (it answered 403 before), nothing is written until a curator decides, and an
     * accepted dispute applies the steward's proposal with the curator's reason in /changes.
     */
    @Test
    void aStewardsEditOrCloseOfAnOrganisationOrProjectItDidNotSelfReportIsADispute() {
        String org = organisation("company");
        String parentOrg = organisation("company");
        String slug = project(org);
        String steward = key("steward:" + org);
        long parent = admin().body(Map.of("parent", parentOrg, "from", "2019-01-01", "source", source()))
                .post("/api/v1/organisations/" + org + "/parents").then().statusCode(201).extract().jsonPath().getLong("id");
        long repository = admin().body(Map.of("url", "https://example.org/" + slug + ".git", "source", source()))
                .post("/api/v1/projects/" + slug + "/repositories").then().statusCode(201).extract().jsonPath().getLong("id");
        String orgName = anonymous().get("/api/v1/organisations/" + org).then().extract().jsonPath().getString("name");
        String projectName = anonymous().get("/api/v1/projects/" + slug).then().extract().jsonPath().getString("name");

        // Every attack without a reason: 400 naming it, and nothing opened.
        invalid().header("Authorization", "Bearer " + steward).delete("/api/v1/organisations/" + org)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        invalid().header("Authorization", "Bearer " + steward).delete("/api/v1/projects/" + slug + "/repositories/" + repository)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));

        Map<String, Object> renamed = io.counterpower.support.Fixtures.organisationBody(org, "company", List.of(org + ".example"));
        renamed.put("name", "Fully Independent Org");
        JsonPath orgEditDispute = as(steward).body(withReason(renamed, "our new name")).put("/api/v1/organisations/" + org)
                .then().statusCode(202).body("kind", equalTo("organisation")).body("action", equalTo("edit"))
                .body("proposal.name", equalTo("Fully Independent Org")).extract().jsonPath();
        long orgEdit = orgEditDispute.getLong("id");
        long orgClose = as(steward).queryParam("reason", "we were never here").delete("/api/v1/organisations/" + org)
                .then().statusCode(202).body("kind", equalTo("organisation")).body("action", equalTo("close"))
                .extract().jsonPath().getLong("id");
        long parentClose = as(steward).queryParam("reason", "not our parent").delete("/api/v1/organisations/" + org + "/parents/" + parent)
                .then().statusCode(202).body("kind", equalTo("organisation-parent")).body("fact", equalTo((int) parent))
                .extract().jsonPath().getLong("id");
        as(steward).body(Map.of("parent", parentOrg, "from", "2021-01-01", "source", source(), "reason", "later"))
                .put("/api/v1/organisations/" + org + "/parents/" + parent).then().statusCode(202).body("action", equalTo("edit"));
        Map<String, Object> project = io.counterpower.support.Fixtures.projectBody(slug);
        project.put("name", "Community-led " + slug);
        long projectEdit = as(steward).body(withReason(project, "we hand it over")).put("/api/v1/projects/" + slug)
                .then().statusCode(202).body("kind", equalTo("project")).extract().jsonPath().getLong("id");
        as(steward).queryParam("reason", "gone").delete("/api/v1/projects/" + slug).then().statusCode(202).body("kind", equalTo("project"));
        long repositoryClose = as(steward).queryParam("reason", "not ours").delete("/api/v1/projects/" + slug + "/repositories/" + repository)
                .then().statusCode(202).body("kind", equalTo("project-repository")).extract().jsonPath().getLong("id");
        as(steward).body(Map.of("url", "https://example.org/elsewhere.git", "source", source(), "reason", "moved"))
                .put("/api/v1/projects/" + slug + "/repositories/" + repository).then().statusCode(202).body("action", equalTo("edit"));

        // Nothing was written: every fact reads as the curator recorded it, with no new version.
        anonymous().get("/api/v1/organisations/" + org).then().statusCode(200).body("name", equalTo(orgName))
                .body("source.kind", equalTo("manual"));
        assertEquals(1, anonymous().get("/api/v1/organisations/" + org + "/history").then().extract().jsonPath().getList("$").size());
        anonymous().get("/api/v1/organisations/" + org + "/parents").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].from", equalTo("2019-01-01"));
        anonymous().get("/api/v1/projects/" + slug).then().statusCode(200).body("name", equalTo(projectName));
        assertEquals(1, anonymous().get("/api/v1/projects/" + slug + "/history").then().extract().jsonPath().getList("$").size());
        anonymous().get("/api/v1/projects/" + slug + "/repositories").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].url", equalTo("https://example.org/" + slug + ".git"));

        // A steward of another organisation is refused outright, and opens nothing.
        String stranger = key("steward:" + organisation("company"));
        as(stranger).queryParam("reason", "hostile").delete("/api/v1/organisations/" + org).then().statusCode(403);
        as(stranger).queryParam("reason", "hostile").delete("/api/v1/projects/" + slug).then().statusCode(403);
        anonymous().queryParam("kind", "organisation").queryParam("fact", String.valueOf(orgEditDispute.getLong("fact")))
                .queryParam("state", "open").get("/api/v1/disputes").then().statusCode(200).body("totalItems", equalTo(2));

        // The steward cannot decide; the curator rejects one (nothing changes) and accepts others.
        as(steward).body(Map.of("reason", "we say so")).post("/api/v1/disputes/" + orgEdit + "/accept").then().statusCode(403);
        admin().body(Map.of("reason", "the organisation exists")).post("/api/v1/disputes/" + orgClose + "/reject")
                .then().statusCode(200).body("state", equalTo("rejected"));
        anonymous().get("/api/v1/organisations/" + org).then().statusCode(200);
        admin().body(Map.of("reason", "the register shows the rename")).post("/api/v1/disputes/" + orgEdit + "/accept")
                .then().statusCode(200).body("state", equalTo("accepted"));
        anonymous().get("/api/v1/organisations/" + org).then().statusCode(200).body("name", equalTo("Fully Independent Org"))
                .body("source.kind", equalTo("self-reported"));
        admin().body(Map.of("reason", "the parent sold it")).post("/api/v1/disputes/" + parentClose + "/accept")
                .then().statusCode(200);
        anonymous().get("/api/v1/organisations/" + org + "/parents").then().statusCode(200).body("size()", equalTo(0));
        admin().body(Map.of("reason", "renamed in the charter")).post("/api/v1/disputes/" + projectEdit + "/accept")
                .then().statusCode(200);
        anonymous().get("/api/v1/projects/" + slug).then().statusCode(200).body("name", equalTo("Community-led " + slug));
        admin().body(Map.of("reason", "archived upstream")).post("/api/v1/disputes/" + repositoryClose + "/accept")
                .then().statusCode(200);
        anonymous().get("/api/v1/projects/" + slug + "/repositories").then().statusCode(200).body("size()", equalTo(0));

        // Both decisions and the changes they made show in /changes with their reasons.
        List<String> reasons = new java.util.ArrayList<>();
        for (String kind : List.of("organisation", "organisation-parent", "project", "project-repository")) {
            reasons.addAll(anonymous().queryParam("kind", kind).queryParam("size", "200").get("/api/v1/changes").then().statusCode(200)
                    .extract().jsonPath().getList("items.reason"));
        }
        for (String expected : List.of("dispute " + orgEdit + " accepted: the register shows the rename (steward's reason: our new name)",
                "the organisation exists", "dispute " + parentClose + " accepted: the parent sold it (steward's reason: not our parent)",
                "dispute " + projectEdit + " accepted: renamed in the charter (steward's reason: we hand it over)",
                "dispute " + repositoryClose + " accepted: archived upstream (steward's reason: not ours)")) {
            assertTrue(reasons.contains(expected), expected + " in " + reasons);
        }
    }

    /**
     * previous=close ends a running period of the same tier: a steward key may end only a period its
     * own key recorded. Another key's running period (the same organisation's included) is not ended:
     * the new period waits as a claim against it, for a curator to decide.
     */
    @Test
    void aStewardCannotEndAnotherKeysRunningPeriodByRecordingALaterOne() {
        String org = organisation("company");
        String first = key("steward:" + org);
        String second = key("steward:" + org);
        long person = io.counterpower.support.Fixtures.contributor(io.counterpower.support.Api.unique("p") + "@" + org + ".example");
        long running = as(first).body(Map.of("contributor", person, "organisation", org, "from", "2020-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
        as(second).queryParam("previous", "close").body(Map.of("contributor", person, "organisation", org, "from", "2023-01-01",
                        "source", source(), "reason", "moved teams"))
                .post("/api/v1/affiliations").then().statusCode(202).body("action", equalTo("claim"))
                .body("conflictsWith", equalTo(List.of((int) running)));
        anonymous().get("/api/v1/affiliations/" + running).then().statusCode(200).body("to", nullValue())
                .body("disputed", equalTo(true));
        // Its own running period the first key ends itself.
        as(first).queryParam("previous", "close").body(Map.of("contributor", person, "organisation", org, "from", "2024-01-01",
                        "source", source(), "reason", "a new contract"))
                .post("/api/v1/affiliations").then().statusCode(201);
        anonymous().get("/api/v1/affiliations/" + running).then().statusCode(200).body("to", equalTo("2023-12-31"));
    }
}

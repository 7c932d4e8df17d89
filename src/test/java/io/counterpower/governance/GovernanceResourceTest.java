package io.counterpower.governance;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static io.counterpower.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class GovernanceResourceTest {

    static Map<String, Object> event(String project, String kind, String date, String from, String to) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("kind", kind);
        body.put("date", date);
        body.put("fromOrganisation", from);
        body.put("toOrganisation", to);
        body.put("source", source());
        return body;
    }

    @Test
    void eventsAreRecordedListedEditedAndClosedWithTheirHistory() {
        String steward = organisation("company");
        String foundation = organisation("foundation");
        String slug = project(steward);
        long id = admin().body(event(slug, "foundation-transfer", "2023-05", steward, foundation))
                .post("/api/v1/governance-events").then().statusCode(201)
                .body("date", equalTo("2023-05")).body("datePrecision", equalTo("month"))
                .body("fromOrganisation", equalTo(steward)).body("toOrganisation", equalTo(foundation))
                .extract().jsonPath().getLong("id");
        admin().body(event(slug, "cla-introduced", "2021", null, null)).post("/api/v1/governance-events").then().statusCode(201);

        anonymous().queryParam("project", slug).get("/api/v1/governance-events").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items[0].kind", equalTo("cla-introduced"));
        anonymous().queryParam("project", slug).queryParam("kind", "foundation-transfer").get("/api/v1/governance-events")
                .then().body("totalItems", equalTo(1));
        anonymous().queryParam("organisation", foundation).get("/api/v1/governance-events").then().body("items[0].id", equalTo((int) id));
        anonymous().queryParam("project", slug).queryParam("from", "2022-01-01").queryParam("to", "2023-12-31")
                .get("/api/v1/governance-events").then().body("totalItems", equalTo(1));

        Instant before = Moments.between();
        Map<String, Object> corrected = event(slug, "foundation-transfer", "2023-05-17", steward, foundation);
        corrected.put("reason", "the announcement gives the day");
        admin().body(corrected).put("/api/v1/governance-events/" + id).then().statusCode(200).body("date", equalTo("2023-05-17"));
        anonymous().queryParam("asRecordedOn", before.toString()).get("/api/v1/governance-events/" + id)
                .then().body("date", equalTo("2023-05"));
        anonymous().get("/api/v1/governance-events/" + id + "/history").then().body("$", hasSize(2));
        admin().queryParam("reason", "recorded in error").delete("/api/v1/governance-events/" + id).then().statusCode(204);
        anonymous().get("/api/v1/governance-events/" + id).then().statusCode(404);
    }

    @Test
    void badEventsAreRejectedAndNothingIsWritten() {
        String slug = project(null);
        invalidAsAdmin().contentType("application/json").body(event(slug, "acquisition", "2023-01-01", null, null))
                .post("/api/v1/governance-events").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        invalidAsAdmin().contentType("application/json").body(event(slug, "fork", "2999-01-01", null, null))
                .post("/api/v1/governance-events").then().statusCode(400).body("errors[0].field", equalTo("date"));
        invalidAsAdmin().contentType("application/json").body(event(slug, "fork", "23 May", null, null))
                .post("/api/v1/governance-events").then().statusCode(400).body("errors[0].field", equalTo("date"));
        invalidAsAdmin().contentType("application/json").body(event("no-such-project", "fork", "2020", null, "no-such-org"))
                .post("/api/v1/governance-events").then().statusCode(400)
                .body("errors.field", hasItem("project")).body("errors.field", hasItem("toOrganisation"));
        anonymous().queryParam("project", slug).get("/api/v1/governance-events").then().body("totalItems", equalTo(0));
    }

    @Test
    void aStewardRecordsEventsOfItsOwnProjectsOnly() {
        String org = organisation("foundation");
        String mine = project(org);
        String theirs = project(organisation("company"));
        String steward = key("steward:" + org);
        Map<String, Object> own = event(mine, "governance-doc-change", "2022-03-01", null, null);
        own.put("source", Map.of("url", "https://example.org/governance", "quote", "The sentence.", "confidence", "verified"));
        as(steward).body(own).post("/api/v1/governance-events").then().statusCode(201).body("source.kind", equalTo("self-reported"));
        as(steward).body(event(theirs, "governance-doc-change", "2022-03-01", null, null)).post("/api/v1/governance-events")
                .then().statusCode(403);
        invalid().contentType("application/json").body(event(mine, "fork", "2022", null, null)).post("/api/v1/governance-events")
                .then().statusCode(401);
    }

    @Test
    void seatsBelongToABodyAndAreHeldByAPersonOrAnOrganisation() {
        String org = organisation("company");
        String slug = project(org);
        long body = admin().body(Map.of("project", slug, "kind", "technical-committee", "name", "TSC", "source", source()))
                .post("/api/v1/governance-bodies").then().statusCode(201).extract().jsonPath().getLong("id");
        long person = contributor(unique("tsc") + "@example.org");
        admin().body(Map.of("body", body, "holderContributor", person, "role", "chair", "from", "2022-01-01", "source", source()))
                .post("/api/v1/governance-seats").then().statusCode(201).body("project", equalTo(slug))
                .body("bodyKind", equalTo("technical-committee")).body("holderOrganisation", nullValue());
        admin().body(Map.of("body", body, "holderOrganisation", org, "from", "2022-01-01", "to", "2023-12-31", "source", source()))
                .post("/api/v1/governance-seats").then().statusCode(201).body("role", equalTo("member"));

        anonymous().queryParam("project", slug).get("/api/v1/governance-seats").then().body("totalItems", equalTo(2));
        anonymous().queryParam("project", slug).queryParam("at", "2024-06-01").get("/api/v1/governance-seats")
                .then().body("totalItems", equalTo(1)).body("items[0].role", equalTo("chair"));
        anonymous().queryParam("organisation", org).get("/api/v1/governance-seats").then().body("totalItems", equalTo(1));
        anonymous().queryParam("project", slug).get("/api/v1/governance-bodies").then().body("items[0].name", equalTo("TSC"));

        admin().body(Map.of("body", body, "holderContributor", person, "holderOrganisation", org, "source", source()))
                .post("/api/v1/governance-seats").then().statusCode(400).body("errors[0].field", equalTo("holderOrganisation"));
        admin().body(Map.of("body", 999_999_999, "holderOrganisation", org, "source", source()))
                .post("/api/v1/governance-seats").then().statusCode(400).body("errors[0].field", equalTo("body"));
        admin().body(Map.of("body", body, "holderOrganisation", org, "from", "2023-01-01", "to", "2022-01-01", "source", source()))
                .post("/api/v1/governance-seats").then().statusCode(400).body("errors[0].field", equalTo("to"));
        admin().body(Map.of("project", slug, "kind", "council", "name", "X", "source", source()))
                .post("/api/v1/governance-bodies").then().statusCode(400).body("errors[0].field", equalTo("kind"));
    }

    @Test
    void theReferenceDatasetsGovernanceEventsAreThere() {
        anonymous().queryParam("project", "pytorch").queryParam("kind", "foundation-transfer").get("/api/v1/governance-events")
                .then().body("items[0].date", equalTo("2022-09-12")).body("items[0].toOrganisation", equalTo("pytorch-foundation"))
                .body("items[0].source.kind", equalTo("reference-dataset")).body("items[0].source.url", not(nullValue()));
    }

    @Test
    void anExportImportsBackUnchangedAndABadRowWritesNothing() {
        String slug = project(null);
        admin().body(event(slug, "trademark", "2020", null, null)).post("/api/v1/governance-events").then().statusCode(201);
        admin().body(event(slug, "fork", "2021-02-03", null, null)).post("/api/v1/governance-events").then().statusCode(201);
        String csv = anonymous().queryParam("project", slug).queryParam("format", "csv").get("/api/v1/governance-events")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        admin().contentType("text/csv").body(csv).post("/api/v1/governance-events/import").then().statusCode(200)
                .body("total", equalTo(2)).body("unchanged", equalTo(2)).body("created", equalTo(0));

        String json = "[" + "{\"project\":\"" + slug + "\",\"kind\":\"cla-relicensing\",\"date\":\"2022\",\"source\":{\"url\":\"https://example.org/a\",\"quote\":\"The sentence.\",\"confidence\":\"verified\"}},"
                + "{\"project\":\"" + slug + "\",\"kind\":\"cla-relicensing\",\"date\":\"2999\",\"source\":{\"url\":\"https://example.org/a\",\"quote\":\"The sentence.\",\"confidence\":\"verified\"}}]";
        invalidAsAdmin().contentType("application/json").body(json).post("/api/v1/governance-events/import").then().statusCode(400)
                .body("errors[0].field", equalTo("line 2: date"));
        anonymous().queryParam("project", slug).get("/api/v1/governance-events").then().body("totalItems", equalTo(2));
        String good = json.replace("2999", "2023");
        admin().body(good).post("/api/v1/governance-events/import").then().statusCode(200).body("created", equalTo(2));
        admin().body(good).post("/api/v1/governance-events/import").then().statusCode(200).body("unchanged", equalTo(2));
    }
}

package io.counterpower.organisation;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.organisationBody;
import static io.counterpower.support.Fixtures.source;
import static io.counterpower.support.Fixtures.withReason;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class OrganisationResourceTest {

    @Test
    void createsReadsAndListsAnOrganisationWithItsSource() {
        String key = unique("acme");
        admin().body(organisationBody(key, "company", List.of("Acme.Example", "@mail.acme.example")))
                .post("/api/v1/organisations")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/organisations/" + key))
                .header("ETag", notNullValue())
                .body("key", equalTo(key))
                .body("type", equalTo("company"))
                .body("domains", contains("acme.example", "mail.acme.example"))
                .body("source.kind", equalTo("manual"))
                .body("source.url", equalTo("https://example.org/evidence"))
                .body("source.confidence", equalTo("verified"))
                .body("version.supersededAt", nullValue());

        anonymous().get("/api/v1/organisations/" + key).then().statusCode(200).body("name", equalTo("Org " + key));
        anonymous().queryParam("domain", "acme.example").get("/api/v1/organisations")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].key", equalTo(key));
        anonymous().queryParam("q", key.toUpperCase()).queryParam("type", "company").get("/api/v1/organisations")
                .then().statusCode(200).body("items.key", hasItem(key)).body("page", equalTo(0)).body("size", equalTo(50));
        anonymous().queryParam("type", "academic").queryParam("q", key).get("/api/v1/organisations")
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void anEditIsANewVersionAndTheOldOneStaysVisibleAsRecordedOnBefore() {
        String key = organisation("company");
        Instant beforeEdit = Moments.between();
        Map<String, Object> edit = organisationBody(key, "nonprofit", List.of(key + ".example"));
        edit.put("name", "Renamed " + key);
        edit.put("reason", "it is a nonprofit, says its annual report");
        admin().body(edit).put("/api/v1/organisations/" + key).then().statusCode(200)
                .body("type", equalTo("nonprofit")).body("version.reason", equalTo("it is a nonprofit, says its annual report"));

        anonymous().get("/api/v1/organisations/" + key).then().body("name", equalTo("Renamed " + key));
        anonymous().queryParam("asRecordedOn", beforeEdit.toString()).get("/api/v1/organisations/" + key)
                .then().statusCode(200).body("name", equalTo("Org " + key)).body("type", equalTo("company"))
                .body("version.supersededAt", notNullValue());
        anonymous().get("/api/v1/organisations/" + key + "/history").then().statusCode(200)
                .body("$", hasSize(2)).body("[0].type", equalTo("company")).body("[1].type", equalTo("nonprofit"));
        anonymous().queryParam("asRecordedOn", beforeEdit.toString()).queryParam("q", key).get("/api/v1/organisations")
                .then().body("items[0].type", equalTo("company"));
    }

    @Test
    void closingKeepsHistoryButTheOrganisationIsNoLongerCurrent() {
        String key = organisation("community");
        Instant whileRecorded = Moments.between();
        admin().queryParam("reason", "duplicate record").delete("/api/v1/organisations/" + key).then().statusCode(204);
        anonymous().get("/api/v1/organisations/" + key).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        anonymous().queryParam("asRecordedOn", whileRecorded.toString()).get("/api/v1/organisations/" + key)
                .then().statusCode(200).body("key", equalTo(key));
        // It can be recorded again under the same key.
        admin().body(organisationBody(key, "community", List.of())).post("/api/v1/organisations").then().statusCode(201);
    }

    @Test
    void duplicatesAndClaimedDomainsAreConflicts() {
        String key = organisation("company");
        admin().body(organisationBody(key, "company", List.of())).post("/api/v1/organisations")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("key"));
        admin().body(organisationBody(unique("other"), "company", List.of(key + ".example"))).post("/api/v1/organisations")
                .then().statusCode(409).body("detail", containsString(key));
    }

    @Test
    void invalidOrganisationsAreRejectedWithTheFieldsAtFault() {
        Map<String, Object> body = organisationBody("Not A Key", "company", List.of("not a domain"));
        body.remove("name");
        invalidAsAdmin().contentType("application/json").body(body).post("/api/v1/organisations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("key"))
                .body("errors.field", hasItem("name"));
        invalidAsAdmin().contentType("application/json").body(organisationBody(unique("x"), "corporation", List.of()))
                .post("/api/v1/organisations")
                .then().statusCode(400).body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("company"));
        invalidAsAdmin().contentType("application/json").body(organisationBody(unique("x"), "company", List.of("nodot")))
                .post("/api/v1/organisations")
                .then().statusCode(400).body("errors[0].field", equalTo("domains[0]"));
        Map<String, Object> noUrl = organisationBody(unique("x"), "company", List.of());
        noUrl.put("source", Map.of("confidence", "verified"));
        invalidAsAdmin().contentType("application/json").body(noUrl).post("/api/v1/organisations")
                .then().statusCode(400).body("errors[0].field", equalTo("source.url"));
    }

    /** Issue #20 part 7: a verified fact keeps the sentence of its source that states it, and a reader sees it. */
    @Test
    void aVerifiedFactNeedsItsQuoteAndShowsIt() {
        String key = unique("quoted");
        Map<String, Object> unquoted = organisationBody(key, "company", List.of());
        unquoted.put("source", Map.of("url", "https://example.org/about", "confidence", "verified"));
        invalidAsAdmin().contentType("application/json").body(unquoted).post("/api/v1/organisations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("source.quote"));
        io.counterpower.support.Api.invalid().get("/api/v1/organisations/" + key).then().statusCode(404);

        unquoted.put("source", Map.of("url", "https://example.org/about", "quote", "  ", "confidence", "verified"));
        invalidAsAdmin().contentType("application/json").body(unquoted).post("/api/v1/organisations")
                .then().statusCode(400).body("errors[0].field", equalTo("source.quote"));

        Map<String, Object> reported = organisationBody(key, "company", List.of());
        reported.put("source", Map.of("url", "https://example.org/about", "confidence", "reported"));
        admin().body(reported).post("/api/v1/organisations").then().statusCode(201)
                .body("source.quote", equalTo(null));

        Map<String, Object> quoted = organisationBody(key, "company", List.of());
        quoted.put("source", Map.of("url", "https://example.org/about", "quote", "Org is a company.", "confidence", "verified"));
        admin().body(withReason(quoted, "the sentence was read")).put("/api/v1/organisations/" + key).then().statusCode(200);
        anonymous().get("/api/v1/organisations/" + key).then().statusCode(200)
                .body("source.quote", equalTo("Org is a company.")).body("source.confidence", equalTo("verified"));
        anonymous().get("/api/v1/organisations?format=csv&size=1").then().statusCode(200)
                .body(containsString("source.quote"));
    }

    @Test
    void parentPeriodsRollUpWithoutOverlapsOrLoops() {
        String parent = organisation("company");
        String other = organisation("company");
        String child = organisation("company");
        long id = admin().body(Map.of("parent", parent, "from", "2019-07-09", "source", source()))
                .post("/api/v1/organisations/" + child + "/parents")
                .then().statusCode(201).body("parent", equalTo(parent)).body("from", equalTo("2019-07-09"))
                .extract().jsonPath().getLong("id");
        admin().body(Map.of("parent", other, "from", "2020-01-01", "source", source()))
                .post("/api/v1/organisations/" + child + "/parents")
                .then().statusCode(409).body("detail", containsString("one parent at a time"));
        admin().body(Map.of("parent", child, "source", source()))
                .post("/api/v1/organisations/" + parent + "/parents")
                .then().statusCode(400).body("errors[0].field", equalTo("parent"));
        admin().body(Map.of("parent", parent, "from", "2019-07-09", "to", "2018-01-01", "source", source(), "reason", "dates"))
                .put("/api/v1/organisations/" + child + "/parents/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        anonymous().get("/api/v1/organisations/" + child).then().body("parents", hasSize(1))
                .body("parents[0].parent", equalTo(parent));
        admin().queryParam("reason", "recorded in error").delete("/api/v1/organisations/" + child + "/parents/" + id).then().statusCode(204);
        anonymous().get("/api/v1/organisations/" + child + "/parents").then().body("$", hasSize(0));
    }

    @Test
    void aStaleIfMatchIsRefusedWith412() {
        String key = organisation("company");
        Response read = anonymous().get("/api/v1/organisations/" + key);
        String etag = read.header("ETag");
        admin().header("If-Match", etag).body(withReason(organisationBody(key, "company", List.of()), "no domain"))
                .put("/api/v1/organisations/" + key).then().statusCode(200);
        admin().header("If-Match", etag).body(withReason(organisationBody(key, "academic", List.of()), "academic"))
                .put("/api/v1/organisations/" + key)
                .then().statusCode(412).contentType("application/problem+json");
        anonymous().get("/api/v1/organisations/" + key).then().body("type", equalTo("company"));
    }

    @Test
    void aStewardsEditOfItsOrganisationIsADisputeUnlessItsOwnKeyReportedTheVersion() {
        // An imported record is another source's: a steward's edit of it opens a dispute (issue 17).
        String imported = unique("fdn");
        Map<String, Object> importedBody = organisationBody(imported, "foundation", List.of(imported + ".example"));
        importedBody.put("source", Map.of("kind", "import", "url", "https://example.org/import", "confidence", "reported"));
        admin().body(importedBody).post("/api/v1/organisations").then().statusCode(201);
        as(key("steward:" + imported)).body(withReason(organisationBody(imported, "foundation", List.of(imported + ".example")),
                "our annual report")).put("/api/v1/organisations/" + imported).then().statusCode(202)
                .body("kind", equalTo("organisation")).body("action", equalTo("edit"));
        anonymous().get("/api/v1/organisations/" + imported).then().body("source.kind", equalTo("import"));

        // A self-reported version recorded by another key (here the curator's) is not the steward's either.
        String mine = unique("fdn");
        Map<String, Object> reported = organisationBody(mine, "foundation", List.of(mine + ".example"));
        reported.put("source", Map.of("kind", "self-reported", "url", "https://example.org/about", "confidence", "reported"));
        admin().body(reported).post("/api/v1/organisations").then().statusCode(201);
        String theirs = organisation("foundation");
        String steward = key("steward:" + mine);
        Map<String, Object> edit = organisationBody(mine, "foundation", List.of(mine + ".example"));
        edit.put("note", "we host three projects");
        edit.put("reason", "our annual report");
        long dispute = as(steward).body(edit).put("/api/v1/organisations/" + mine).then().statusCode(202)
                .body("proposal.note", equalTo("we host three projects")).extract().jsonPath().getLong("id");
        // Accepted, the steward's edit is recorded as self-reported.
        admin().body(Map.of("reason", "the annual report says so")).post("/api/v1/disputes/" + dispute + "/accept")
                .then().statusCode(200);
        anonymous().get("/api/v1/organisations/" + mine).then().body("source.kind", equalTo("self-reported"))
                .body("note", equalTo("we host three projects"));
        // Another organisation, or a new one: refused outright.
        as(steward).body(withReason(organisationBody(theirs, "company", List.of()), "ours")).put("/api/v1/organisations/" + theirs)
                .then().statusCode(403).contentType("application/problem+json");
        as(steward).body(organisationBody(unique("new"), "company", List.of())).post("/api/v1/organisations")
                .then().statusCode(403);
    }

    @Test
    void aCuratorKeyWritesAndAnAnonymousCallerCannot() {
        String curator = key("curator");
        String key = unique("cur");
        as(curator).body(organisationBody(key, "academic", List.of())).post("/api/v1/organisations").then().statusCode(201);
        io.counterpower.support.Api.invalid().contentType("application/json")
                .body(organisationBody(unique("anon"), "academic", List.of())).post("/api/v1/organisations")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }
}

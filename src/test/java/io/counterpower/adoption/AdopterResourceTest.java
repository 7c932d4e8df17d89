package io.counterpower.adoption;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AdopterResourceTest {
    private static final String PATH = "/api/v1/adopters";

    static Map<String, Object> adopter(String project, String organisation, String since) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("organisation", organisation);
        body.put("since", since);
        body.put("source", source());
        return body;
    }

    static long create(Map<String, Object> body) {
        return admin().body(body).post(PATH).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void recordsReadsAndListsAdoptersWithEachFilter() {
        String steward = organisation("foundation");
        String slug = project(steward);
        String other = project(null);
        String ibm = organisation("company");
        String acme = organisation("company");
        Map<String, Object> body = adopter(slug, ibm, "2023-08");
        body.put("note", "offered on its platform");
        long id = admin().body(body).post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/")).header("ETag", notNullValue())
                .body("project", equalTo(slug)).body("organisation", equalTo(ibm))
                .body("since", equalTo("2023-08")).body("sincePrecision", equalTo("month"))
                .body("note", equalTo("offered on its platform")).body("source.kind", equalTo("manual"))
                .extract().jsonPath().getLong("id");
        long undated = create(adopter(slug, acme, null));
        create(adopter(other, ibm, "2021"));

        anonymous().get(PATH + "/" + id).then().statusCode(200).header("ETag", notNullValue())
                .body("id", equalTo((int) id)).body("since", equalTo("2023-08"));
        anonymous().get(PATH + "/" + undated).then().statusCode(200)
                .body("since", nullValue()).body("sincePrecision", nullValue());

        anonymous().queryParam("project", slug).get(PATH).then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.project", everyItem(equalTo(slug)));
        anonymous().queryParam("organisation", ibm).get(PATH).then()
                .body("totalItems", equalTo(2)).body("items.organisation", everyItem(equalTo(ibm)));
        anonymous().queryParam("project", slug).queryParam("organisation", ibm).get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) id));
        // A month counts from its first day; undated adoptions fall outside any date range.
        anonymous().queryParam("project", slug).queryParam("from", "2023-08-01").get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) id));
        anonymous().queryParam("project", slug).queryParam("to", "2023-07-31").get(PATH).then()
                .body("totalItems", equalTo(0));
        anonymous().queryParam("organisation", ibm).queryParam("from", "2020-01-01").queryParam("to", "2022-12-31")
                .get(PATH).then().body("totalItems", equalTo(1)).body("items[0].project", equalTo(other));
        anonymous().queryParam("project", "no-such-project").get(PATH).then().body("totalItems", equalTo(0));
        anonymous().queryParam("organisation", "no-such-org").get(PATH).then().body("totalItems", equalTo(0));
        anonymous().queryParam("project", slug).queryParam("sourceKind", "manual").queryParam("sort", "since")
                .get(PATH).then().body("totalItems", equalTo(2)).body("items[1].id", equalTo((int) undated));
        anonymous().queryParam("project", slug).queryParam("sourceKind", "self-reported").get(PATH).then()
                .body("totalItems", equalTo(0));
    }

    @Test
    void anEditIsANewVersionAndTheOldOneStaysReadable() {
        String slug = project(null);
        String org = organisation("company");
        long id = create(adopter(slug, org, "2022"));
        Instant before = Moments.between();
        Map<String, Object> corrected = adopter(slug, org, "2022-03-15");
        corrected.put("reason", "the press release gives the day");
        admin().body(corrected).put(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("since", equalTo("2022-03-15")).body("sincePrecision", equalTo("day"));
        anonymous().queryParam("asRecordedOn", before.toString()).get(PATH + "/" + id).then().statusCode(200)
                .body("since", equalTo("2022")).body("sincePrecision", equalTo("year"));
        anonymous().queryParam("project", slug).queryParam("asRecordedOn", before.toString()).get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].since", equalTo("2022"));
        anonymous().get(PATH + "/" + id + "/history").then().statusCode(200).body("$", hasSize(2))
                .body("[0].version.supersededAt", notNullValue())
                .body("[1].version.reason", equalTo("the press release gives the day"));

        admin().queryParam("reason", "recorded in error").delete(PATH + "/" + id).then().statusCode(204);
        anonymous().get(PATH + "/" + id).then().statusCode(404).contentType("application/problem+json");
        anonymous().queryParam("project", slug).get(PATH).then().body("totalItems", equalTo(0));
        anonymous().get(PATH + "/" + id + "/history").then().body("$", hasSize(2))
                .body("[1].version.supersededAt", notNullValue());
        anonymous().queryParam("asRecordedOn", before.toString()).get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void theSameOrganisationAndProjectTwiceIsAConflict() {
        String slug = project(null);
        String org = organisation("company");
        long id = create(adopter(slug, org, "2022"));
        admin().body(adopter(slug, org, "2023")).post(PATH).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("organisation"))
                .body("detail", containsString("adopter " + id));
        long second = create(adopter(slug, organisation("company"), null));
        admin().body(io.counterpower.support.Fixtures.withReason(adopter(slug, org, null), "same adopter")).put(PATH + "/" + second).then().statusCode(409);
        // The record itself may be edited in place.
        admin().body(io.counterpower.support.Fixtures.withReason(adopter(slug, org, "2021"), "adopted in 2021")).put(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void theProjectsStewardAndTheAdopterItselfMayWriteOthersMayNot() {
        String steward = organisation("foundation");
        String slug = project(steward);
        String adopterOrg = organisation("company");
        String stranger = organisation("company");
        as(key("steward:" + steward)).body(adopter(slug, organisation("company"), "2023-01-10")).post(PATH)
                .then().statusCode(201).body("source.kind", equalTo("self-reported"));
        // "We use this project": the adopting organisation reports itself.
        String adopterKey = key("steward:" + adopterOrg);
        long own = as(adopterKey).body(adopter(slug, adopterOrg, "2024")).post(PATH)
                .then().statusCode(201).body("source.kind", equalTo("self-reported"))
                .extract().jsonPath().getLong("id");
        // The project's steward before its steward period began is no steward of it.
        as(key("steward:" + steward)).body(adopter(slug, organisation("company"), "2019")).post(PATH)
                .then().statusCode(403).contentType("application/problem+json");
        as(key("steward:" + stranger)).body(adopter(slug, organisation("company"), "2023")).post(PATH)
                .then().statusCode(403);
        as(key("steward:" + stranger)).body(adopter(slug, adopterOrg, "2023")).put(PATH + "/" + own)
                .then().statusCode(403);
        as(key("steward:" + stranger)).queryParam("reason", "recorded in error").delete(PATH + "/" + own).then().statusCode(403);
        invalid().contentType(ContentType.JSON).body(adopter(slug, adopterOrg, "2023")).post(PATH)
                .then().statusCode(401).contentType("application/problem+json");
        // A curator's manual record is beyond a steward's reach: its close is a dispute for a curator (issue 17).
        long manual = create(adopter(slug, organisation("company"), "2022"));
        as(key("steward:" + steward)).queryParam("reason", "recorded in error").delete(PATH + "/" + manual).then().statusCode(202)
                .body("action", equalTo("close"));
        anonymous().get(PATH + "/" + manual).then().statusCode(200);
        as(adopterKey).queryParam("reason", "recorded in error").delete(PATH + "/" + own).then().statusCode(204);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String slug = project(null);
        String org = organisation("company");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        invalidAsAdmin().contentType(ContentType.JSON).body(adopter(slug, org, tomorrow)).post(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        invalidAsAdmin().contentType(ContentType.JSON).body(adopter(slug, org, "2023-13")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("since"));
        invalidAsAdmin().contentType(ContentType.JSON).body(adopter("no-such-project", org, "2023")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("project"));
        invalidAsAdmin().contentType(ContentType.JSON).body(adopter(slug, "no-such-org", "2023")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("organisation"));
        invalidAsAdmin().contentType(ContentType.JSON).body(adopter(slug, null, "2023")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("organisation"));
        Map<String, Object> noSource = adopter(slug, org, "2023");
        noSource.remove("source");
        invalidAsAdmin().contentType(ContentType.JSON).body(noSource).post(PATH).then()
                .statusCode(400).body("errors.field", hasItem("source"));
        invalidAsAdmin().queryParam("from", "last year").get(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        anonymous().queryParam("project", slug).get(PATH).then().body("totalItems", equalTo(0));
    }

    @Test
    void aCsvExportImportsBackUnchanged() {
        String slug = project(null);
        String a = organisation("company");
        String b = organisation("nonprofit");
        Map<String, Object> withNote = adopter(slug, a, "2023-08");
        withNote.put("note", "=SUM(A1) looks like a formula, and has a comma");
        create(withNote);
        create(adopter(slug, b, null));
        String csv = anonymous().accept("text/csv").queryParam("project", slug).get(PATH + "/export").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String listed = anonymous().queryParam("project", slug).queryParam("format", "csv").get(PATH).then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals(csv, listed);
        assertTrue(csv.startsWith(
                "project,organisation,since,note,source.kind,source.url,source.note,source.quote,source.confidence,reason"), csv);
        assertTrue(csv.contains("'=SUM(A1)"), csv);
        admin().contentType("text/csv").body(csv).post(PATH + "/import").then().statusCode(200)
                .body("kind", equalTo("adopter")).body("total", equalTo(2)).body("unchanged", equalTo(2))
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("rows.outcome", everyItem(equalTo("unchanged")));
        List<Map<String, Object>> json = anonymous().queryParam("project", slug).get(PATH + "/export").then()
                .statusCode(200).extract().jsonPath().getList("$");
        admin().body(json).post(PATH + "/import").then().statusCode(200).body("unchanged", equalTo(2));
        anonymous().queryParam("project", slug).get(PATH).then().body("totalItems", equalTo(2))
                .body("items.note", hasItem("=SUM(A1) looks like a formula, and has a comma"));
    }

    @Test
    void anImportWithOneBadRowWritesNothingAndNamesTheLine() {
        String slug = project(null);
        String org = organisation("company");
        Map<String, Object> bad = adopter(slug, "no-such-org", "2023");
        invalidAsAdmin().contentType(ContentType.JSON).body(List.of(adopter(slug, org, "2023"), bad))
                .post(PATH + "/import").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 2: organisation")).body("detail", containsString("nothing was imported"));
        anonymous().queryParam("project", slug).get(PATH).then().body("totalItems", equalTo(0));
        // A new row is created; a row with a changed note updates the current record.
        admin().body(List.of(adopter(slug, org, "2023"))).post(PATH + "/import").then().statusCode(200)
                .body("created", equalTo(1));
        Map<String, Object> changed = adopter(slug, org, "2023");
        changed.put("note", "now with a note");
        changed.put("reason", "the case study names them"); // an update is an edit: it says why (issue 17)
        admin().body(List.of(changed)).post(PATH + "/import").then().statusCode(200)
                .body("updated", equalTo(1)).body("rows[0].line", equalTo(1));
        invalid().contentType(ContentType.JSON).body(List.of(changed)).post(PATH + "/import").then().statusCode(401);
    }
}

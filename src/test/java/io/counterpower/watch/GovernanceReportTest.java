package io.counterpower.watch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static io.counterpower.watch.WatchFixtures.seat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The governance report: rule checks over time, seats and funding with their sources, in JSON, CSV and HTML. */
@QuarkusTest
class GovernanceReportTest {
    static final String FORMULA = "=HYPERLINK(\"https://evil.example\",\"click\")";
    static final String SCRIPT = "<script>alert('x')</script>";

    /** A foundation stewarding one project whose steering body is named with hostile text. */
    private static String[] dataset() {
        String foundation = organisation("foundation");
        String a = organisation("company"), b = organisation("company"), c = organisation("company");
        String slug = project(foundation);
        long body = admin().body(Map.of("project", slug, "kind", "board", "name", FORMULA + " " + SCRIPT, "source", source()))
                .post("/api/v1/governance-bodies").then().statusCode(201).extract().jsonPath().getLong("id");
        seat(body, a, "member");
        seat(body, b, "member");
        seat(body, c, "member");
        admin().body(Map.of("recipientProject", slug, "funder", a, "type", "grant", "amount", 250000, "currency", "USD",
                        "date", "2024-03-01", "source", Map.of("url", "https://example.org/grant", "quote", "The sentence.", "confidence", "verified",
                                "note", "-2+3 " + SCRIPT)))
                .post("/api/v1/funding-events").then().statusCode(201);
        return new String[]{foundation, slug, a};
    }

    @Test
    void jsonHasTheRuleChecksOverTimeSeatsAndFundingWithSources() {
        String[] d = dataset();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath r = anonymous().queryParam("from", LocalDate.now(ZoneOffset.UTC).minusMonths(3).toString())
                .get("/api/v1/organisations/" + d[0] + "/governance-report").then().statusCode(200).extract().jsonPath();
        assertEquals(d[0], r.getString("organisation"));
        assertEquals(today, r.getString("to"));
        assertEquals(4, r.getList("rules").size());      // methodology 2 adds bodies-two-organisations
        assertEquals(1, r.getList("projects").size());
        assertEquals(d[1], r.getString("projects[0].project"));
        assertEquals("2020-01-01", r.getString("projects[0].stewardFrom"));
        // One seat in three each: at most one third from one employer holds, at every point.
        String seats = "projects[0].checks.find { it.rule == 'seat-share-one-third' }";
        assertEquals("holds", r.getString(seats + ".current"));
        assertEquals(1, r.getList(seats + ".periods").size());
        assertEquals(today, r.getString(seats + ".periods[0].to"));
        assertEquals(4, r.getList(seats + ".points").size());   // the ends of 4 months up to today
        // No contribution is recorded: the committer rules are unknown, never "holds".
        assertEquals("unknown", r.getString("projects[0].checks.find { it.rule == 'committers-two-organisations' }.current"));
        assertEquals("unknown", r.getString("projects[0].checks.find { it.rule == 'independent-committers-three' }.current"));
        // Three organisations on the one body: the two-organisations rule holds; with no contribution recorded the
        // over-representation (seat share minus contribution share) is unknown at every point, never a number.
        assertEquals("holds", r.getString("projects[0].checks.find { it.rule == 'bodies-two-organisations' }.current"));
        assertEquals(4, r.getList("projects[0].overrepresentation").size());
        assertNull(r.get("projects[0].overrepresentation[-1].value"));
        assertEquals(3, r.getList("projects[0].seats").size());
        assertEquals("https://example.org/evidence", r.getString("projects[0].seats[0].source.url"));
        assertEquals(d[2], r.getString("projects[0].funding[0].funder"));
        assertEquals(250000.0, r.getDouble("projects[0].funding[0].amountUsd"), 1e-9);
        assertEquals("https://example.org/grant", r.getString("projects[0].funding[0].source.url"));
    }

    @Test
    void aRuleFailsFromThePointItFails() {
        String[] d = dataset();
        long body = admin().queryParam("project", d[1]).get("/api/v1/governance-bodies").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        admin().body(Map.of("body", body, "holderOrganisation", d[2], "role", "chair", "from",
                        LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "source", source()))
                .post("/api/v1/governance-seats").then().statusCode(201);
        JsonPath r = anonymous().queryParam("from", LocalDate.now(ZoneOffset.UTC).minusMonths(2).toString())
                .get("/api/v1/organisations/" + d[0] + "/governance-report").then().statusCode(200).extract().jsonPath();
        String seats = "projects[0].checks.find { it.rule == 'seat-share-one-third' }";
        assertEquals("fails", r.getString(seats + ".current"));
        assertEquals("holds", r.getString(seats + ".periods[0].status"));
        assertEquals("fails", r.getString(seats + ".periods[-1].status"));
        assertEquals(0.5, r.getDouble(seats + ".points[-1].value"), 1e-9);
    }

    @Test
    void csvGuardsEveryCellAgainstFormulas() {
        String[] d = dataset();
        String csv = anonymous().accept("text/csv").get("/api/v1/organisations/" + d[0] + "/governance-report")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("section,project,rule,date,status,value,coverage,n,from,to,body"));
        assertTrue(csv.contains("'" + FORMULA.replace("\"", "\"\"")), csv);
        assertFalse(csv.contains("," + FORMULA) || csv.contains(",\"" + FORMULA), "a formula cell is never left bare");
        assertTrue(csv.contains("'-2+3"), "a note starting with - is guarded too");
        assertTrue(csv.contains("check," + d[1] + ",seat-share-one-third,"));
        assertTrue(csv.contains("overrepresentation," + d[1] + ",seat_overrepresentation,"));
        assertTrue(csv.contains("funder," + d[1] + ",,2024-03-01,"));
        // format=csv says the same
        assertEquals(csv.lines().count(), anonymous().queryParam("format", "csv")
                .get("/api/v1/organisations/" + d[0] + "/governance-report").then().statusCode(200).extract().asString().lines().count());
    }

    @Test
    void htmlEscapesEverythingItShows() {
        String[] d = dataset();
        String html = anonymous().queryParam("format", "html").get("/api/v1/organisations/" + d[0] + "/governance-report")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertFalse(html.contains("<script>"), "no markup from the data reaches the page");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("seat-share-one-third"));
        assertTrue(html.contains("<a href=\"https://example.org/grant\">"));
        anonymous().accept("text/html").get("/api/v1/organisations/" + d[0] + "/governance-report").then().statusCode(200)
                .contentType(containsString("text/html")).body(not(containsString("<script>")))
                // Issue 17, attack 8: the same security headers as every HTML answer; no script at all.
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        // The web page keeps its own policy (its script is its own file), with the same other headers.
        io.restassured.RestAssured.given().accept("text/html").get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        // JSON answers are not given an HTML policy.
        anonymous().get("/api/v1/organisations/" + d[0] + "/governance-report").then().statusCode(200)
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void badParametersAndUnknownOrganisations() {
        String foundation = organisation("foundation");
        invalid().queryParam("format", "xml").get("/api/v1/organisations/" + foundation + "/governance-report")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
        invalid().queryParam("from", "yesterday").get("/api/v1/organisations/" + foundation + "/governance-report")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        invalid().get("/api/v1/organisations/no-such-organisation-x/governance-report").then().statusCode(404);
        // An organisation that stewards nothing has an empty report, not an error.
        anonymous().get("/api/v1/organisations/" + foundation + "/governance-report").then().statusCode(200)
                .body("projects.size()", equalTo(0));
    }
}

package io.counterpower.common;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.organisationBody;
import static io.counterpower.support.Fixtures.project;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validators of public reads: ETag and Last-Modified from the data version, 304, Cache-Control; fact revisions untouched. */
@QuarkusTest
class HttpCachingTest {

    private static String assessment(String slug) {
        return "/api/v1/projects/" + slug + "/assessment";
    }

    @Test
    void anUnchangedReadIsNotModifiedUntilTheDataChanges() {
        String slug = project(organisation("foundation"));
        Response first = anonymous().get(assessment(slug)).then().statusCode(200).extract().response();
        String etag = first.header("ETag");
        assertTrue(etag.startsWith("W/\"" + first.header("Counterpower-Data-Version") + "-"), etag);
        assertTrue(first.header("Cache-Control").startsWith("public, max-age=60"), first.header("Cache-Control"));
        assertTrue(first.header("Vary").contains("Accept"), first.header("Vary"));
        String lastModified = first.header("Last-Modified");
        anonymous().header("If-None-Match", etag).get(assessment(slug)).then().statusCode(304)
                .header("ETag", equalTo(etag)).body(emptyString());
        anonymous().header("If-None-Match", "\"other\", " + etag).get(assessment(slug)).then().statusCode(304);
        anonymous().header("If-Modified-Since", lastModified).get(assessment(slug)).then().statusCode(304);

        organisation("company");   // any write moves the data version
        Response after = anonymous().header("If-None-Match", etag).get(assessment(slug)).then().statusCode(200).extract().response();
        assertNotEquals(etag, after.header("ETag"));
        anonymous().header("If-None-Match", after.header("ETag")).get(assessment(slug)).then().statusCode(304);
    }

    @Test
    void csvAndJsonOfOneUrlHaveDifferentTags() {
        String slug = project(null);
        String url = "/api/v1/projects/" + slug + "/indicators/series?from=2024-01-01&to=2024-03-31";
        String json = anonymous().get(url).then().statusCode(200).extract().header("ETag");
        String csv = anonymous().accept("text/csv").get(url).then().statusCode(200).extract().header("ETag");
        assertNotEquals(json, csv);
        anonymous().accept("text/csv").header("If-None-Match", csv).get(url).then().statusCode(304);
        anonymous().header("If-None-Match", csv).get(url).then().statusCode(200);
    }

    @Test
    void readsWithAKeyAreNotSharedCaches() {
        String slug = project(null);
        admin().get(assessment(slug)).then().statusCode(200).header("ETag", nullValue())
                .header("Cache-Control", equalTo("private, no-cache"));
        String etag = anonymous().get(assessment(slug)).then().statusCode(200).extract().header("ETag");
        admin().header("If-None-Match", etag).get(assessment(slug)).then().statusCode(200);
    }

    @Test
    void aFactsRevisionTagStillGuardsEdits() {
        String key = organisation("company");
        Response read = anonymous().get("/api/v1/organisations/" + key).then().statusCode(200).extract().response();
        String revision = read.header("ETag");
        assertTrue(revision.matches("\"[0-9]+\""), revision);   // the revision, not a data-version tag
        Map<String, Object> body = organisationBody(key, "company", java.util.List.of(key + ".example"));
        body.put("name", "Renamed " + key);
        body.put("reason", "renamed");
        admin().header("If-Match", revision).body(body).put("/api/v1/organisations/" + key).then().statusCode(200);
        io.counterpower.support.Api.invalidAsAdmin().contentType("application/json").header("If-Match", revision).body(body)
                .put("/api/v1/organisations/" + key).then().statusCode(412);
    }

    @Test
    void theDataVersionHeaderFollowsAWriteAtOnce() {
        long before = Long.parseLong(anonymous().get("/api/v1/projects").then().statusCode(200).extract().header("Counterpower-Data-Version"));
        organisation("company");
        long after = Long.parseLong(anonymous().get("/api/v1/projects").then().statusCode(200).extract().header("Counterpower-Data-Version"));
        assertTrue(after > before, before + " -> " + after);
        anonymous().get("/api/v1/projects").then().statusCode(200).header("Last-Modified", startsWith(""));
        assertEquals(after, Long.parseLong(anonymous().get("/api/v1/methodology").then().extract().header("Counterpower-Data-Version")));
    }

    /**
     * With the clock on a single-digit and on a double-digit day: Last-Modified is the IMF-fixdate of the
     * day's start (the data is older), the tag names the day, and If-Modified-Since is read in the three
     * forms of RFC 9110 section 5.6.7.
     */
    @ParameterizedTest(name = "on day {0} of the month")
    @ValueSource(ints = {7, 17})
    void httpDatesAreImfFixdatesOnEveryDayOfTheMonth(int day) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2027-03-%02dT10:15:30Z".formatted(day)), ZoneOffset.UTC),
                Clock.class);
        String slug = project(null);
        String weekday = day == 7 ? "Sun" : "Wed";
        Response first = anonymous().get(assessment(slug)).then().statusCode(200).extract().response();
        assertEquals(weekday + ", %02d Mar 2027 00:00:00 GMT".formatted(day), first.header("Last-Modified"));
        assertTrue(first.header("ETag").endsWith("-202703%02d-json\"".formatted(day)), first.header("ETag"));

        String rfc850 = (day == 7 ? "Sunday" : "Wednesday") + ", %02d-Mar-27 00:00:00 GMT".formatted(day);
        String asctime = weekday + " Mar %2d 00:00:00 2027".formatted(day);
        for (String since : java.util.List.of(first.header("Last-Modified"), rfc850, asctime)) {
            anonymous().header("If-Modified-Since", since).get(assessment(slug)).then().statusCode(304)
                    .header("Last-Modified", equalTo(first.header("Last-Modified")));
        }
        // A day earlier is older than the day's start: the answer is sent again.
        String dayBefore = day == 7 ? "Sat, 06 Mar 2027 00:00:00 GMT" : "Tue, 16 Mar 2027 00:00:00 GMT";
        anonymous().header("If-Modified-Since", dayBefore).get(assessment(slug)).then().statusCode(200);
    }

    @Test
    void svgAndCsvTagsNameTheirRepresentation() {
        String slug = project(null);
        String badge = anonymous().accept("image/svg+xml").get("/api/v1/projects/" + slug + "/badge.svg").then().statusCode(200).extract().header("ETag");
        assertTrue(badge.endsWith("-svg\""), badge);
        String series = "/api/v1/projects/" + slug + "/indicators/series?from=2024-01-01&to=2024-03-31";
        String csv = anonymous().accept("text/csv").get(series + "&format=csv").then().statusCode(200).extract().header("ETag");
        assertTrue(csv.endsWith("-csv\""), csv);
        anonymous().accept("image/svg+xml").header("If-None-Match", badge).get("/api/v1/projects/" + slug + "/badge.svg").then().statusCode(304);
    }
}

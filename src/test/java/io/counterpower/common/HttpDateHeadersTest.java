package io.counterpower.common;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every date header a response carries ({@code Date}, written by the HTTP server, and
 * {@code Last-Modified}) is an IMF-fixdate (RFC 9110 section 5.6.7): a two-digit day. With the
 * service's clock on a single-digit and on a double-digit day; the server's own {@code Date}
 * reads the real time, so only its form is checked, which holds on any day.
 */
@QuarkusTest
class HttpDateHeadersTest {
    private static final Pattern IMF_FIXDATE = Pattern.compile("^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$");

    @ParameterizedTest(name = "on day {0} of the month")
    @ValueSource(ints = {7, 17})
    void everyDateHeaderIsAnImfFixdate(int day) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2027-03-%02dT10:15:30Z".formatted(day)), ZoneOffset.UTC),
                Clock.class);
        String slug = project(null);
        List<Response> responses = new ArrayList<>();
        responses.add(anonymous().get("/api/v1/projects/" + slug + "/assessment").then().statusCode(200).extract().response());
        responses.add(anonymous().accept("image/svg+xml").get("/api/v1/projects/" + slug + "/badge.svg").then().statusCode(200).extract().response());
        responses.add(anonymous().accept("text/csv").get("/api/v1/funding-events?format=csv&organisation=mistral").then().statusCode(200)
                .extract().response());
        responses.add(anonymous().get("/api/v1/methodology").then().statusCode(200).extract().response());
        responses.add(anonymous().get("/api/v1/projects/no-such-project-" + day).then().statusCode(404).extract().response());
        String lastModified = responses.get(0).header("Last-Modified");
        responses.add(anonymous().header("If-Modified-Since", lastModified).get("/api/v1/projects/" + slug + "/assessment")
                .then().statusCode(304).extract().response());
        // Static files: Vert.x's own handler writes Last-Modified (the file's time) and Date.
        responses.add(RestAssured.given().get("/").then().statusCode(200).extract().response());

        assertEquals(day == 7 ? "Sun, 07 Mar 2027 00:00:00 GMT" : "Wed, 17 Mar 2027 00:00:00 GMT", lastModified);
        int dates = 0;
        for (int i = 0; i < responses.size(); i++) {
            Response response = responses.get(i);
            for (String name : List.of("Date", "Last-Modified", "Expires")) {
                for (String value : response.headers().getValues(name)) {
                    assertTrue(IMF_FIXDATE.matcher(value).matches(), "response " + i + ", " + name + ": " + value);
                    if (name.equals("Date")) {
                        dates++;
                    }
                }
            }
        }
        // The static file handler writes Date (the API's responses have none): at least that one is checked.
        assertTrue(dates >= 1, "no Date header seen");
    }
}

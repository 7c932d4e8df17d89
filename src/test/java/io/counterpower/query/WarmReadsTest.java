package io.counterpower.query;

import io.counterpower.common.version.WarmReads;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

import static io.counterpower.query.Scenario.freshRanking;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Held answers served on the I/O thread ({@link WarmReads}) are the REST layer's answers: same
 * body, same headers; and what they must not answer (keys, CSV, other validators) goes on. Each
 * test runs with the clock fixed on a single-digit day of the month and on a double-digit one: the
 * REST layer and the I/O thread once wrote the day differently on days 1-9.
 */
@QuarkusTest
class WarmReadsTest {
    /** The headers a client or a cache acts on. */
    private static final List<String> HEADERS = List.of("ETag", "Last-Modified", "Cache-Control", "Vary",
            "Counterpower-Data-Version", "Content-Type");

    @Inject
    WarmReads warm;

    /**
     * The first request renders (REST layer), a later one is answered from the held body. The data
     * version is held for a second only and background transactions drop it, so a later request may
     * go to the REST layer again: ask until one was answered here (a few tries at most).
     */
    private Response answeredWarm(Supplier<RequestSpecification> request, String path) {
        for (int i = 0; i < 20; i++) {
            long before = warm.answered();
            Response r = request.get().get(path);
            if (warm.answered() == before + 1) {
                return r;
            }
        }
        throw new AssertionError("No request to " + path + " was answered from a held body");
    }

    /** Fixes the service's clock on that day of March 2027 (QuarkusMock restores it after the test). */
    private static void clockOn(int day) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2027-03-%02dT10:15:30Z".formatted(day)), ZoneOffset.UTC),
                Clock.class);
    }

    private static void sameAnswer(Response cold, Response hot) {
        assertEquals(cold.statusCode(), hot.statusCode());
        assertEquals(cold.asString(), hot.asString());
        for (String h : HEADERS) {
            assertEquals(cold.header(h), hot.header(h), h);
        }
    }

    @ParameterizedTest(name = "on day {0} of the month")
    @ValueSource(ints = {7, 17})
    void aHeldAssessmentIsTheRestLayersAnswer(int day) {
        clockOn(day);
        Scenario s = Scenario.corporate("library", null);
        String path = "/api/v1/projects/" + s.slug + "/assessment?window=P12M";
        long before = warm.answered();
        Response cold = anonymous().get(path).then().statusCode(200).extract().response();
        assertEquals(before, warm.answered(), "nothing was held before the first request");
        Response hot = answeredWarm(() -> anonymous(), path);
        sameAnswer(cold, hot);
        assertTrue(hot.header("ETag").startsWith("W/\""), hot.header("ETag"));
        // The day of the clock, in the tag and (data older than the day) as Last-Modified, as an IMF-fixdate.
        assertTrue(hot.header("ETag").endsWith("-202703%02d-json\"".formatted(day)), hot.header("ETag"));
        assertEquals((day == 7 ? "Sun" : "Wed") + ", %02d Mar 2027 00:00:00 GMT".formatted(day), hot.header("Last-Modified"));

        // Revalidation: the held answer's tag gives a 304 with the same validators.
        Response notModified = answeredWarm(() -> anonymous().header("If-None-Match", cold.header("ETag")), path);
        assertEquals(304, notModified.statusCode());
        assertEquals(cold.header("ETag"), notModified.header("ETag"));
        assertEquals("", notModified.asString());

        // A key's read goes to the REST layer (a bad key is a 401 there; a key's reads are private).
        long beforeKeyed = warm.answered();
        Response keyed = admin().get(path).then().statusCode(200).extract().response();
        assertEquals(beforeKeyed, warm.answered());
        assertEquals(cold.jsonPath().getString("stage"), keyed.jsonPath().getString("stage"));
        assertTrue(keyed.header("Cache-Control").startsWith("private"), keyed.header("Cache-Control"));
    }

    @ParameterizedTest(name = "on day {0} of the month")
    @ValueSource(ints = {7, 17})
    void aHeldRankingPageIsTheRestLayersAnswerAndCsvIsNotServedFromIt(int day) {
        clockOn(day);
        Scenario.corporate("framework", null);
        freshRanking("?size=5");
        String path = "/api/v1/risk?size=7&kind=framework";
        Response cold = anonymous().get(path).then().statusCode(200).extract().response();
        Response hot = answeredWarm(() -> anonymous(), path);
        sameAnswer(cold, hot);
        assertTrue(hot.header("ETag").startsWith("W/\"risk-"), hot.header("ETag"));

        long before = warm.answered();
        anonymous().accept("text/csv").get(path).then().statusCode(200).contentType(startsWith("text/csv"));
        anonymous().get(path + "&format=csv").then().statusCode(200).contentType(startsWith("text/csv"));
        // If-Modified-Since is weighed by the REST layer (the ranking answers it with 200 or 304 there).
        anonymous().header("If-Modified-Since", cold.header("Last-Modified")).get(path);
        assertEquals(before, warm.answered(), "CSV and If-Modified-Since went to the REST layer");
    }
}

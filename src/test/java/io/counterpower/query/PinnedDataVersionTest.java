package io.counterpower.query;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A response pinned with {@code asRecordedOn} reports the data version in force at that moment, in
 * its body and its {@code Counterpower-Data-Version} header, not today's (METHODOLOGY.md section 4,
 * "Time"); the ranking pinned before a project was recorded leaves it out.
 */
@QuarkusTest
class PinnedDataVersionTest {

    /** The database's clock now, and the newest version over every scope and of the project's scopes, read together. */
    private record Moment(Instant at, long global, long project) {
    }

    private static Moment moment(long projectId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) Scenario.em().createNativeQuery("""
                        select clock_timestamp(), (select max(version) from data_version),
                               (select max(version) from data_version where scope in ('global', 'project:' || ?1))""")
                .setParameter(1, projectId).getSingleResult());
        Instant at = row[0] instanceof OffsetDateTime o ? o.toInstant() : (Instant) row[0];
        return new Moment(at, ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    @Test
    void pinnedResponsesReportTheVersionOfThatMoment() {
        Scenario s = Scenario.corporate("library", null);
        Moment published = moment(s.projectId);
        // Later, the project's facts change: its version moves on.
        admin().body(Map.of("project", s.slug, "artifact", "code", "expression", "Apache-2.0", "date", "2020-01-01",
                "changeKind", "initial", "source", source())).post("/api/v1/license-periods").then().statusCode(201);
        Moment now = moment(s.projectId);
        assertTrue(now.project() > published.project());

        String pin = published.at().toString();
        for (String path : List.of("assessment", "indicators")) {
            Response pinned = anonymous().queryParam("asRecordedOn", pin).get("/api/v1/projects/" + s.slug + "/" + path);
            pinned.then().statusCode(200);
            assertEquals(published.project(), pinned.jsonPath().getLong("dataVersion"), path);
            assertEquals(String.valueOf(published.global()), pinned.getHeader("Counterpower-Data-Version"), path);
            Response today = anonymous().get("/api/v1/projects/" + s.slug + "/" + path);
            assertEquals(now.project(), today.jsonPath().getLong("dataVersion"), path);
            assertNotEquals(pinned.getHeader("Counterpower-Data-Version"), today.getHeader("Counterpower-Data-Version"), path);
        }
        Response series = anonymous().queryParams(Map.of("asRecordedOn", pin, "names", "top_org_share", "from", "2024-01-01",
                "to", "2024-06-30", "step", "quarter")).get("/api/v1/projects/" + s.slug + "/indicators/series");
        series.then().statusCode(200);
        assertEquals(published.project(), series.jsonPath().getLong("dataVersion"));
        assertEquals(String.valueOf(published.global()), series.getHeader("Counterpower-Data-Version"));

        Response compare = anonymous().queryParams(Map.of("projects", s.slug, "names", "top_org_share", "asRecordedOn", pin))
                .get("/api/v1/compare");
        compare.then().statusCode(200);
        assertEquals(published.project(), compare.jsonPath().getLong("dataVersion"));
        assertTrue(compare.jsonPath().getString("citation").contains("data version " + published.project()));

        Response ranking = anonymous().queryParams(Map.of("asRecordedOn", pin, "size", "200", "kind", "library", "steward", s.company))
                .get("/api/v1/risk");
        ranking.then().statusCode(200);
        assertEquals(published.global(), ranking.jsonPath().getLong("dataVersion"));
        assertEquals(String.valueOf(published.global()), ranking.getHeader("Counterpower-Data-Version"));
        assertTrue(ranking.jsonPath().getList("items.project").contains(s.slug));
    }

    @Test
    void theRankingPinnedBeforeAProjectWasRecordedLeavesItOut() {
        Scenario s = Scenario.corporate("tool", null);
        Instant recorded = QuarkusTransaction.requiringNew().call(() -> {
            Object v = Scenario.em().createNativeQuery("select min(recorded_at) from project_version where id = ?1")
                    .setParameter(1, s.projectId).getSingleResult();
            return v instanceof OffsetDateTime o ? o.toInstant() : (Instant) v;
        });
        List<String> before = anonymous().queryParams(Map.of("asRecordedOn", recorded.minusMillis(1).toString(), "kind", "tool",
                "size", "200", "steward", s.company)).get("/api/v1/risk").then().statusCode(200).extract().jsonPath().getList("items.project");
        assertFalse(before.contains(s.slug));
        List<String> after = anonymous().queryParams(Map.of("asRecordedOn", recorded.toString(), "kind", "tool", "size", "200", "steward", s.company))
                .get("/api/v1/risk").then().statusCode(200).extract().jsonPath().getList("items.project");
        assertTrue(after.contains(s.slug));
        io.counterpower.support.Api.invalid().accept("image/svg+xml, application/problem+json")
                .queryParam("asRecordedOn", recorded.minusMillis(1).toString())
                .get("/api/v1/projects/" + s.slug + "/badge.svg").then().statusCode(404);
    }
}

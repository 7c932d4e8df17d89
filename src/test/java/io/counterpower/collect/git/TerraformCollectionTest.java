package io.counterpower.collect.git;

import static io.counterpower.collect.git.CollectionJobs.collect;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's test of record: collecting Terraform's license history (the real files at their real dates, replayed
 * in a small repository) leaves the curated BUSL-1.1 period in force, so its license reading and its one change
 * stay where the curated periods put them; without curated periods the collection alone gives the same timeline,
 * with BUSL's parameters in the period's detail.
 */
@QuarkusTest
class TerraformCollectionTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;

    private Path terraform() throws Exception {
        Path path = dir.resolve("terraform.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("Mitchell", "m@hashicorp.example", "2014-07-28T10:00:00Z").put("README.md", "tf\n").create();
            repo.commit("main").by("Mitchell", "m@hashicorp.example", "2014-07-28T12:00:00Z")
                    .put("LICENSE", ReplayedLicenseHistoryTest.fixture("terraform/LICENSE-2014-mpl")).create();
            repo.commit("main").by("Mitchell", "m@hashicorp.example", "2023-08-10T16:00:00Z")
                    .put("LICENSE", ReplayedLicenseHistoryTest.fixture("terraform/LICENSE-2023-08-10-busl")).create();
            repo.commit("main").by("Mitchell", "m@hashicorp.example", "2023-08-16T16:00:00Z")
                    .put("LICENSE", ReplayedLicenseHistoryTest.fixture("terraform/LICENSE-2023-08-16-busl")).create();
            repo.commit("main").by("Mitchell", "m@hashicorp.example", "2023-12-06T16:00:00Z")
                    .put("LICENSE", ReplayedLicenseHistoryTest.fixture("terraform/LICENSE-2023-12-06-busl")).create();
        }
        return path;
    }

    private String project() {
        String slug = unique("tf");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        return slug;
    }

    private void curated(String slug, String expression, String from, String precision, String kind, int level)
            throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into license_period (project_id, artifact, expression, valid_from, date_precision, change_kind,
                                            source_kind, source_url, confidence, level, level_lower, level_upper)
                values ((select id from project where slug = ?), 'code', ?, cast(? as date), ?, ?, 'manual',
                        'https://example.org/terraform', 'verified', ?, ?, ?)""")) {
            s.setString(1, slug);
            s.setString(2, expression);
            s.setString(3, from);
            s.setString(4, precision);
            s.setString(5, kind);
            s.setInt(6, level);
            s.setInt(7, level);
            s.setInt(8, level);
            s.executeUpdate();
        }
    }

    private static JsonPath indicators(String slug) {
        return anonymous().queryParams(Map.of("at", "2024-06-30", "window", "P24M"))
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().jsonPath();
    }

    private static Object value(JsonPath r, String name) {
        return r.getMap("indicators.find { it.name == '" + name + "' }").get("value");
    }

    private static List<Map<String, Object>> changes(String slug) {
        return anonymous().queryParam("project", slug).get("/api/v1/license-changes").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void theCuratedBuslPeriodSurvivesTheCollection() throws Exception {
        String slug = project();
        curated(slug, "MPL-2.0", "2014-07-01", "month", "initial", 2);
        curated(slug, "BUSL-1.1", "2023-08-10", "day", "relicense", 5);
        JsonPath before = indicators(slug);

        JsonPath job = collect(slug, terraform());

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        JsonPath after = indicators(slug);
        // The capture reading (methodology 2) stays where the curated BUSL period puts it, too.
        for (String name : List.of("license_restrictiveness", "restrictive_relicenses", "license_capture",
                "restrictive_license_in_force")) {
            assertEquals(value(before, name), value(after, name), name);
        }
        assertEquals(5, ((Number) value(after, "license_restrictiveness")).intValue());
        assertEquals(1.0, ((Number) value(after, "license_capture")).doubleValue());
        assertEquals(true, value(after, "restrictive_license_in_force"));
        assertEquals(1, ((Number) value(after, "restrictive_relicenses")).intValue());
        List<Map<String, Object>> changes = changes(slug);
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(List.of("MPL-2.0", "BUSL-1.1", "restrictive"), List.of(changes.get(0).get("fromExpression"),
                changes.get(0).get("toExpression"), changes.get(0).get("direction")));
    }

    @Test
    void withoutCuratedPeriodsTheCollectionGivesTheTimelineWithBuslsParameters() throws Exception {
        String slug = project();

        JsonPath job = collect(slug, terraform());

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        JsonPath periods = anonymous().queryParam("project", slug).queryParam("sort", "date")
                .get("/api/v1/license-periods").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("MPL-2.0", "BUSL-1.1"), periods.getList("items.expression"));
        assertEquals(List.of("initial", "relicense"), periods.getList("items.changeKind"));
        assertEquals(List.of("2014-07-28", "2023-08-10"), periods.getList("items.date"));
        assertEquals("MPL-2.0", periods.getString("items[1].detail.convertsTo"));
        assertEquals("HashiCorp, Inc.", periods.getString("items[1].detail.licensor"));
        org.junit.jupiter.api.Assertions.assertNull(periods.get("items[0].detail"));
        assertEquals(5, ((Number) value(indicators(slug), "license_restrictiveness")).intValue());
        List<Map<String, Object>> changes = changes(slug);
        assertEquals(1, changes.size(), changes.toString()); // the first file is initial, not a change
        assertEquals("restrictive", changes.get(0).get("direction"));
    }
}

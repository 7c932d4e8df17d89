package io.counterpower.collect.git;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.collect;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18's replays of the two standard relicenses, collected by the service: MongoDB (AGPL-3.0 to SSPL-1.0 on
 * 2018-10-16, replayed with mongo's own files) and Elasticsearch (Apache-2.0 to SSPL-1.0 OR Elastic-2.0 in 2021). Curated periods with the default
 * dataset's dates (recorded as manual facts here, so the dataset's own counts stay its own) survive a collection of
 * the replayed history: the license reading (methodology 2) and the changes stay where the curated periods put them.
 */
@QuarkusTest
class MongoAndElasticsearchCollectionTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;

    private String project() {
        String slug = unique("relicense");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        return slug;
    }

    private void curated(String slug, String expression, String from, String kind, int level) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into license_period (project_id, artifact, expression, valid_from, date_precision, change_kind,
                                            source_kind, source_url, confidence, level, level_lower, level_upper)
                values ((select id from project where slug = ?), 'code', ?, cast(? as date), 'day', ?, 'manual',
                        'https://example.org/relicense', 'verified', ?, ?, ?)""")) {
            s.setString(1, slug);
            s.setString(2, expression);
            s.setString(3, from);
            s.setString(4, kind);
            s.setInt(5, level);
            s.setInt(6, level);
            s.setInt(7, level);
            s.executeUpdate();
        }
    }

    private static List<Object> reading(String slug, String at) {
        JsonPath r = anonymous().queryParams(Map.of("at", at, "window", "P24M"))
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().jsonPath();
        return List.of("license_restrictiveness", "restrictive_relicenses", "license_capture", "restrictive_license_in_force")
                .stream().map(name -> String.valueOf(r.getMap("indicators.find { it.name == '" + name + "' }").get("value")))
                .map(v -> (Object) v).toList();
    }

    private static List<List<Object>> changes(String slug) {
        return anonymous().queryParam("project", slug).get("/api/v1/license-changes").then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class).stream()
                .map(c -> List.<Object>of(c.get("fromExpression"), c.get("toExpression"), c.get("date"), c.get("direction")))
                .toList();
    }

    @Test
    void mongodbsCuratedSsplRelicenseSurvivesTheCollection() throws Exception {
        String slug = project();
        curated(slug, "AGPL-3.0-only", "2018-10-15", "initial", 3);
        curated(slug, "SSPL-1.0", "2018-10-16", "relicense", 5);
        List<Object> before = reading(slug, "2019-06-30");
        assertEquals(List.of("5", "1", "1.0", "true"), before);

        // mongo's own license files at their commits (fixtures README): the AGPL text (not a license file name under
        // section 5), the 2018-06-19 notice that grants the AGPL, the SSPL of 2018-10-15 and its fix of 10-17. Git's AGPL
        // period from the notice precedes the curated one with the same terms, so the curated change is the one change.
        Path path = dir.resolve("mongo.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("E", "e@mongodb.example", "2007-10-19T00:00:00Z").put("README", "mongo\n").create();
            repo.commit("main").by("E", "e@mongodb.example", "2008-07-22T13:45:40Z")
                    .put("GNU-AGPL-3.0.txt", ReplayedLicenseHistoryTest.fixture("mongodb/GNU-AGPL-3.0-2008-07-22.txt")).create();
            repo.commit("main").by("R", "r@mongodb.example", "2018-06-19T22:21:31Z").put("LICENSE-Community.txt",
                    ReplayedLicenseHistoryTest.fixture("mongodb/LICENSE-Community-2018-06-19-agpl-notice.txt")).create();
            repo.commit("main").by("R", "r@mongodb.example", "2018-10-15T18:32:05Z").delete("GNU-AGPL-3.0.txt")
                    .put("LICENSE-Community.txt", ReplayedLicenseHistoryTest.fixture("mongodb/LICENSE-Community-2018-10-15-sspl.txt"))
                    .create();
            repo.commit("main").by("R", "r@mongodb.example", "2018-10-17T17:56:42Z")
                    .put("LICENSE-Community.txt", ReplayedLicenseHistoryTest.fixture("mongodb/LICENSE-Community-2018-10-17-sspl.txt"))
                    .create();
        }
        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(before, reading(slug, "2019-06-30"));
        assertEquals(List.of(List.of("AGPL-3.0-only", "SSPL-1.0", "2018-10-16", "restrictive")), changes(slug));
    }

    @Test
    void elasticsearchsCuratedDualLicenseSurvivesTheCollection() throws Exception {
        String slug = project();
        curated(slug, "Apache-2.0", "2021-01-13", "initial", 1);
        curated(slug, "SSPL-1.0 OR Elastic-2.0", "2021-01-14", "relicense", 5);
        List<Object> before = reading(slug, "2022-06-30");
        assertEquals(List.of("5", "1", "1.0", "true"), before);

        Path path = dir.resolve("es.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("E", "e@elastic.example", "2015-01-01T00:00:00Z")
                    .put("LICENSE.txt", ReplayedLicenseHistoryTest.spdx("Apache-2.0")).create();
            repo.commit("main").by("E", "e@elastic.example", "2021-02-03T00:00:00Z")
                    .put("LICENSE.txt", ReplayedLicenseHistoryTest.fixture("elasticsearch/LICENSE-2021-sspl-or-elastic.txt"))
                    .create();
        }
        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(before, reading(slug, "2022-06-30"));
        // The git Apache-2.0 period of 2015 precedes the curated ones and stays; the curated Apache-2.0 after it is the
        // same terms (no change), and the dual license of the dataset is the one change.
        assertEquals(List.of(List.of("Apache-2.0", "SSPL-1.0 OR Elastic-2.0", "2021-01-14", "restrictive")), changes(slug));
    }
}

package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.em;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Collected through" (METHODOLOGY.md version 2 section 3): a repository's collection reaches the date of the
 * newest commit read; a window partly past it has its contribution coverage lowered by the share of the window
 * within collected time, one wholly past it is null ("not collected", never 0), and a project never collected has
 * no contribution figures at all. Version 1 answers as it did.
 */
@QuarkusTest
class CollectedThroughTest {

    /**
     * One company contributor, 2 commits on 2024-01-15 and 2 on 2024-03-10, read from one repository: collected
     * through 2024-03-10.
     */
    private static Dataset collected(String repository) {
        Dataset d = Dataset.project("community");
        String company = organisation("company");
        long p = person();
        affiliate(p, company, "2020-01-01", null);
        d.contribute(p, "2024-01-15", 2).contribute(p, "2024-03-10", 2);
        admin().body(Map.of("url", repository, "source", source())).post("/api/v1/projects/" + d.slug + "/repositories")
                .then().statusCode(201);
        // What a collection job does when it succeeds: the commits carry the repository they were read from.
        QuarkusTransaction.requiringNew().run(() -> {
            em().createNativeQuery("update contribution set repository_url = ?1 where project_id = ?2")
                    .setParameter(1, repository).setParameter(2, d.projectId).executeUpdate();
            assertEquals(1, ((Number) em().createNativeQuery("select record_collected_through(?1)")
                    .setParameter(1, d.projectId).getSingleResult()).intValue());
            // Nothing newer was read: a second call records nothing.
            assertEquals(0, ((Number) em().createNativeQuery("select record_collected_through(?1)")
                    .setParameter(1, d.projectId).getSingleResult()).intValue());
        });
        return d;
    }

    private static JsonPath indicators(String slug, String at, String window, String methodology) {
        return anonymous().queryParam("at", at).queryParam("window", window).queryParam("methodology", methodology)
                .queryParam("names", "contributors_active,corporate_share")
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aWindowPartlyPastTheCollectionHasItsCoverageLowered() {
        Dataset d = collected("https://example.org/partly-" + System.nanoTime() + ".git");
        // P6M at 2024-06-30 is (2023-12-30, 2024-06-30]: 183 days, of which 71 up to 2024-03-10 were collected.
        // corporate_share: 4 of 4 known commits by the company = 1.0, coverage 1.0 x 71/183 = 0.387978.
        JsonPath r = indicators(d.slug, "2024-06-30", "P6M", "2");
        assertEquals(1.0, r.getDouble("indicators.find { it.name == 'corporate_share' }.value"), 1e-9);
        assertEquals(0.387978, r.getDouble("indicators.find { it.name == 'corporate_share' }.coverage"), 1e-9);
        assertEquals("2024-03-10", r.getString("indicators.find { it.name == 'corporate_share' }.detail.collectedThrough"));
        assertEquals(0.387978, r.getDouble("indicators.find { it.name == 'corporate_share' }.detail.collectedShare"), 1e-9);
        assertEquals(1, r.getInt("indicators.find { it.name == 'contributors_active' }.value"));
        assertEquals(0.387978, r.getDouble("indicators.find { it.name == 'contributors_active' }.coverage"), 1e-9);
        // A window that ends on the reach, P3M at 2024-03-10 = (2023-12-10, 2024-03-10], lies within collected time.
        JsonPath within = indicators(d.slug, "2024-03-10", "P3M", "2");
        assertEquals(1.0, within.getDouble("indicators.find { it.name == 'corporate_share' }.coverage"), 1e-9);
        assertEquals(1.0, within.getDouble("indicators.find { it.name == 'corporate_share' }.detail.collectedShare"), 1e-9);
        // Version 1 knows nothing of the reach: full coverage, no reach in the detail.
        JsonPath v1 = indicators(d.slug, "2024-06-30", "P6M", "1");
        assertEquals(1.0, v1.getDouble("indicators.find { it.name == 'corporate_share' }.coverage"), 1e-9);
        assertNull(v1.get("indicators.find { it.name == 'corporate_share' }.detail.collectedThrough"));
    }

    @Test
    void aWindowWhollyPastTheCollectionIsNotCollectedNeverZero() {
        Dataset d = collected("https://example.org/past-" + System.nanoTime() + ".git");
        // P3M at 2024-12-31 is (2024-09-30, 2024-12-31], wholly after 2024-03-10.
        JsonPath r = indicators(d.slug, "2024-12-31", "P3M", "2");
        for (String name : List.of("contributors_active", "corporate_share")) {
            assertNull(r.get("indicators.find { it.name == '" + name + "' }.value"), name);
            assertEquals(0.0, r.getDouble("indicators.find { it.name == '" + name + "' }.coverage"), 1e-9, name);
            assertTrue(r.getList("indicators.find { it.name == '" + name + "' }.flags").contains("not_collected"), name);
        }
        // Version 1 read the same window as a project that stopped: 0 contributors.
        JsonPath v1 = indicators(d.slug, "2024-12-31", "P3M", "1");
        assertEquals(0, v1.getInt("indicators.find { it.name == 'contributors_active' }.value"));
        // The assessment (P12M) names the reason of each missing contribution signal: (2024-06-30, 2025-06-30] is wholly
        // past the reach.
        JsonPath a = anonymous().queryParam("at", "2025-06-30").get("/api/v1/projects/" + d.slug + "/assessment")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("not collected", a.getString("missing.find { it.indicator == 'corporate_share' }.reason"));
        // The project and its repository say how far the collection reaches.
        JsonPath project = anonymous().get("/api/v1/projects/" + d.slug).then().statusCode(200).extract().jsonPath();
        assertEquals("2024-03-10", project.getString("collectedThrough"));
        assertEquals("2024-03-10", project.getString("repositories[0].collectedThrough"));
        assertEquals("2024-03-10", anonymous().get("/api/v1/projects/" + d.slug + "/repositories").then().statusCode(200)
                .extract().jsonPath().getString("[0].collectedThrough"));
    }

    @Test
    void aProjectNeverCollectedHasNoContributionFigures() {
        Dataset d = Dataset.project("community");
        JsonPath r = indicators(d.slug, "2024-12-31", "P12M", "2");
        for (String name : List.of("contributors_active", "corporate_share")) {
            assertNull(r.get("indicators.find { it.name == '" + name + "' }.value"), name);
            assertTrue(r.getList("indicators.find { it.name == '" + name + "' }.flags").contains("not_collected"), name);
            assertNull(r.get("indicators.find { it.name == '" + name + "' }.detail.collectedThrough"), name);
        }
        JsonPath project = anonymous().get("/api/v1/projects/" + d.slug).then().statusCode(200).extract().jsonPath();
        assertNull(project.get("collectedThrough"));
    }
}

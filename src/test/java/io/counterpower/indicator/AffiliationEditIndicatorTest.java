package io.counterpower.indicator;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Correcting an affiliation period changes the figures, and "as recorded on" before it gives the old ones. */
@QuarkusTest
class AffiliationEditIndicatorTest {

    @Test
    void anEditedPeriodMovesTheFiguresAndAsRecordedOnReproducesThePublishedOnes() {
        String a = organisation("company");
        String b = organisation("company");
        Dataset d = Dataset.project("community");
        long p = person();
        long q = person();
        d.contribute(p, "2024-03-01", 3);
        d.contribute(q, "2024-04-01", 1);
        long pa = admin().body(Map.of("contributor", p, "organisation", a, "from", "2024-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(Map.of("contributor", q, "organisation", b, "from", "2024-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201);
        Map<String, String> query = Map.of("at", "2024-06-30", "names", "top_org_share,org_count,affiliation_coverage");
        // Before: A has 3 of 4 known contributions (0.75), two organisations, coverage 4/4.
        JsonPath published = ContributionIndicatorsTest.indicators(d.slug, query);
        assertEquals(0.75, ((Number) ContributionIndicatorsTest.value(published, "top_org_share")).doubleValue(), 1e-9);
        assertEquals(2, ((Number) ContributionIndicatorsTest.value(published, "org_count")).intValue());
        Instant whenPublished = Moments.between();

        // Correction: p joined A only on 2024-05-01, so p's March work has no known affiliation.
        admin().body(Map.of("contributor", p, "organisation", a, "from", "2024-05-01", "source", source(),
                "reason", "joined in May, says the announcement")).put("/api/v1/affiliations/" + pa).then().statusCode(200);
        JsonPath corrected = ContributionIndicatorsTest.indicators(d.slug, query);
        // After: only q's 1 contribution is known (to B): top org share 1/1 = 1.0, one organisation, coverage 1/4.
        assertEquals(1.0, ((Number) ContributionIndicatorsTest.value(corrected, "top_org_share")).doubleValue(), 1e-9);
        assertEquals(1, ((Number) ContributionIndicatorsTest.value(corrected, "org_count")).intValue());
        assertEquals(0.25, ((Number) ContributionIndicatorsTest.value(corrected, "affiliation_coverage")).doubleValue(), 1e-9);

        JsonPath reproduced = ContributionIndicatorsTest.indicators(d.slug,
                Map.of("at", "2024-06-30", "names", "top_org_share,org_count,affiliation_coverage", "asRecordedOn", whenPublished.toString()));
        assertEquals(0.75, ((Number) ContributionIndicatorsTest.value(reproduced, "top_org_share")).doubleValue(), 1e-9);
        assertEquals(2, ((Number) ContributionIndicatorsTest.value(reproduced, "org_count")).intValue());
    }
}

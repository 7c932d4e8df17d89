package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Figures that rest on a disputed affiliation say so, while the dispute is open (and as recorded then). */
@QuarkusTest
class DisputedAffiliationFlagTest {

    @SuppressWarnings("unchecked")
    private static List<String> flags(JsonPath body, String name) {
        return (List<String>) ContributionIndicatorsTest.indicator(body, name).get("flags");
    }

    @Test
    void aDisputedAffiliationFlagsTheContributionFiguresUntilItIsResolved() throws InterruptedException {
        String org = organisation("company");
        Dataset d = Dataset.project("community");
        long p = person();
        d.contribute(p, "2024-03-01", 2);
        long affiliation = admin().body(Map.of("contributor", p, "organisation", org, "from", "2024-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, String> query = Map.of("at", "2024-06-30", "names", "top_org_share,corporate_share");
        assertFalse(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));

        long dispute = admin().body(Map.of("affiliation", affiliation, "reason", "wrong employer"))
                .post("/api/v1/affiliation-disputes").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath disputed = ContributionIndicatorsTest.indicators(d.slug, query);
        assertTrue(flags(disputed, "top_org_share").contains("disputed_affiliation"));
        assertTrue(flags(disputed, "corporate_share").contains("disputed_affiliation"));
        Thread.sleep(5);
        Instant whileOpen = Instant.now();
        Thread.sleep(5);

        admin().body(Map.of("outcome", "rejected", "note", "the source is right"))
                .post("/api/v1/affiliation-disputes/" + dispute + "/resolution").then().statusCode(200);
        assertFalse(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));
        JsonPath then = ContributionIndicatorsTest.indicators(d.slug,
                Map.of("at", "2024-06-30", "names", "top_org_share", "asRecordedOn", whileOpen.toString()));
        assertTrue(flags(then, "top_org_share").contains("disputed_affiliation"));
    }
}

package io.counterpower.indicator;

import io.counterpower.support.Moments;

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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figures that rest on a disputed affiliation say so, while the dispute is open (and as recorded then),
 * and so do the assessment's gates that those figures decide.
 */
@QuarkusTest
class DisputedAffiliationFlagTest {

    @SuppressWarnings("unchecked")
    private static List<String> flags(JsonPath body, String name) {
        return (List<String>) ContributionIndicatorsTest.indicator(body, name).get("flags");
    }

    @Test
    void aDisputedAffiliationFlagsTheContributionFiguresUntilItIsResolved() {
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
        Instant whileOpen = Moments.between();

        admin().body(Map.of("outcome", "rejected", "note", "the source is right"))
                .post("/api/v1/affiliation-disputes/" + dispute + "/resolution").then().statusCode(200);
        assertFalse(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));
        JsonPath then = ContributionIndicatorsTest.indicators(d.slug,
                Map.of("at", "2024-06-30", "names", "top_org_share", "asRecordedOn", whileOpen.toString()));
        assertTrue(flags(then, "top_org_share").contains("disputed_affiliation"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatesDecidedByDisputedContributionFiguresCarryTheFlag() {
        String org = organisation("company");
        Dataset d = Dataset.project("community");
        long p = person();
        d.contribute(p, "2024-03-01", 3);
        d.contributeAt(p, java.time.OffsetDateTime.parse("2024-03-02T10:00:00Z"), "merge", d.slug + "-pr-1", "github");
        long affiliation = admin().body(Map.of("contributor", p, "organisation", org, "from", "2024-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath before = AssessmentResourceTest.assess(d.slug, "2024-06-30");
        assertFalse(before.getList("gates.contribution.flags").contains("disputed_affiliation"));

        admin().body(Map.of("affiliation", affiliation, "reason", "wrong employer"))
                .post("/api/v1/affiliation-disputes").then().statusCode(201);
        JsonPath disputed = AssessmentResourceTest.assess(d.slug, "2024-06-30");
        // The contribution gate rests on corporate_share and org_count; the direction gate on the
        // merges' gatekeeper_top_org_share; the capture gate on top_org_share. Each condition says
        // which value is disputed.
        for (String gate : List.of("adoption", "contribution", "direction", "capture")) {
            assertTrue(disputed.getList("gates." + gate + ".flags").contains("disputed_affiliation"), gate);
        }
        List<Map<String, Object>> conditions = disputed.getList("gates.contribution.conditions");
        for (Map<String, Object> c : conditions) {
            assertTrue(((List<String>) c.get("flags")).contains("disputed_affiliation"), String.valueOf(c.get("indicator")));
        }
        List<Map<String, Object>> direction = disputed.getList("gates.direction.conditions");
        for (Map<String, Object> c : direction) {
            boolean rests = c.get("indicator").equals("gatekeeper_top_org_share");
            assertEquals(rests, ((List<String>) c.get("flags")).contains("disputed_affiliation"), String.valueOf(c.get("indicator")));
        }
    }

    /**
     * Issue 17: "disputed" reads both dispute tables. A steward's close of an affiliation it did not
     * record (a dispute in fact_dispute) flags the figures as anyone's affiliation dispute does, until
     * a curator decides; under version 2 an open dispute of the affiliation's organisation does too
     * (version 1 counts affiliation disputes only).
     */
    @Test
    void aStewardsDisputeOfTheAffiliationOrOfItsOrganisationFlagsTheFigures() {
        String org = organisation("company");
        Dataset d = Dataset.project("community");
        long p = person();
        d.contribute(p, "2024-03-01", 2);
        long affiliation = admin().body(Map.of("contributor", p, "organisation", org, "from", "2024-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, String> query = Map.of("at", "2024-06-30", "names", "top_org_share");
        Map<String, String> v1 = Map.of("at", "2024-06-30", "names", "top_org_share", "methodology", "1");
        assertFalse(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));

        String steward = io.counterpower.support.Fixtures.key("steward:" + org);
        long close = io.counterpower.support.Api.as(steward).queryParam("reason", "not one of ours")
                .delete("/api/v1/affiliations/" + affiliation).then().statusCode(202).extract().jsonPath().getLong("id");
        assertTrue(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));
        assertTrue(flags(ContributionIndicatorsTest.indicators(d.slug, v1), "top_org_share").contains("disputed_affiliation"));
        admin().body(Map.of("reason", "the source is right")).post("/api/v1/disputes/" + close + "/reject").then().statusCode(200);
        assertFalse(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));

        Map<String, Object> retyped = io.counterpower.support.Fixtures.withReason(
                io.counterpower.support.Fixtures.organisationBody(org, "foundation", List.of(org + ".example")), "we are a foundation");
        long retype = io.counterpower.support.Api.as(steward).body(retyped).put("/api/v1/organisations/" + org)
                .then().statusCode(202).extract().jsonPath().getLong("id");
        assertTrue(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));
        assertFalse(flags(ContributionIndicatorsTest.indicators(d.slug, v1), "top_org_share").contains("disputed_affiliation"));
        admin().body(Map.of("reason", "the register says company")).post("/api/v1/disputes/" + retype + "/reject").then().statusCode(200);
        assertFalse(flags(ContributionIndicatorsTest.indicators(d.slug, query), "top_org_share").contains("disputed_affiliation"));
    }
}

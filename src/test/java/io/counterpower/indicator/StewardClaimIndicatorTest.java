package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17: a steward's self-reported affiliation that another source contradicts over the same
 * dates is recorded as a claim (an open dispute), shown as a conflict on the contradicted
 * affiliation, and counts in no indicator until a curator accepts it.
 */
@QuarkusTest
class StewardClaimIndicatorTest {

    private static Map<String, Object> affiliation(long person, String org, String from, Map<String, Object> source) {
        Map<String, Object> body = new HashMap<>();
        body.put("contributor", person);
        body.put("organisation", org);
        body.put("from", from);
        body.put("source", source);
        return body;
    }

    private static double topOrgShare(String slug) {
        JsonPath body = ContributionIndicatorsTest.indicators(slug, Map.of("at", "2024-06-30", "names", "top_org_share,org_count"));
        return ContributionIndicatorsTest.number(body, "top_org_share");
    }

    @Test
    void aContradictedStewardClaimCountsOnlyOnceACuratorAcceptsIt() {
        String steward = organisation("company");
        String other = organisation("company");
        String stewardKey = key("steward:" + steward);
        Dataset d = Dataset.project("community");
        long p = person();
        long q = person();
        d.contribute(p, "2024-03-01", 3);
        d.contribute(q, "2024-04-01", 1);
        // p works for the other organisation (a curator's import), q for the steward's (manual).
        long imported = admin().body(affiliation(p, other, "2024-01-01",
                        Map.of("kind", "import", "url", "https://example.org/gitdm", "confidence", "reported")))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(affiliation(q, steward, "2024-01-01", source())).post("/api/v1/affiliations").then().statusCode(201);
        // Before: the other organisation has 3 of 4 known contributions.
        assertEquals(0.75, topOrgShare(d.slug), 1e-9);

        // The steward claims p over the same dates: 202, a claim naming the contradicted affiliation; nothing counts.
        long claim = as(stewardKey).body(affiliation(p, steward, "2024-02-01",
                        Map.of("url", "https://steward.example/team", "confidence", "reported")))
                .post("/api/v1/affiliations").then().statusCode(202)
                .body("action", equalTo("claim")).body("kind", equalTo("affiliation"))
                .body("conflictsWith", equalTo(List.of((int) imported))).body("state", equalTo("open"))
                .extract().jsonPath().getLong("id");
        assertEquals(0.75, topOrgShare(d.slug), 1e-9);
        anonymous().get("/api/v1/affiliations/" + imported).then().statusCode(200).body("disputed", equalTo(true));
        anonymous().get("/api/v1/contributors/" + p + "/affiliations").then().statusCode(200).body("size()", equalTo(1));

        // A curator accepts: the claim is recorded (self-reported, above import) and p now counts for
        // the steward's organisation: 4 of 4.
        long recorded = admin().body(Map.of("reason", "the team page lists p since February"))
                .post("/api/v1/disputes/" + claim + "/accept").then().statusCode(200)
                .body("state", equalTo("accepted")).extract().jsonPath().getLong("resultingFact");
        anonymous().get("/api/v1/affiliations/" + recorded).then().statusCode(200)
                .body("organisation", equalTo(steward)).body("source.kind", equalTo("self-reported"))
                .body("version.reason", equalTo("dispute " + claim + " accepted: the team page lists p since February"
                        + " (steward's reason: self-reported affiliation contradicted by another source)"));
        anonymous().get("/api/v1/affiliations/" + imported).then().statusCode(200).body("disputed", equalTo(false));
        assertEquals(1.0, topOrgShare(d.slug), 1e-9);
    }

    @Test
    void anUncontradictedStewardClaimIsRecordedAtOnceAndARejectedClaimNever() {
        String steward = organisation("company");
        String other = organisation("company");
        String stewardKey = key("steward:" + steward);
        long free = person();
        as(stewardKey).body(affiliation(free, steward, "2024-01-01", Map.of("confidence", "reported")))
                .post("/api/v1/affiliations").then().statusCode(201).body("source.kind", equalTo("self-reported"));
        long taken = person();
        admin().body(affiliation(taken, other, "2023-01-01", source())).post("/api/v1/affiliations").then().statusCode(201);
        long claim = as(stewardKey).body(affiliation(taken, steward, "2024-01-01", Map.of("confidence", "reported")))
                .post("/api/v1/affiliations").then().statusCode(202).extract().jsonPath().getLong("id");
        admin().body(Map.of("reason", "no evidence")).post("/api/v1/disputes/" + claim + "/reject").then().statusCode(200)
                .body("resultingFact", equalTo(null));
        anonymous().get("/api/v1/contributors/" + taken + "/affiliations").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].organisation", equalTo(other)).body("[0].disputed", equalTo(false));
    }
}

package io.counterpower.contributor;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AffiliationResourceTest {

    static Map<String, Object> affiliation(long contributor, String organisation, String from, String to) {
        Map<String, Object> body = new HashMap<>();
        body.put("contributor", contributor);
        if (organisation == null) {
            body.put("independent", true);
        } else {
            body.put("organisation", organisation);
        }
        body.put("from", from);
        body.put("to", to);
        body.put("source", source());
        return body;
    }

    @Test
    void recordsPeriodsWithAnOrganisationOrAsIndependent() {
        long person = contributor(unique("p") + "@example.org");
        String org = organisation("company");
        admin().body(affiliation(person, null, "2018-01-01", "2020-12-31")).post("/api/v1/affiliations")
                .then().statusCode(201).body("independent", equalTo(true)).body("organisation", nullValue())
                .body("tier", equalTo(1));
        admin().body(affiliation(person, org, "2021-01-01", null)).post("/api/v1/affiliations")
                .then().statusCode(201).body("organisation", equalTo(org));
        anonymous().queryParam("contributor", String.valueOf(person)).queryParam("at", "2019-06-01").get("/api/v1/affiliations")
                .then().body("totalItems", equalTo(1)).body("items[0].independent", equalTo(true));
        anonymous().queryParam("contributor", String.valueOf(person)).queryParam("at", "2023-06-01").get("/api/v1/affiliations")
                .then().body("items[0].organisation", equalTo(org));
        anonymous().get("/api/v1/contributors/" + person + "/affiliations").then().body("$", hasSize(2));
        anonymous().queryParam("organisation", org).get("/api/v1/contributors").then().body("items[0].id", equalTo((int) person));
    }

    @Test
    void overlappingPeriodsOfOneTierAreAConflictButOtherTiersMayOverlap() {
        long person = contributor(unique("p") + "@example.org");
        String a = organisation("company");
        String b = organisation("company");
        long first = admin().body(affiliation(person, a, "2020-01-01", "2022-12-31")).post("/api/v1/affiliations")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(affiliation(person, b, "2022-06-01", null)).post("/api/v1/affiliations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("affiliation " + first)).body("detail", containsString("same source tier"));
        Map<String, Object> imported = affiliation(person, b, "2022-06-01", null);
        imported.put("source", Map.of("kind", "import", "url", "https://example.org/gitdm", "confidence", "reported"));
        admin().body(imported).post("/api/v1/affiliations").then().statusCode(201).body("tier", equalTo(3));
        // Shortening the first period makes room for the second in the manual tier.
        admin().body(io.counterpower.support.Fixtures.withReason(affiliation(person, a, "2020-01-01", "2022-05-31"), "left in May"))
                .put("/api/v1/affiliations/" + first).then().statusCode(200);
        admin().body(affiliation(person, b, "2022-06-01", null)).post("/api/v1/affiliations").then().statusCode(201);
    }

    @Test
    void aNewPeriodCanCloseTheRunningOneInsteadOfConflicting() {
        long person = contributor(unique("p") + "@example.org");
        String first = organisation("company");
        String second = organisation("company");
        long old = admin().body(affiliation(person, first, "2019-01-01", null)).post("/api/v1/affiliations")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(affiliation(person, second, "2022-04-01", null)).post("/api/v1/affiliations").then().statusCode(409);
        admin().queryParam("previous", "close").body(affiliation(person, second, "2022-04-01", null)).post("/api/v1/affiliations")
                .then().statusCode(201).body("organisation", equalTo(second));
        anonymous().get("/api/v1/affiliations/" + old).then().body("to", equalTo("2022-03-31"));
        admin().queryParam("previous", "split").body(affiliation(person, first, "2023-01-01", null)).post("/api/v1/affiliations")
                .then().statusCode(400).body("errors[0].field", equalTo("previous"));
    }

    @Test
    void editsKeepTheirHistoryAndAsRecordedOnGivesTheOldPeriod() {
        long person = contributor(unique("p") + "@example.org");
        String org = organisation("company");
        long id = admin().body(affiliation(person, org, "2020-01-01", null)).post("/api/v1/affiliations")
                .then().extract().jsonPath().getLong("id");
        Instant before = Moments.between();
        Map<String, Object> corrected = affiliation(person, org, "2020-01-01", "2021-03-31");
        corrected.put("reason", "left in March 2021 (LinkedIn)");
        admin().body(corrected).put("/api/v1/affiliations/" + id).then().statusCode(200).body("to", equalTo("2021-03-31"));
        anonymous().queryParam("asRecordedOn", before.toString()).get("/api/v1/affiliations/" + id)
                .then().body("to", nullValue());
        anonymous().get("/api/v1/affiliations/" + id + "/history").then().body("$", hasSize(2))
                .body("[1].version.reason", equalTo("left in March 2021 (LinkedIn)"));
        admin().queryParam("reason", "recorded in error").delete("/api/v1/affiliations/" + id).then().statusCode(204);
        anonymous().get("/api/v1/affiliations/" + id).then().statusCode(404);
    }

    @Test
    void invalidAffiliationsAreRejected() {
        long person = contributor(unique("p") + "@example.org");
        String org = organisation("company");
        Map<String, Object> both = affiliation(person, org, "2020-01-01", null);
        both.put("independent", true);
        admin().body(both).post("/api/v1/affiliations").then().statusCode(400).body("errors[0].field", equalTo("independent"));
        Map<String, Object> neither = affiliation(person, org, "2020-01-01", null);
        neither.remove("organisation");
        admin().body(neither).post("/api/v1/affiliations").then().statusCode(400).body("errors[0].field", equalTo("organisation"));
        admin().body(affiliation(person, org, "2021-01-01", "2020-01-01")).post("/api/v1/affiliations")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        admin().body(affiliation(999_999_999L, org, "2021-01-01", null)).post("/api/v1/affiliations")
                .then().statusCode(400).body("errors[0].field", equalTo("contributor"));
        admin().body(affiliation(person, "no-such-org", null, null)).post("/api/v1/affiliations")
                .then().statusCode(400).body("errors[0].field", equalTo("organisation"));
    }

    @Test
    void aStewardRecordsSelfReportedAffiliationsWithItsOwnOrganisationOnly() {
        long person = contributor(unique("p") + "@example.org");
        String mine = organisation("foundation");
        String theirs = organisation("company");
        String steward = key("steward:" + mine);
        as(steward).body(affiliation(person, mine, "2022-01-01", null)).post("/api/v1/affiliations")
                .then().statusCode(201).body("source.kind", equalTo("self-reported")).body("tier", equalTo(2));
        as(steward).body(affiliation(person, theirs, "2019-01-01", "2019-12-31")).post("/api/v1/affiliations")
                .then().statusCode(403);
        as(steward).body(affiliation(person, null, "2019-01-01", "2019-12-31")).post("/api/v1/affiliations")
                .then().statusCode(403);
    }
}

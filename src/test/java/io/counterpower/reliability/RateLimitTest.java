package io.counterpower.reliability;

import io.counterpower.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * The expensive endpoints' token buckets, with the tight allowances of {@link IsolatedServiceProfile}
 * (3 requests per key, 2 per address, refilled over an hour): the request past the allowance is a
 * 429 problem+json with Retry-After; keys and addresses have buckets of their own; cheap reads are
 * never counted.
 */
@QuarkusTest
@TestProfile(IsolatedServiceProfile.class)
@EnabledIf(value = "io.counterpower.reliability.ThrowawayPostgres#serverToolsAvailable",
        disabledReason = ThrowawayPostgres.NEEDS_SERVER_TOOLS)
class RateLimitTest {
    private static final String EXPORT = "/api/v1/governance-events/export";

    @Test
    void anAddressWithoutAKeyGetsItsAllowanceThen429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            anonymous().get("/api/v1/projects").then().statusCode(200); // cheap: never counted
        }
        for (long i = 0; i < IsolatedServiceProfile.ADDRESS_CAPACITY; i++) {
            csv(anonymous()).get(EXPORT).then().statusCode(200);
        }
        csv(anonymous()).get(EXPORT).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("status", equalTo(429)).body("title", equalTo("Too many requests"))
                .body("detail", containsString("from this address"));
        csv(anonymous()).get("/api/v1/adopters/export").then().statusCode(429); // one bucket for every expensive path

        // A key has a bucket of its own, whatever its address has used.
        String key = Fixtures.key("curator");
        csv(as(key)).get(EXPORT).then().statusCode(200);
    }

    @Test
    void aKeyGetsItsAllowanceThen429AndOtherKeysAreNotAffected() {
        String slug = Fixtures.project(null);
        String key = Fixtures.key("curator");
        for (long i = 0; i < IsolatedServiceProfile.KEY_CAPACITY; i++) {
            csv(as(key)).get(EXPORT).then().statusCode(200);
        }
        csv(as(key)).get(EXPORT).then().statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString("with this API key"));
        // Collections count too, and a refused one queues nothing.
        as(key).body(Map.of("source", "git", "url", "https://github.com/a/b.git"))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(429);
        anonymous().queryParam("project", slug).get("/api/v1/jobs").then().statusCode(200).body("totalItems", equalTo(0));
        // Writes that are not expensive are not counted.
        as(key).body(Fixtures.organisationBody(io.counterpower.support.Api.unique("org"), "company", java.util.List.of()))
                .post("/api/v1/organisations").then().statusCode(201);

        csv(as(Fixtures.key("curator"))).get(EXPORT).then().statusCode(200);
        admin().get("/api/v1/projects/" + slug).then().statusCode(200);
    }

    @Test
    void chartsComparisonsReportsAndPinnedRankingsShareTheBucketPlainRankingsDoNot() {
        String slug = Fixtures.project(null);
        String key = Fixtures.key("curator");
        for (long i = 0; i < IsolatedServiceProfile.KEY_CAPACITY; i++) {
            csv(as(key)).get(EXPORT).then().statusCode(200);
        }
        as(key).queryParam("projects", slug).get("/api/v1/compare").then().statusCode(429);
        as(key).accept("image/svg+xml, application/problem+json")
                .get("/api/v1/projects/" + slug + "/charts/top_org_share.svg").then().statusCode(429);
        as(key).get("/api/v1/organisations/" + Fixtures.organisation("foundation") + "/governance-report").then().statusCode(429);
        // Pinned, the ranking is computed for every project; plain, it is read from the stored snapshot.
        as(key).queryParam("at", "2024-01-01").get("/api/v1/risk").then().statusCode(429);
        as(key).get("/api/v1/risk").then().statusCode(org.hamcrest.Matchers.not(429));
    }

    private static RequestSpecification csv(RequestSpecification request) {
        return request.accept("text/csv, application/problem+json");
    }
}

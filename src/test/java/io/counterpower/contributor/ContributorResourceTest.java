package io.counterpower.contributor;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ContributorResourceTest {

    @Test
    void createsAContributorWithIdentitiesAndShowsEmailsToCuratorsOnly() {
        String email = unique("ada") + "@example.org";
        long id = admin().body(Map.of("displayName", "Ada",
                        "identities", List.of(Map.of("name", "Ada L", "email", email),
                                Map.of("platform", "github", "username", unique("ada"))),
                        "source", source()))
                .post("/api/v1/contributors").then().statusCode(201)
                .body("identities", hasSize(2))
                .extract().jsonPath().getLong("id");
        anonymous().get("/api/v1/contributors/" + id).then().statusCode(200)
                .body("displayName", equalTo("Ada"))
                .body("identities.emailDomain", hasItem("example.org"))
                .body("identities[0].email", nullValue());
        admin().get("/api/v1/contributors/" + id).then().body("identities.email", hasItem(email));
        admin().queryParam("email", email.toUpperCase()).get("/api/v1/contributors").then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) id));
        admin().queryParam("email", email).get("/api/v1/identities").then()
                .body("totalItems", equalTo(1)).body("items[0].contributor", equalTo((int) id));
        // Emails are not public, so neither is a search by email.
        anonymous().queryParam("email", email).get("/api/v1/identities").then().statusCode(403);
    }

    @Test
    void anIdentityBelongsToOneContributorAndMovesWithHistory() {
        String email = unique("bob") + "@example.org";
        long bob = contributor(email);
        long other = contributor(unique("rob") + "@example.org");
        admin().body(Map.of("identity", Map.of("name", "Person", "email", email), "source", source()))
                .post("/api/v1/contributors/" + other + "/identities").then().statusCode(409)
                .body("detail", containsString("belongs to contributor " + bob));
        long identity = anonymous().get("/api/v1/contributors/" + bob + "/identities").then()
                .extract().jsonPath().getLong("[0].id");
        admin().body(Map.of("contributor", other, "bot", false, "source", source(), "reason", "same person"))
                .put("/api/v1/identities/" + identity).then().statusCode(200).body("contributor", equalTo((int) other));
        anonymous().get("/api/v1/contributors/" + bob + "/identities").then().body("$", hasSize(0));
        anonymous().get("/api/v1/contributors/" + other + "/identities").then().body("$", hasSize(2));
        // With its identity gone, the empty contributor can be closed.
        admin().queryParam("reason", "recorded in error").delete("/api/v1/contributors/" + bob).then().statusCode(204);
        admin().queryParam("reason", "recorded in error").delete("/api/v1/contributors/" + other).then().statusCode(409);
    }

    @Test
    void aBotIsFlaggedOnItsLink() {
        long id = admin().body(Map.of("displayName", "dependabot[bot]",
                        "identities", List.of(Map.of("name", "dependabot[bot]", "email", unique("bot") + "@users.noreply.github.com",
                                "bot", true, "botReason", "name ends in [bot]")),
                        "source", source()))
                .post("/api/v1/contributors").then().statusCode(201).extract().jsonPath().getLong("id");
        anonymous().get("/api/v1/contributors/" + id).then().body("identities[0].bot", equalTo(true))
                .body("identities[0].botReason", equalTo("name ends in [bot]"));
    }

    @Test
    void aFailingWriteInsideATransactionLeavesNothingBehind() {
        // The second identity repeats the first: the service fails after it has inserted the
        // contributor and the first identity, and the transaction must take all of it back.
        String name = unique("Twice");
        String email = unique("twice") + "@example.org";
        admin().body(Map.of("displayName", name,
                        "identities", List.of(Map.of("email", email), Map.of("email", email)),
                        "source", source()))
                .post("/api/v1/contributors").then().statusCode(409).contentType("application/problem+json");
        anonymous().queryParam("q", name).get("/api/v1/contributors").then().body("totalItems", equalTo(0));
        admin().queryParam("email", email).get("/api/v1/identities").then().body("totalItems", equalTo(0));
    }

    @Test
    void onlyCuratorsWriteContributors() {
        String steward = key("steward:" + io.counterpower.support.Fixtures.organisation("company"));
        as(steward).body(Map.of("displayName", "X", "source", source())).post("/api/v1/contributors").then().statusCode(403);
        as(key("curator")).body(Map.of("displayName", "X", "source", source())).post("/api/v1/contributors").then().statusCode(201);
    }
}

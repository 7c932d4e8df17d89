package io.counterpower.contributor;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class AffiliationDisputeTest {

    private static long affiliation(long person, String org) {
        return admin().body(Map.of("contributor", person, "organisation", org, "from", "2020-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void anUpheldDisputeCorrectsTheAffiliationAndTheFlagFollowsTheDispute() {
        long person = contributor(unique("d") + "@example.org");
        String org = organisation("company");
        long id = affiliation(person, org);
        String anyKey = key("steward:" + organisation("community"));
        long dispute = as(anyKey).body(Map.of("affiliation", id, "reason", "left in 2021, says her blog"))
                .post("/api/v1/affiliation-disputes").then().statusCode(201).body("state", equalTo("open"))
                .extract().jsonPath().getLong("id");
        anonymous().get("/api/v1/affiliations/" + id).then().body("disputed", equalTo(true));
        anonymous().get("/api/v1/contributors/" + person).then().body("affiliations[0].disputed", equalTo(true));
        anonymous().queryParam("state", "open").queryParam("affiliation", String.valueOf(id)).get("/api/v1/affiliation-disputes")
                .then().body("totalItems", equalTo(1));

        as(anyKey).body(Map.of("outcome", "upheld")).post("/api/v1/affiliation-disputes/" + dispute + "/resolution")
                .then().statusCode(403);
        Map<String, Object> correction = new HashMap<>(Map.of("contributor", person, "organisation", org, "from", "2020-01-01",
                "to", "2021-06-30", "source", source()));
        admin().body(Map.of("outcome", "upheld", "note", "confirmed", "correction", correction))
                .post("/api/v1/affiliation-disputes/" + dispute + "/resolution").then().statusCode(200).body("state", equalTo("upheld"));
        anonymous().get("/api/v1/affiliations/" + id).then().body("to", equalTo("2021-06-30")).body("disputed", equalTo(false));
        admin().body(Map.of("outcome", "rejected")).post("/api/v1/affiliation-disputes/" + dispute + "/resolution")
                .then().statusCode(409);
    }

    @Test
    void aRejectedDisputeLeavesTheAffiliationAndAnUpheldOneWithoutCorrectionClosesIt() {
        long person = contributor(unique("d") + "@example.org");
        long kept = affiliation(person, organisation("company"));
        long rejected = admin().body(Map.of("affiliation", kept, "reason", "not sure")).post("/api/v1/affiliation-disputes")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(Map.of("outcome", "rejected", "note", "the source is clear")).post("/api/v1/affiliation-disputes/" + rejected + "/resolution")
                .then().statusCode(200).body("state", equalTo("rejected"));
        anonymous().get("/api/v1/affiliations/" + kept).then().statusCode(200).body("disputed", equalTo(false));

        long person2 = contributor(unique("d") + "@example.org");
        long wrong = affiliation(person2, organisation("company"));
        long upheld = admin().body(Map.of("affiliation", wrong, "reason", "never worked there")).post("/api/v1/affiliation-disputes")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(Map.of("outcome", "upheld")).post("/api/v1/affiliation-disputes/" + upheld + "/resolution").then().statusCode(200);
        anonymous().get("/api/v1/affiliations/" + wrong).then().statusCode(404);
    }

    @Test
    void badDisputesAreRejected() {
        long person = contributor(unique("d") + "@example.org");
        long id = affiliation(person, organisation("company"));
        admin().body(Map.of("affiliation", id)).post("/api/v1/affiliation-disputes").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        admin().body(Map.of("affiliation", 999_999_999L, "reason", "x")).post("/api/v1/affiliation-disputes").then().statusCode(404);
        invalid().contentType("application/json").body(Map.of("affiliation", id, "reason", "x")).post("/api/v1/affiliation-disputes")
                .then().statusCode(401);
        long dispute = admin().body(Map.of("affiliation", id, "reason", "x")).post("/api/v1/affiliation-disputes")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(Map.of("outcome", "maybe")).post("/api/v1/affiliation-disputes/" + dispute + "/resolution").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        anonymous().queryParam("state", "pending").get("/api/v1/affiliation-disputes").then().statusCode(400);
    }
}

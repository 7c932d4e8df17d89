package io.counterpower.watch;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.governanceEvent;
import static io.counterpower.watch.WatchFixtures.watchBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17, attack 1: the steward of a watched project tries to read, rewrite, delete, list and
 * redeliver another key's watch. A watch belongs to the key that created it and to admin keys;
 * every other key, whatever its scope, gets 404 and changes nothing.
 */
@QuarkusTest
class WatchOwnershipTest {
    private static final Map<String, Object> GOVERNANCE = Map.of("type", "governance-event");

    @Inject
    WatchEvaluations evaluations;
    @Inject
    WebhookSender sender;

    @Test
    void theWatchedPartyCannotSeeRewriteDeleteOrRedeliverAnotherKeysWatch() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String steward = organisation("foundation");
            String slug = project(steward);
            String stewardKey = key("steward:" + steward);
            String curatorKey = key("curator");
            String otherAdmin = key("admin");

            // A curator (a journalist's key, say) watches the project; one delivery is made.
            long watch = as(curatorKey).body(watchBody(slug, null, receiver.url(), List.of(GOVERNANCE))).post("/api/v1/watches")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            evaluations.evaluateQueued("test-evaluator");
            governanceEvent(slug, "2024-07-01");
            evaluations.evaluateQueued("test-evaluator");
            sender.sendDue("test-sender");
            assertEquals(1, receiver.requests.size());
            long delivery = as(curatorKey).get("/api/v1/watches/" + watch + "/deliveries").then().statusCode(200)
                    .extract().jsonPath().getLong("items[0].id");

            // The steward of the watched project, and a second curator: the watch does not exist for them.
            Map<String, Object> hijack = watchBody(slug, null, "http://127.0.0.1:9/hook", List.of(Map.of("type", "stage-change")));
            for (String intruder : List.of(stewardKey, key("curator"))) {
                as(intruder).get("/api/v1/watches/" + watch).then().statusCode(404);
                as(intruder).body(hijack).put("/api/v1/watches/" + watch).then().statusCode(404);
                as(intruder).delete("/api/v1/watches/" + watch).then().statusCode(404);
                as(intruder).get("/api/v1/watches/" + watch + "/deliveries").then().statusCode(404);
                as(intruder).get("/api/v1/watches/" + watch + "/deliveries/" + delivery).then().statusCode(404);
                as(intruder).post("/api/v1/watches/" + watch + "/deliveries/" + delivery + "/redeliver").then().statusCode(404);
                as(intruder).queryParam("project", slug).get("/api/v1/watches").then().statusCode(200)
                        .body("items.id", not(hasItem((int) watch)));
            }

            // Nothing changed: same URL, same conditions, still active, one delivery.
            as(curatorKey).get("/api/v1/watches/" + watch).then().statusCode(200)
                    .body("url", equalTo(receiver.url())).body("conditions[0].type", equalTo("governance-event"))
                    .body("active", equalTo(true));
            as(curatorKey).get("/api/v1/watches/" + watch + "/deliveries").then().statusCode(200).body("totalItems", equalTo(1));

            // Admin keys see and manage every watch.
            as(otherAdmin).get("/api/v1/watches/" + watch).then().statusCode(200);
            admin().queryParam("project", slug).get("/api/v1/watches").then().statusCode(200)
                    .body("items.id", hasItem((int) watch));

            // The steward's own watch on its project is its own, and not the curator's.
            long own = as(stewardKey).body(watchBody(slug, null, receiver.url(), List.of(GOVERNANCE))).post("/api/v1/watches")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            as(curatorKey).get("/api/v1/watches/" + own).then().statusCode(404);
            as(key("steward:" + steward)).get("/api/v1/watches/" + own).then().statusCode(404);
            as(stewardKey).get("/api/v1/watches/" + own).then().statusCode(200);
            as(stewardKey).delete("/api/v1/watches/" + own).then().statusCode(204);
            as(curatorKey).delete("/api/v1/watches/" + watch).then().statusCode(204);
        }
    }
}

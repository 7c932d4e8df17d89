package io.counterpower.watch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.governanceEvent;
import static io.counterpower.watch.WatchFixtures.watchBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding against webhooks: a steward's receiver name answers a public address when the watch
 * is created and 127.0.0.1 at delivery ({@link ScriptedResolver}). Every delivery looks the name up
 * once, checks what it got, and connects to that address; nothing reaches the local receiver.
 * No test here connects to anything but the loopback: the public address is only ever checked.
 */
@QuarkusTest
class WebhookRebindingTest {
    private static final Map<String, Object> GOVERNANCE = Map.of("type", "governance-event");

    @Inject
    WatchEvaluations evaluations;
    @Inject
    WebhookSender sender;

    private static String host(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** Evaluates (the baseline), records a governance event on the project, evaluates and sends. */
    private void eventThenSend(String slug) {
        evaluations.evaluateQueued("test-evaluator");
        governanceEvent(slug, "2024-07-01");
        evaluations.evaluateQueued("test-evaluator");
        sender.sendDue("test-sender");
    }

    @Test
    void aNameThatWasPublicAtCreationAndIsLoopbackAtDeliveryIsNotSentTo() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String mine = organisation("foundation");
            String slug = project(mine);
            String steward = key("steward:" + mine);
            String host = host("rebind");
            ScriptedResolver.answer(host, "203.0.113.7", "127.0.0.1");
            long id = as(steward).body(watchBody(slug, null, "http://" + host + ":" + receiver.port() + "/hook", List.of(GOVERNANCE)))
                    .post("/api/v1/watches").then().statusCode(201).extract().jsonPath().getLong("id");
            assertEquals(1, ScriptedResolver.lookups(host), "checked once at creation");

            eventThenSend(slug);

            assertEquals(0, receiver.requests.size(), "the rebound name must not lead to the loopback receiver");
            assertEquals(2, ScriptedResolver.lookups(host), "looked up once more, at the delivery, and not again to connect");
            JsonPath log = as(steward).get("/api/v1/watches/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
            assertEquals(1, log.getInt("totalItems"));
            assertEquals("pending", log.getString("items[0].state"), "refused attempts are retried: the name may turn public again");
            assertNull(log.get("items[0].attemptLog[0].status"));
            String error = log.getString("items[0].attemptLog[0].error");
            assertTrue(error.startsWith("Not sent") && error.contains("own network"), error);
        }
    }

    @Test
    void theConnectionGoesToTheAddressTheLookUpCheckedWithoutASecondLookUp() throws Exception {
        try (Receiver receiver = new Receiver()) {
            // An operator's receiver may be internal. The name exists only in the scripted resolver,
            // so the delivery can only arrive if the sender connects to the address it looked up.
            String slug = project(organisation("foundation"));
            String host = host("operator");
            ScriptedResolver.answer(host, "127.0.0.1");
            String url = "http://" + host + ":" + receiver.port() + "/hook";
            long id = admin().body(watchBody(slug, null, url, List.of(GOVERNANCE))).post("/api/v1/watches")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            eventThenSend(slug);
            assertEquals(1, receiver.requests.size());
            assertEquals(host + ":" + receiver.port(), receiver.requests.get(0).header("Host"), "the Host header names the URL's host");
            assertEquals(1, ScriptedResolver.lookups(host), "one look-up for the delivery, none at creation (operators are not checked)");
            admin().get("/api/v1/watches/" + id + "/deliveries").then().statusCode(200)
                    .body("items[0].state", org.hamcrest.Matchers.equalTo("delivered"));
        }
    }

    @Test
    void aRedirectIsAnAnswerNotAWayIn() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(organisation("foundation"));
            receiver.answerNext(307);
            long id = admin().body(watchBody(slug, null, receiver.url(), List.of(GOVERNANCE))).post("/api/v1/watches")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            eventThenSend(slug);
            assertEquals(1, receiver.requests.size(), "the 307 is not followed");
            admin().get("/api/v1/watches/" + id + "/deliveries").then().statusCode(200)
                    .body("items[0].attemptLog[0].status", org.hamcrest.Matchers.equalTo(307))
                    .body("items[0].state", org.hamcrest.Matchers.equalTo("pending"));
        }
    }

    @Test
    void aStewardsNameThatAnswersLoopbackAtCreationIsRefusedThen() {
        String mine = organisation("foundation");
        String slug = project(mine);
        String host = host("loopback");
        ScriptedResolver.answer(host, "127.0.0.1");
        io.counterpower.support.Api.invalid().header("Authorization", "Bearer " + key("steward:" + mine))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(watchBody(slug, null, "http://" + host + "/hook", List.of(GOVERNANCE))).post("/api/v1/watches")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("url"));
    }
}

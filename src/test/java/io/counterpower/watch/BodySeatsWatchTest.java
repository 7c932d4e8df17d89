package io.counterpower.watch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.body;
import static io.counterpower.watch.WatchFixtures.seat;
import static io.counterpower.watch.WatchFixtures.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code body-seats-one-third} condition (METHODOLOGY.md version 2 section 7): a webhook when an
 * organisation comes to hold more than one third of a governing body's seats, with the body and the
 * organisation in the payload; the first evaluation is a baseline.
 */
@QuarkusTest
class BodySeatsWatchTest {
    @Inject
    WatchEvaluations evaluations;
    @Inject
    WebhookSender sender;

    private void evaluate() {
        evaluations.evaluateQueued("test-evaluator");
        sender.sendDue("test-sender");
    }

    @Test
    void anOrganisationCrossingOneThirdOfABodyIsDeliveredWithTheBodyAndTheOrganisation() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String a = organisation("company"), b = organisation("company"), c = organisation("nonprofit");
            String slug = project(organisation("foundation"));
            long body = body(slug);
            seat(body, a, "member");
            seat(body, b, "member");
            seat(body, c, "member");
            watch(slug, receiver.url(), Map.of("type", "body-seats-one-third"));
            evaluate();                                  // baseline: one seat in three each
            assertEquals(0, receiver.requests.size());

            seat(body, a, "chair");                      // A: 2 of 4 seats, above one third
            evaluate();
            assertEquals(1, receiver.requests.size());
            JsonPath payload = new JsonPath(receiver.requests.get(0).body());
            assertEquals("body-seats-one-third-crossed", payload.getString("type"));
            assertEquals("at-or-below", payload.getString("previous.status"));
            assertEquals("above", payload.getString("current.status"));
            assertEquals(a, payload.getString("current.over[0].organisation"));
            assertEquals("Steering of " + slug, payload.getString("current.over[0].body"));
            assertEquals(0.5, payload.getDouble("current.over[0].share"), 1e-9);

            evaluations.queueAll();                      // nothing new: no second delivery
            evaluate();
            assertEquals(1, receiver.requests.size());
        }
    }
}

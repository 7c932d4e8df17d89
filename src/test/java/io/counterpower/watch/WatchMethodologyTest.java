package io.counterpower.watch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.body;
import static io.counterpower.watch.WatchFixtures.seat;
import static io.counterpower.watch.WatchFixtures.watchBody;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Watches keep the methodology version they were created under (METHODOLOGY.md section 8): the
 * switch of the default version fires no alert, an owner moves a watch by replacing it, and a
 * delivery names the watch's version. The fixture: a community project with nothing recorded, which
 * version 1 reads as "emergence" and version 2 as "undetermined" (emergence not shown).
 */
@QuarkusTest
class WatchMethodologyTest {
    @Inject
    WatchEvaluations evaluations;
    @Inject
    WebhookSender sender;
    @Inject
    jakarta.persistence.EntityManager em;

    private void evaluate() {
        evaluations.queueAll();
        evaluations.evaluateQueued("test-evaluator");
        sender.sendDue("test-sender");
    }

    private String storedStatus(long watchId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "select state -> '0' ->> 'status' from watch_state where watch_id = ?1")
                .setParameter(1, watchId).getSingleResult());
    }

    private Object storedVersion(long watchId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select state -> '0' ->> 'methodologyVersion' from watch_state where watch_id = ?1")
                .setParameter(1, watchId).getSingleResult());
    }

    @Test
    void aWatchKeepsItsVersionAndTheSwitchFiresNothing() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(null);
            Map<String, Object> in = watchBody(slug, null, receiver.url(), List.of(Map.of("type", "stage-change")));
            // Created without a version: today's default, 2.
            JsonPath byDefault = admin().body(in).post("/api/v1/watches").then().statusCode(201).extract().jsonPath();
            assertEquals(2, byDefault.getInt("methodology"));
            admin().delete("/api/v1/watches/" + byDefault.getLong("id")).then().statusCode(204);

            in.put("methodology", 1);
            JsonPath w = admin().body(in).post("/api/v1/watches").then().statusCode(201).extract().jsonPath();
            long id = w.getLong("id");
            assertEquals(1, w.getInt("methodology"));
            evaluate();
            assertEquals("emergence", storedStatus(id));        // read with version 1, not the default
            assertEquals("1", storedVersion(id));

            // A state recorded before states named their version (an upgrade), read under version 2 by the old
            // default: the watch's own version now reads another stage, and that is no change to report.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                            update watch_state set state = jsonb_set(state #- '{0,methodologyVersion}', '{0,status}', '"undetermined"')
                            where watch_id = ?1""").setParameter(1, id).executeUpdate());
            evaluate();
            assertEquals(0, receiver.requests.size(), "a switch of version is not a change of the project");
            assertEquals("emergence", storedStatus(id));
            assertEquals("1", storedVersion(id));

            // The owner moves it to version 2: a baseline again, no alert; the view says so.
            in.put("methodology", 2);
            admin().body(in).put("/api/v1/watches/" + id).then().statusCode(200)
                    .body("methodology", org.hamcrest.Matchers.equalTo(2));
            evaluate();
            assertEquals(0, receiver.requests.size());
            assertEquals("undetermined", storedStatus(id));

            // Left out on a replacement, the version stays.
            in.remove("methodology");
            admin().body(in).put("/api/v1/watches/" + id).then().statusCode(200)
                    .body("methodology", org.hamcrest.Matchers.equalTo(2));
        }
    }

    @Test
    void aDeliveryNamesTheWatchsVersion() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String steward = organisation("foundation");
            String a = organisation("company"), b = organisation("company"), c = organisation("company");
            String slug = project(steward);
            long body = body(slug);
            seat(body, a, "member");
            seat(body, b, "member");
            seat(body, c, "member");
            Map<String, Object> in = watchBody(slug, null, receiver.url(),
                    List.of(Map.of("type", "rule", "rule", "seat-share-one-third")));
            in.put("methodology", 1);
            admin().body(in).post("/api/v1/watches").then().statusCode(201);
            evaluate();
            seat(body, a, "chair");              // a holds 2 of 4 seats: the rule fails
            evaluate();
            assertEquals(1, receiver.requests.size());
            JsonPath payload = new JsonPath(receiver.requests.get(0).body());
            assertEquals(1, payload.getInt("methodologyVersion"));
            assertEquals("fails", payload.getString("current.status"));
        }
    }

    @Test
    void anUnknownVersionIsRefusedByName() {
        Map<String, Object> in = watchBody(project(null), null, "https://hooks.example.org/x", List.of(Map.of("type", "stage-change")));
        in.put("methodology", 9);
        admin().body(in).post("/api/v1/watches").then().statusCode(400).body("errors.field", hasItem("methodology"));
    }
}

package io.counterpower.watch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.body;
import static io.counterpower.watch.WatchFixtures.governanceEvent;
import static io.counterpower.watch.WatchFixtures.seat;
import static io.counterpower.watch.WatchFixtures.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Watches end to end with a local receiver. The background workers are off in %test
 * ({@code counterpower.watches.workers=false}): each test runs the workers' steps itself
 * ({@link WatchEvaluations#evaluateQueued}, {@link WebhookSender#sendDue}), which is exactly what
 * the scheduled workers loop over, so that every attempt happens when the test says.
 */
@QuarkusTest
class WebhookDeliveryTest {
    @Inject
    WatchEvaluations evaluations;
    @Inject
    WebhookSender sender;
    @Inject
    WebhookOutbox outbox;
    @Inject
    jakarta.persistence.EntityManager em;

    private long queued() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from watch_evaluation").getSingleResult()).longValue());
    }

    /** The claim lease in %test (counterpower.watches.claim-lease). */
    private static final long LEASE_MILLIS = 60_000;

    /**
     * Time passes for one watch's deliveries, without waiting: every time the outbox compares with now() (when a
     * retry is due, when a claim was taken) moves back by {@code millis}.
     */
    private void elapse(long watchId, long millis) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update webhook_delivery set next_attempt_at = next_attempt_at - ?2 * interval '1 millisecond',
                               claimed_at = claimed_at - ?2 * interval '1 millisecond'
                        where watch_id = ?1""").setParameter(1, watchId).setParameter(2, millis).executeUpdate());
    }

    /** How long after its last attempt the watch's pending delivery is due again, as the outbox recorded it. */
    private long millisFromLastAttemptToNextDue(long watchId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        select round(extract(epoch from d.next_attempt_at - a.at) * 1000)
                        from webhook_delivery d join webhook_attempt a on a.delivery_id = d.id and a.attempt = d.attempts
                        where d.watch_id = ?1 and d.state = 'pending'""").setParameter(1, watchId).getSingleResult()).longValue());
    }

    private void evaluate() {
        evaluations.evaluateQueued("test-evaluator");
    }

    /** The receiver's check, written independently of the service's code: HMAC-SHA256 of "timestamp.body". */
    static boolean verifies(Receiver.Request r, String secret) throws Exception {
        String timestamp = r.header("Counterpower-Timestamp");
        String signature = r.header("Counterpower-Signature");
        if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        // Replay protection: an old timestamp is refused whatever the signature.
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring("sha256=".length())));
    }

    @Test
    void aConditionChangeIsDeliveredExactlyOnceAndTheSignatureVerifies() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String steward = organisation("foundation");
            String a = organisation("company"), b = organisation("company"), c = organisation("company");
            String slug = project(steward);
            long body = body(slug);
            seat(body, a, "member");
            seat(body, b, "member");
            seat(body, c, "member");
            JsonPath w = watch(slug, receiver.url(), Map.of("type", "rule", "rule", "seat-share-one-third"));
            String secret = w.getString("secret");
            assertTrue(secret.startsWith("whsec_"));
            evaluate();                          // the baseline: one seat in three each, the rule holds
            sender.sendDue("test-sender");
            assertEquals(0, receiver.requests.size(), "the first evaluation records, it does not alert");

            seat(body, a, "chair");              // a holds 2 of 4 seats: the rule fails
            evaluate();
            sender.sendDue("test-sender");
            assertEquals(1, receiver.requests.size());
            Receiver.Request r = receiver.requests.get(0);
            assertTrue(verifies(r, secret), "the signature verifies with the secret given at creation");
            assertTrue(!verifies(r, secret + "x"), "and not with another secret");
            JsonPath payload = new JsonPath(r.body());
            assertEquals("rule-status-changed", payload.getString("type"));
            assertEquals("rule-status-changed", r.header("Counterpower-Event-Type"));
            assertEquals(payload.getString("id"), r.header("Counterpower-Event-Id"));
            assertEquals(slug, payload.getString("project"));
            assertEquals("holds", payload.getString("previous.status"));
            assertEquals("fails", payload.getString("current.status"));
            assertEquals(0.5, payload.getDouble("current.value"), 1e-9);
            assertEquals(1.0, payload.getDouble("current.coverage"), 1e-9);
            assertEquals(4, payload.getInt("current.n"));

            // Evaluating again, on a change or on the schedule, finds nothing new: still one delivery.
            evaluations.queueAll();
            evaluate();
            sender.sendDue("test-sender");
            assertEquals(1, receiver.requests.size());

            JsonPath log = admin().get("/api/v1/watches/" + w.getLong("id") + "/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(1, log.getInt("totalItems"));
            assertEquals("delivered", log.getString("items[0].state"));
            assertEquals(1, log.getInt("items[0].attemptLog.size()"));
            assertEquals(200, log.getInt("items[0].attemptLog[0].status"));
            assertEquals(payload.getString("id"), log.getString("items[0].eventId"));
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheDeliveryOnceAfterRetries() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(organisation("foundation"));
            JsonPath w = watch(slug, receiver.url(), Map.of("type", "governance-event"));
            evaluate();
            receiver.answerNext(503, 500, 429);
            governanceEvent(slug, "2024-05-01");
            evaluate();
            // Retries wait 10, 20 and 40 s in %test (initial-backoff, doubled each time, capped by max-backoff). The test moves the
            // delivery's clock instead of sleeping: each retry is due exactly its backoff after the failed attempt.
            long watchId = w.getLong("id");
            assertEquals(1, sender.sendDue("test-sender"));
            for (long backoffMillis : new long[] {10_000, 20_000, 40_000}) {
                assertEquals(backoffMillis, millisFromLastAttemptToNextDue(watchId), "the retry waits its backoff");
                elapse(watchId, backoffMillis);
                assertEquals(1, sender.sendDue("test-sender"), "due once its backoff has passed");
            }
            for (int i = 0; i < 10; i++) {             // and nothing more is sent after it was accepted
                elapse(watchId, 60_000);
                assertEquals(0, sender.sendDue("test-sender"));
            }
            assertEquals(4, receiver.requests.size());
            assertEquals(1, receiver.accepted().size());
            assertEquals(1, receiver.requests.stream().map(r -> r.header("Counterpower-Event-Id")).distinct().count(),
                    "every attempt carries the same event id");
            JsonPath log = admin().get("/api/v1/watches/" + w.getLong("id") + "/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(1, log.getInt("totalItems"));
            assertEquals("delivered", log.getString("items[0].state"));
            assertEquals(List.of(503, 500, 429, 200), log.getList("items[0].attemptLog.status", Integer.class));
            assertEquals("governance-event-recorded", log.getString("items[0].eventType"));
            assertEquals("2024-05-01", log.getString("items[0].payload.governanceEvent.date"));
            assertNotNull(log.getString("items[0].payload.governanceEvent.source.url"));
        }
    }

    /**
     * A restart, modelled on what survives one: rows. The change is recorded while no worker runs
     * (its evaluation waits in watch_evaluation); the receiver is down for the first attempt; then
     * "instance A" claims the retry and dies before it records the answer (the claim is committed,
     * nothing else happens: that is what a killed process leaves). "Instance B" is a fresh worker
     * with nothing in memory: it evaluates the queued change, ignores A's claim until the lease
     * (one minute in %test; the test moves the delivery's clock past it) runs out, then sends. The receiver gets the event, once.
     */
    @Test
    void aRestartInBetweenLosesNothing() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(organisation("foundation"));
            JsonPath w = watch(slug, receiver.url(), Map.of("type", "governance-event"));
            evaluations.evaluateQueued("instance-A");   // the baseline
            receiver.stop();                             // the receiver goes down

            governanceEvent(slug, "2024-06-01");         // committed with its queued evaluation; no worker runs
            evaluations.evaluateQueued("instance-A");   // the outbox row is written
            sender.sendDue("instance-A");                // connection refused: attempt 1 fails, a retry is due
            assertEquals(0, receiver.requests.size());
            elapse(w.getLong("id"), 10_000);            // the first backoff passes
            assertTrue(outbox.claim("instance-A").isPresent(), "A claims attempt 2 ...");
            // ... and stops here, before sending: its claim stays, with nothing in memory anywhere.

            receiver.start();
            assertEquals(0, sender.sendDue("instance-B"), "A's claim is within its lease: B leaves it alone");
            assertEquals(0, receiver.requests.size());
            elapse(w.getLong("id"), LEASE_MILLIS + 1);  // A's lease runs out
            assertEquals(1, sender.sendDue("instance-B"));
            assertEquals(1, receiver.requests.size());
            assertEquals(1, receiver.accepted().size());
            JsonPath log = admin().get("/api/v1/watches/" + w.getLong("id") + "/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(1, log.getInt("totalItems"));
            assertEquals("delivered", log.getString("items[0].state"));
            assertEquals(3, log.getInt("items[0].attempts"));   // refused, abandoned by A, delivered by B
            assertEquals(List.of(1, 3), log.getList("items[0].attemptLog.attempt", Integer.class));
            assertTrue(log.getString("items[0].attemptLog[0].error").contains("No answer"));
        }
    }

    @Test
    void twoInstancesNeverSendOneDeliveryTwice() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(organisation("foundation"));
            watch(slug, receiver.url(), Map.of("type", "governance-event"));
            evaluate();
            int events = 12;
            for (int i = 1; i <= events; i++) {
                governanceEvent(slug, String.format("2023-01-%02d", i));
            }
            evaluate();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                Future<Integer> a = pool.submit(() -> {
                    start.await();
                    return sender.sendDue("instance-A");
                });
                Future<Integer> b = pool.submit(() -> {
                    start.await();
                    return sender.sendDue("instance-B");
                });
                start.countDown();
                a.get();
                b.get();
            } finally {
                pool.shutdown();
            }
            Set<String> ids = new HashSet<>();
            receiver.requests.forEach(r -> ids.add(r.header("Counterpower-Event-Id")));
            assertEquals(events, receiver.requests.size());
            assertEquals(events, ids.size(), "no event was sent twice");
        }
    }

    @Test
    void aDeliveryCanBeRedeliveredByHandWithTheSameEventId() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(organisation("foundation"));
            JsonPath w = watch(slug, receiver.url(), Map.of("type", "governance-event"));
            evaluate();
            governanceEvent(slug, "2024-07-01");
            evaluate();
            sender.sendDue("test-sender");
            long watchId = w.getLong("id");
            long delivery = admin().get("/api/v1/watches/" + watchId + "/deliveries").then().statusCode(200)
                    .extract().jsonPath().getLong("items[0].id");
            JsonPath copy = admin().post("/api/v1/watches/" + watchId + "/deliveries/" + delivery + "/redeliver")
                    .then().statusCode(202).extract().jsonPath();
            assertEquals(delivery, copy.getLong("redeliveryOf"));
            admin().get("/api/v1/watches/" + watchId + "/deliveries/" + copy.getLong("id")).then().statusCode(200)
                    .body("eventId", org.hamcrest.Matchers.equalTo(copy.getString("eventId")));
            assertEquals("pending", copy.getString("state"));
            sender.sendDue("test-sender");
            assertEquals(2, receiver.requests.size());
            assertEquals(receiver.requests.get(0).header("Counterpower-Event-Id"), receiver.requests.get(1).header("Counterpower-Event-Id"));
            assertEquals(receiver.requests.get(0).body(), receiver.requests.get(1).body());
            assertTrue(verifies(receiver.requests.get(1), w.getString("secret")));
            admin().post("/api/v1/watches/" + watchId + "/deliveries/999999999/redeliver").then().statusCode(404);
        }
    }

    @Test
    void aChangeQueuesItsEvaluationInItsOwnTransactionAndARefusedOneQueuesNothing() {
        String slug = project(organisation("foundation"));
        evaluate();
        long before = queued();
        governanceEvent(slug, "2024-08-01");
        assertEquals(before + 1, queued(), "the event and its evaluation commit together");
        // The same event again is a 409: nothing is written, so nothing is queued.
        admin().body(Map.of("project", slug, "kind", "governance-doc-change", "date", "2024-08-01",
                "source", io.counterpower.support.Fixtures.source())).post("/api/v1/governance-events").then().statusCode(409);
        assertEquals(before + 1, queued());
        evaluate();
        assertEquals(0, queued());
    }

    @Test
    void aWatchOnAnOrganisationCoversEveryProjectItStewards() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String foundation = organisation("foundation");
            String first = project(foundation), second = project(foundation), elsewhere = project(organisation("foundation"));
            JsonPath w = admin().body(WatchFixtures.watchBody(null, foundation, receiver.url(),
                    List.of(Map.of("type", "governance-event", "kinds", List.of("trademark")))))
                    .post("/api/v1/watches").then().statusCode(201).extract().jsonPath();
            evaluate();
            for (String slug : List.of(first, second, elsewhere)) {
                admin().body(Map.of("project", slug, "kind", "trademark", "date", "2024-09-01",
                        "source", io.counterpower.support.Fixtures.source())).post("/api/v1/governance-events").then().statusCode(201);
            }
            governanceEvent(first, "2024-09-02");       // another kind: not watched
            evaluate();
            sender.sendDue("test-sender");
            assertEquals(Set.of(first, second), Set.copyOf(receiver.requests.stream()
                    .map(r -> new JsonPath(r.body()).getString("project")).toList()));
            assertEquals(2, receiver.requests.size());
            for (Receiver.Request r : receiver.requests) {
                assertTrue(verifies(r, w.getString("secret")));
            }
        }
    }
}

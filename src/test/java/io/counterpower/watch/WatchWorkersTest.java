package io.counterpower.watch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.governanceEvent;
import static io.counterpower.watch.WatchFixtures.watch;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled workers themselves (on in this profile only): a change is evaluated and delivered
 * in the background, with nothing but the API called.
 */
@QuarkusTest
@TestProfile(WatchWorkersTest.WorkersOn.class)
class WatchWorkersTest {
    public static class WorkersOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("counterpower.watches.workers", "true", "counterpower.watches.poll-interval", "1s");
        }
    }

    /** A bound on waiting for the one-second workers on a loaded machine, not a timing. */
    private static final Duration LIMIT = Duration.ofMinutes(1);

    @Inject
    EntityManager em;
    @Inject
    WatchWorkers workers;

    private boolean evaluated(long watchId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from watch_state where watch_id = ?1 and state is not null")
                .setParameter(1, watchId).getSingleResult()).longValue() > 0);
    }

    @Test
    void theBackgroundWorkersEvaluateAndDeliverAChange() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(organisation("foundation"));
            JsonPath w = watch(slug, receiver.url(), Map.of("type", "governance-event"));
            long id = w.getLong("id");
            // Polled on the test thread: its request context chooses the datasource (multi-tenancy, issue #24).
            await("the workers take the baseline on their own").atMost(LIMIT).pollInSameThread().until(() -> evaluated(id));
            governanceEvent(slug, "2024-10-01");
            await("the workers deliver the change").atMost(LIMIT).until(() -> !receiver.accepted().isEmpty());
            assertEquals(1, receiver.accepted().size());
            assertTrue(WebhookDeliveryTest.verifies(receiver.requests.get(0), w.getString("secret")));
            long steps = workers.deliverySteps();       // a few more delivery steps send nothing more
            await("three more delivery steps").atMost(LIMIT).until(() -> workers.deliverySteps() >= steps + 3);
            assertEquals(1, receiver.requests.size());
        }
    }
}

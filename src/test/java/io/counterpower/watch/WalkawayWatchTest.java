package io.counterpower.watch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code walkaway-resilience-change} condition (METHODOLOGY.md section 7): a webhook when walkaway_resilience moves
 * between met, unmet and unknown. The workers are off in %test; the test runs their steps itself.
 */
@QuarkusTest
class WalkawayWatchTest {
    @Inject
    WatchEvaluations evaluations;
    @Inject
    WebhookSender sender;
    @Inject
    EntityManager em;

    @Test
    void aRelicenseThatMakesTheProjectUnforkableIsDeliveredAsAWalkawayChange() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = project(null);
            watch(slug, receiver.url(), Map.of("type", "walkaway-resilience-change"));
            evaluations.evaluateQueued("test-evaluator");      // the baseline: nothing known, unknown
            sender.sendDue("test-sender");
            assertEquals(0, receiver.requests.size(), "the first evaluation records, it does not alert");

            // A source-available license in force (level 5): not forkable, which fails on evidence.
            QuarkusTransaction.requiringNew().run(() -> {
                long id = ((Number) em.createNativeQuery("select id from project where slug = ?1").setParameter(1, slug)
                        .getSingleResult()).longValue();
                em.createNativeQuery("""
                                insert into license_period (project_id, artifact, expression, valid_from, change_kind, source_kind, source_url,
                                                            confidence, level, level_lower, level_upper)
                                values (?1, 'code', 'BUSL-1.1', date '2020-01-01', 'initial', 'manual', 'https://example.org/terms', 'verified', 5, 5, 5)""")
                        .setParameter(1, id).executeUpdate();
                em.createNativeQuery("""
                                insert into data_version (scope, version, changed_at) values (?1, nextval('data_version_seq'), now())
                                on conflict (scope) do update set version = excluded.version, changed_at = excluded.changed_at""")
                        .setParameter(1, "project:" + id).executeUpdate();
                // What a write through the API queues (DataChanged): this project's watches only.
                em.createNativeQuery("insert into watch_evaluation (scope) values (?1)").setParameter(1, "project:" + id).executeUpdate();
            });
            evaluations.evaluateQueued("test-evaluator");
            sender.sendDue("test-sender");
            List<Receiver.Request> requests = receiver.requests.stream()
                    .filter(r -> new JsonPath(r.body()).getString("project").equals(slug)).toList();
            assertEquals(1, requests.size());
            JsonPath payload = new JsonPath(requests.get(0).body());
            assertEquals("walkaway-resilience-changed", payload.getString("type"));
            assertEquals("unknown", payload.getString("previous.status"));
            assertEquals("unmet", payload.getString("current.status"));
            assertEquals(List.of("forkable"), payload.getList("current.detail.failing"));
        }
    }
}

package io.counterpower.reliability;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The service on a {@link ThrowawayPostgres} cluster of its own, with quick job housekeeping, small
 * collection batches and tight rate limits: for the tests that stop the database or exhaust a
 * bucket, which no other test may feel. Classes with this profile share one start of Quarkus.
 */
public class IsolatedServiceProfile implements QuarkusTestProfile {
    static final long KEY_CAPACITY = 3;
    static final long ADDRESS_CAPACITY = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", ThrowawayPostgres.URL),
                Map.entry("counterpower.db.url", ThrowawayPostgres.URL),
                Map.entry("counterpower.dataset.load-on-start", "false"),
                Map.entry("counterpower.jobs.poll-interval", "100ms"),
                Map.entry("counterpower.jobs.heartbeat-interval", "300ms"),
                Map.entry("counterpower.collect.batch-size", "50"),
                Map.entry("counterpower.limits.rate.per-key-capacity", String.valueOf(KEY_CAPACITY)),
                Map.entry("counterpower.limits.rate.per-key-period", "1H"),
                Map.entry("counterpower.limits.rate.per-address-capacity", String.valueOf(ADDRESS_CAPACITY)),
                Map.entry("counterpower.limits.rate.per-address-period", "1H"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ThrowawayPostgres.class));
    }
}

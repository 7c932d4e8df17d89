package io.counterpower.scaling;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The service on a {@link StreamingReplica} primary, with its replica as the read datasource. */
public class ReplicaProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("counterpower.dataset.load-on-start", "false",
                // The replica is tried again soon after a failure, so that the test sees it come back quickly.
                "counterpower.db.replica.retry-after", "300ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StreamingReplica.class));
    }
}

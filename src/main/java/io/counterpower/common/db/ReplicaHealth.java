package io.counterpower.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The read replica in {@code /q/health/ready}: always UP, since reads fall back to the primary
 * without it; {@code state} says {@code degraded} while it fails, {@code up} or {@code not configured}.
 */
@Readiness
@ApplicationScoped
class ReplicaHealth implements HealthCheck {
    @Inject
    ReadReplica replica;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("read-replica").up();
        if (!replica.configured()) {
            return response.withData("state", "not configured").build();
        }
        if (replica.usable()) {
            replica.replayed(0); // a probe: marks the replica down, or up again after retry-after
        }
        ReadReplica.Replayed r = replica.lastReplayed();
        if (replica.down() || r == null) {
            response.withData("state", "degraded");
            if (replica.lastFailure() != null) {
                response.withData("failure", replica.lastFailure());
            }
            return response.build();
        }
        return response.withData("state", "up").withData("replayedDataVersion", r.version()).build();
    }
}

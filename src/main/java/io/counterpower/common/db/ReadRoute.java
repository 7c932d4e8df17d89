package io.counterpower.common.db;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where this request's queries go: the primary (the default), or the read replica at the data
 * version it had replayed when the request was routed there ({@code version.ReadRouting}).
 */
@RequestScoped
public class ReadRoute {
    private Long replicaVersion;
    private java.time.Instant replicaChangedAt;

    public void toReplica(ReadReplica.Replayed replayed) {
        this.replicaVersion = replayed.version();
        this.replicaChangedAt = replayed.changedAt();
    }

    public boolean onReplica() {
        return replicaVersion != null;
    }

    /** The replica's data version when the request was routed to it; null on the primary. */
    public Long replicaVersion() {
        return replicaVersion;
    }

    /** When the replica's data version was recorded; null on the primary. */
    public java.time.Instant replicaChangedAt() {
        return replicaChangedAt;
    }
}

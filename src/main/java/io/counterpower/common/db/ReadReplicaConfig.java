package io.counterpower.common.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The optional read replica (docs/scaling.md): a streaming replica of the primary that serves the
 * public reads which tolerate replication lag. Without {@code url} every query goes to the primary.
 */
@ConfigMapping(prefix = "counterpower.db.replica")
public interface ReadReplicaConfig {
    /** JDBC URL of the replica (COUNTERPOWER_DB_REPLICA_URL); absent: no replica. */
    Optional<String> url();

    /** Defaults to the primary's user and password. */
    Optional<String> user();

    Optional<String> password();

    @WithDefault("20")
    int maxSize();

    /** How long the replica's replayed data version is held before it is read again. */
    @WithDefault("250ms")
    Duration versionMaxAge();

    /** After a failure the replica is left alone this long, then tried again (by the health probe). */
    @WithDefault("2s")
    Duration retryAfter();
}

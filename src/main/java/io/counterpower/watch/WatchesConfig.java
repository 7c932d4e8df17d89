package io.counterpower.watch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Watches and webhook deliveries ({@code counterpower.watches.*}). */
@ConfigMapping(prefix = "counterpower.watches")
public interface WatchesConfig {

    /**
     * The AES-256 key (base64 of 32 bytes) that encrypts the webhook signing secrets at rest. Every
     * instance needs the same one. Unset: watches cannot be created (503), nothing is stored in clear.
     */
    Optional<String> secretKey();

    /**
     * Hosts of the service's own network that a steward's webhook may still reach (host names or
     * addresses). Curator and admin keys are operators and may name any host.
     */
    Optional<List<String>> allowedHosts();

    /** Whether this instance runs the evaluation and delivery workers (the rows are shared by all instances). */
    @WithDefault("true")
    boolean workers();

    /** How often the workers look for queued evaluations and due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often every watch is evaluated even when no data changed (windows move as days pass). */
    @WithDefault("1h")
    Duration evaluateEvery();

    /** The wait before the first retry of a failed delivery; each later retry waits twice as long. */
    @WithDefault("10s")
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration maxBackoff();

    /** Attempts before a delivery is given up ({@code failed}); it can still be redelivered by hand. */
    @WithDefault("15")
    int maxAttempts();

    /** How long one attempt may take (connection and answer). */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * A delivery claimed longer ago than this is taken as abandoned (its instance stopped while
     * sending) and is due again. Longer than {@link #requestTimeout()}.
     */
    @WithDefault("2m")
    Duration claimLease();
}

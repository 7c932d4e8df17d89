package io.counterpower.collect.platform;

import io.counterpower.collect.CollectionFailure;

import java.time.Instant;

/**
 * The platform's rate limit is used up and resets later than the collector is willing to wait. The
 * collection stops cleanly: what it read is recorded, its cursors point at the next item to read.
 */
public class RateLimitExhausted extends CollectionFailure {
    private static final long serialVersionUID = 1L;

    private final Instant resetsAt;

    RateLimitExhausted(String message, Instant resetsAt) {
        super(message);
        this.resetsAt = resetsAt;
    }

    /** The job's error: when the limit resets, that nothing read is lost, and what the next run does. */
    public CollectionFailure asJobError(String nextRun) {
        return new CollectionFailure(getMessage() + ". Everything read before is recorded; ask for the collection again "
                + "after then: " + nextRun + ".", this);
    }

    /** When the platform says the limit resets; null when it did not say. */
    Instant resetsAt() {
        return resetsAt;
    }
}

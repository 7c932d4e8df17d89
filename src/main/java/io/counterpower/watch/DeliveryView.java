package io.counterpower.watch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One delivery of a watch's event, with every attempt to send it: the watch's delivery log.
 * {@code state}: pending (due at {@code nextAttemptAt}), sending, delivered, failed (given up after the
 * last attempt; it can be redelivered) or cancelled (the watch was deleted).
 */
record DeliveryView(long id, long watch, String project, UUID eventId, String eventType, String state, int attempts,
                           Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus, String lastError,
                           Instant createdAt, Long redeliveryOf, Object payload, List<Attempt> attemptLog) {

    /** One attempt: the receiver's HTTP status, or the error when there was no answer. */
    record Attempt(int attempt, Instant at, String worker, Integer status, String error, long durationMillis) {
    }
}

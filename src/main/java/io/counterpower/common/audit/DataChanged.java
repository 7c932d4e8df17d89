package io.counterpower.common.audit;

/**
 * Fired synchronously by {@link ChangeLog} whenever the data of a scope changes, inside the
 * change's transaction: an observer that writes to the database writes in that same transaction,
 * so what it records commits (or rolls back) with the change itself.
 *
 * @param scope {@link ChangeLog#GLOBAL} or {@link ChangeLog#projectScope(long)} (or another scope a write names)
 */
public record DataChanged(String scope) {
}

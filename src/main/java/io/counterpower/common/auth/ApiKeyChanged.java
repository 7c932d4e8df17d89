package io.counterpower.common.auth;

/**
 * A key was created or revoked: the audit log records it (a key is no fact, so the data version stays). Fired
 * synchronously, so the audit row is written in the same transaction as the key, and auth needs no audit code.
 */
public record ApiKeyChanged(String action, long keyId, Object after, String reason) {
}

package io.counterpower.common.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** An API key as shown to admins: never its secret, except {@code key} once, in the creation response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(long id, String name, String prefix, List<String> scopes, Instant createdAt,
                         Instant revokedAt, String key) {
    static ApiKeyView from(ApiKey key, String secret) {
        return new ApiKeyView(key.id, key.name, key.keyPrefix, List.of(key.scopes), key.createdAt, key.revokedAt, secret);
    }
}

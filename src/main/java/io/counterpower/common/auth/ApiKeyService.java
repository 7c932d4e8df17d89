package io.counterpower.common.auth;

import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, authenticates and revokes API keys. Keys are 256-bit random secrets, so a plain SHA-256
 * (no salt, no slow hash) is enough to make the stored value useless to someone who reads the table,
 * while keeping authentication a single indexed lookup.
 */
@ApplicationScoped
class ApiKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Map<String, String> SORTABLE = Map.of("id", "k.id", "name", "k.name", "createdAt", "k.createdAt");

    @Inject
    EntityManager em;
    @Inject
    Caller caller;
    @Inject
    jakarta.enterprise.event.Event<ApiKeyChanged> changed;
    @Inject
    Instance<OrganisationDirectory> organisations;

    record Created(ApiKey key, String secret) {
    }

    Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        return ApiKey.<ApiKey>find("keyHash", hash(secret.trim())).firstResultOptional()
                .filter(k -> k.revokedAt == null);
    }

    @Transactional
    Created create(String name, List<String> scopes) {
        caller.requireAdmin();
        FieldErrors errors = new FieldErrors();
        errors.check(name != null && !name.isBlank() && name.length() <= 200, "name", "is required (at most 200 characters)");
        List<String> normalised = new ArrayList<>(new LinkedHashSet<>(scopes == null ? List.of() : scopes));
        errors.check(!normalised.isEmpty(), "scopes", "needs at least one of admin, curator, steward:<organisation>");
        for (int i = 0; i < normalised.size(); i++) {
            KeyScope scope = KeyScope.parse(normalised.get(i));
            if (scope == null) {
                errors.add("scopes[" + i + "]", "must be admin, curator or steward:<organisation key>");
            } else if (scope.kind() == KeyScope.Kind.STEWARD && !organisations.get().exists(scope.organisation())) {
                errors.add("scopes[" + i + "]", "organisation '" + scope.organisation() + "' is not recorded");
            }
        }
        errors.throwIfAny();
        String secret = newSecret();
        ApiKey key = store(name.trim(), normalised, secret, caller.keyId());
        // A key is no fact: audited, but the data version (and every ETag) stays.
        changed.fire(new ApiKeyChanged("create", key.id, Map.of("name", key.name, "prefix", key.keyPrefix, "scopes", normalised), null));
        return new Created(key, secret);
    }

    Page<ApiKey> list(ApiKeyListQuery q) {
        caller.requireAdmin();
        return new ListQuery<>(ApiKey.class, "ApiKey k", "k", "k.id").page(em, q.page(), k -> k);
    }

    ApiKey get(long id) {
        caller.requireAdmin();
        return find(id);
    }

    @Transactional
    void revoke(long id, String reason) {
        caller.requireAdmin();
        ApiKey key = find(id);
        if (key.revokedAt == null) {
            key.revokedAt = Instants.now();
            changed.fire(new ApiKeyChanged("revoke", id, null, reason));
        }
    }

    /** The first admin key: from configuration, or generated once and printed once. */
    @Transactional
    void bootstrap(Optional<String> configuredKey) {
        if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
            String secret = configuredKey.get().trim();
            if (ApiKey.count("keyHash", hash(secret)) == 0) {
                store("bootstrap admin (COUNTERPOWER_ADMIN_KEY)", List.of("admin"), secret, null);
                Log.info("Registered the admin key given in COUNTERPOWER_ADMIN_KEY");
            }
            return;
        }
        if (ApiKey.count() == 0) {
            String secret = newSecret();
            store("bootstrap admin (generated)", List.of("admin"), secret, null);
            // Printed once, on first start only: it cannot be recovered later (only its hash is kept).
            Log.warnf("No COUNTERPOWER_ADMIN_KEY was configured: generated the first admin key, shown only now: %s", secret);
        }
    }

    private ApiKey store(String name, List<String> scopes, String secret, Long createdBy) {
        ApiKey key = new ApiKey();
        key.name = name;
        key.keyPrefix = secret.substring(0, Math.min(11, secret.length()));
        if (ApiKey.count("keyPrefix", key.keyPrefix) > 0) {
            key.keyPrefix = key.keyPrefix + "-" + Long.toHexString(RANDOM.nextLong());
        }
        key.keyHash = hash(secret);
        key.scopes = scopes.toArray(String[]::new);
        key.createdAt = Instants.now();
        key.createdBy = createdBy;
        key.persist();
        return key;
    }

    private ApiKey find(long id) {
        return ApiKey.<ApiKey>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("No API key " + id));
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "cp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

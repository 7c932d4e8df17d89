package io.counterpower.common.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * Every write goes through here, inside the write's transaction: it appends the audit row (who,
 * what, when, before and after) and bumps the data version of the scope it touched, so that caches
 * and ETags change exactly when the data does. It also announces the change ({@link DataChanged}) to
 * synchronous observers, which act in the same transaction.
 */
@ApplicationScoped
public class ChangeLog {
    /** The scope of shared facts: organisations, contributors, identities, affiliations. */
    public static final String GLOBAL = "global";

    public static String projectScope(long projectId) {
        return "project:" + projectId;
    }

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    Event<DataChanged> changed;

    public void record(String scope, String action, String entityType, String entityId, Object before, Object after, String reason) {
        audit(action, entityType, entityId, before, after, reason);
        bump(scope);
    }

    /**
     * Records a write that changes no fact (an API key, a watch) in the audit log only: the data
     * version, and so every ETag and cached answer, moves only when facts change.
     */
    /** Keys are audited here, where auth's event arrives: auth itself depends on no audit code. */
    void onApiKeyChanged(@jakarta.enterprise.event.Observes io.counterpower.common.auth.ApiKeyChanged change) {
        audit(change.action(), "api-key", String.valueOf(change.keyId()), null, change.after(), change.reason());
    }

    public void audit(String action, String entityType, String entityId, Object before, Object after, String reason) {
        em.createNativeQuery("""
                        insert into audit_log (api_key_id, actor, action, entity_type, entity_id, before, after, reason)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), cast(?7 as jsonb), ?8)""")
                .setParameter(1, caller.keyId())
                .setParameter(2, caller.isAuthenticated() ? caller.actor() : "system")
                .setParameter(3, action)
                .setParameter(4, entityType)
                .setParameter(5, entityId)
                .setParameter(6, toJson(before))
                .setParameter(7, toJson(after))
                .setParameter(8, reason)
                .executeUpdate();
    }

    /** Records many changes of one kind at once (one audit row each, one statement), e.g. what a bulk import created. */
    public void recordAll(String scope, String action, String entityType, List<String> entityIds, List<?> afters, String reason) {
        if (entityIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        insert into audit_log (api_key_id, actor, action, entity_type, entity_id, before, after, reason)
                        select ?1, ?2, ?3, ?4, t.entity_id, null, cast(t.after as jsonb), ?5
                        from unnest(cast(?6 as text[]), cast(?7 as text[])) with ordinality as t(entity_id, after, n) order by t.n""")
                .setParameter(1, caller.keyId())
                .setParameter(2, caller.isAuthenticated() ? caller.actor() : "system")
                .setParameter(3, action)
                .setParameter(4, entityType)
                .setParameter(5, reason)
                .setParameter(6, entityIds.toArray(String[]::new))
                .setParameter(7, afters.stream().map(this::toJson).toArray(String[]::new))
                .executeUpdate();
        bump(scope);
    }

    /** Increases the data version of a scope without an audit row (bulk loads record their own). */
    public void bump(String scope) {
        em.createNativeQuery("""
                        insert into data_version (scope, version, changed_at) values (?1, nextval('data_version_seq'), now())
                        on conflict (scope) do update set version = excluded.version, changed_at = excluded.changed_at""")
                .setParameter(1, scope)
                .executeUpdate();
        // Synchronous observers run here, in this transaction (watches queue their re-evaluation).
        changed.fire(new DataChanged(scope));
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        // Stored whole, whoever wrote it (a steward's request, a background job): the change feed
        // redacts local paths at read for anyone but a curator (issue 17).
        return io.counterpower.common.text.LocalPathRedaction.forStorage(() -> {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot serialise an audit value", e);
            }
        });
    }
}

package io.counterpower.common.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.util.ArrayList;
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
        append(List.of(entry(action, entityType, entityId, toJson(before), toJson(after), reason)));
    }

    /** Records many changes of one kind at once (one audit row each, one statement), e.g. what a bulk import created. */
    public void recordAll(String scope, String action, String entityType, List<String> entityIds, List<?> afters, String reason) {
        if (entityIds.isEmpty()) {
            return;
        }
        List<AuditLog.Entry> entries = new ArrayList<>(entityIds.size());
        for (int i = 0; i < entityIds.size(); i++) {
            entries.add(entry(action, entityType, entityIds.get(i), null, toJson(afters.get(i)), reason));
        }
        append(entries);
        bump(scope);
    }

    private AuditLog.Entry entry(String action, String entityType, String entityId, String before, String after, String reason) {
        return new AuditLog.Entry(caller.keyId(), caller.isAuthenticated() ? caller.actor() : "system", action, entityType,
                entityId, before, after, reason);
    }

    /** On the transaction's connection, after the pending entity writes (as a native statement would). */
    private void append(List<AuditLog.Entry> entries) {
        em.flush();
        em.unwrap(Session.class).doWork(c -> AuditLog.append(c, entries));
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

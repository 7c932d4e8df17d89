package io.counterpower.common.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.db.Rows;
import io.counterpower.common.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** Reads the audit trail of writes, newest first (the rows {@link AuditLog} appends). */
@ApplicationScoped
class AuditTrail {

    record AuditEntry(long id, Instant at, String actor, String action, String entityType, String entityId,
                      Object before, Object after, String reason) {
    }

    private static final String WHERE =
            " where (cast(?1 as text) is null or entity_type = ?1) and (cast(?2 as text) is null or entity_id = ?2)";

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    Page<AuditEntry> list(AuditListQuery q) {
        var rows = em.createNativeQuery("select id, at, actor, action, entity_type, entity_id, cast(before as text), cast(after as text), reason"
                        + " from audit_log" + WHERE + " order by id desc offset ?3 limit ?4")
                .setParameter(1, q.entityType()).setParameter(2, q.entityId())
                .setParameter(3, q.page().offset()).setParameter(4, q.page().size())
                .getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from audit_log" + WHERE)
                .setParameter(1, q.entityType()).setParameter(2, q.entityId()).getSingleResult()).longValue();
        var items = rows.stream().map(r -> {
            Object[] row = (Object[]) r;
            return new AuditEntry(((Number) row[0]).longValue(), Rows.instant(row[1]), (String) row[2], (String) row[3],
                    (String) row[4], (String) row[5], parse(row[6]), parse(row[7]), (String) row[8]);
        }).toList();
        return new Page<>(items, q.page().page(), q.page().size(), total);
    }

    /** A before or after that is not JSON (none should be) is shown as the text it is. */
    private Object parse(Object text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree((String) text);
        } catch (Exception e) {
            return text;
        }
    }
}

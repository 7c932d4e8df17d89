package io.counterpower.common.audit;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.Page;
import io.counterpower.common.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Map;

/**
 * The audit trail of writes. Admin only: unlike facts, it names the keys that wrote them.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
class AuditResource {

    record AuditEntry(long id, Instant at, String actor, String action, String entityType, String entityId,
                             Object before, Object after, String reason) {
    }

    @Inject
    EntityManager em;
    @Inject
    Caller caller;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @GET
    public Page<AuditEntry> list(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
                                 @QueryParam("page") String page, @QueryParam("size") String size) {
        caller.requireAdmin();
        PageRequest request = PageRequest.parse(page, size, null, Map.of("id", "id"), "-id");
        String where = " where (cast(?1 as text) is null or entity_type = ?1) and (cast(?2 as text) is null or entity_id = ?2)";
        var rows = em.createNativeQuery("select id, at, actor, action, entity_type, entity_id, cast(before as text), cast(after as text), reason"
                        + " from audit_log" + where + " order by id desc offset ?3 limit ?4")
                .setParameter(1, entityType).setParameter(2, entityId)
                .setParameter(3, request.offset()).setParameter(4, request.size())
                .getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from audit_log" + where)
                .setParameter(1, entityType).setParameter(2, entityId).getSingleResult()).longValue();
        var items = rows.stream().map(r -> {
            Object[] row = (Object[]) r;
            return new AuditEntry(((Number) row[0]).longValue(), io.counterpower.common.db.Rows.instant(row[1]), (String) row[2], (String) row[3],
                    (String) row[4], (String) row[5], parse(row[6]), parse(row[7]), (String) row[8]);
        }).toList();
        return new Page<>(items, request.page(), request.size(), total);
    }

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

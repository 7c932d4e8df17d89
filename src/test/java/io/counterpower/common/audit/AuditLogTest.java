package io.counterpower.common.audit;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one audit insert: rows in the order given, JSON stored as jsonb, the system's rows without a key. */
@QuarkusTest
class AuditLogTest {

    @Test
    void appendsEveryEntryInOrderInOneStatement() {
        String type = "probe-" + UUID.randomUUID();
        List<String> stored = QuarkusTransaction.requiringNew().call(() -> em().unwrap(Session.class).doReturningWork(c -> {
            AuditLog.append(c, List.of(
                    new AuditLog.Entry(null, "system:probe", "collect", type, "first", null, "{\"commits\": 2}", "job 1"),
                    new AuditLog.Entry(null, "system:probe", "update", type, "second", "{\"a\": 1}", null, null)));
            AuditLog.append(c, List.of());
            List<String> rows = new ArrayList<>();
            try (var s = c.prepareStatement("""
                    select api_key_id, actor, action, entity_id, before ->> 'a', after ->> 'commits', reason
                    from audit_log where entity_type = ? order by id""")) {
                s.setString(1, type);
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(r.getObject(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4) + "|"
                                + r.getString(5) + "|" + r.getString(6) + "|" + r.getString(7));
                    }
                }
            }
            return rows;
        }));
        assertEquals(List.of("null|system:probe|collect|first|null|2|job 1", "null|system:probe|update|second|1|null|null"),
                stored);
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }
}

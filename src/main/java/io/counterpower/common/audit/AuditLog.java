package io.counterpower.common.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The audit insert, written once (issue 22): the write API ({@link ChangeLog}) and the collectors,
 * which write in transactions of their own on a plain connection, append their rows here. One
 * statement whatever the number of rows, in the order given.
 */
public final class AuditLog {
    private static final String INSERT = """
            insert into audit_log (api_key_id, actor, action, entity_type, entity_id, before, after, reason)
            select t.api_key_id, t.actor, t.action, t.entity_type, t.entity_id,
                   cast(t.before as jsonb), cast(t.after as jsonb), t.reason
            from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                        cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]))
                 with ordinality as t(api_key_id, actor, action, entity_type, entity_id, before, after, reason, n)
            order by t.n""";

    /**
     * One audit row. {@code before} and {@code after} are JSON text (or null); {@code apiKeyId} is
     * the key that asked for the change, null for the system.
     */
    public record Entry(Long apiKeyId, String actor, String action, String entityType, String entityId,
                        String before, String after, String reason) {
    }

    private AuditLog() {
    }

    /** Appends one row. */
    public static void append(Connection c, Entry entry) throws SQLException {
        append(c, List.of(entry));
    }

    /** Appends the rows in one statement. */
    static void append(Connection c, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        Long[] keys = new Long[n];
        String[][] text = new String[7][n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            keys[i] = e.apiKeyId();
            text[0][i] = e.actor();
            text[1][i] = e.action();
            text[2][i] = e.entityType();
            text[3][i] = e.entityId();
            text[4][i] = e.before();
            text[5][i] = e.after();
            text[6][i] = e.reason();
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setArray(1, c.createArrayOf("bigint", keys));
            for (int column = 0; column < text.length; column++) {
                s.setArray(column + 2, c.createArrayOf("text", text[column]));
            }
            s.executeUpdate();
        }
    }

}

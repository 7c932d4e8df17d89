package io.counterpower.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;

/**
 * Ids of a table's identity column taken from its sequence in blocks before the rows are
 * inserted, so that rows that refer to each other can be inserted set-based (with
 * {@code overriding system value}). Ids taken but not used are gaps, as after a rollback.
 */
public final class SequenceIds {
    private static final int BLOCK = 1000;
    private final Connection c;
    private final String table;
    private final ArrayDeque<Long> ids = new ArrayDeque<>();

    public SequenceIds(Connection c, String table) {
        this.c = c;
        this.table = table;
    }

    public long next() throws SQLException {
        if (ids.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select nextval(q.seq) from (select pg_get_serial_sequence(?, 'id') as seq) q, generate_series(1, ?)""")) {
                s.setString(1, table);
                s.setInt(2, BLOCK);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
        }
        return ids.poll();
    }
}

package io.counterpower.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the test database directly, to check what a collection recorded. */
public final class Sql {
    private final DataSource db;

    public Sql(DataSource db) {
        this.db = db;
    }

    public long number(String sql, Object... params) throws SQLException {
        return ((Number) rows(sql, params).get(0).get(0)).longValue();
    }

    public String text(String sql, Object... params) throws SQLException {
        List<List<Object>> rows = rows(sql, params);
        return rows.isEmpty() || rows.get(0).get(0) == null ? null : rows.get(0).get(0).toString();
    }

    /** A two-column answer (text, count) as a map. */
    public Map<String, Long> countsBy(String sql, Object... params) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<Object> row : rows(sql, params)) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return counts;
    }

    /** Every row; smallint columns come back as Integer. */
    public List<List<Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        Object value = r.getObject(i);
                        row.add(value instanceof Short sh ? Integer.valueOf(sh) : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}

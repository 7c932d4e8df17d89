package io.counterpower.indicator;

import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of an indicator statement, read by column alias rather than position, so that a column
 * added to or moved in a statement cannot shift another figure. Asking for an alias the statement
 * does not return is an error, never a silent null.
 */
final class SqlRow {
    private final Map<String, Object> values;

    private SqlRow(Map<String, Object> values) {
        this.values = values;
    }

    /** Every row of a native query, each keyed by its column labels (lower case, as PostgreSQL folds them). */
    @SuppressWarnings("unchecked")
    static List<SqlRow> list(Query query) {
        NativeQuery<SqlRow> q = query.unwrap(NativeQuery.class);
        q.setTupleTransformer((tuple, aliases) -> {
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < aliases.length; i++) {
                m.put(aliases[i].toLowerCase(java.util.Locale.ROOT), tuple[i]);
            }
            return new SqlRow(m);
        });
        return new ArrayList<>(q.getResultList());
    }

    Set<String> columns() {
        return values.keySet();
    }

    Object get(String alias) {
        if (!values.containsKey(alias)) {
            throw new IllegalStateException("The statement returns no column '" + alias + "'; it returns " + values.keySet());
        }
        return values.get(alias);
    }

    /** A count: 0 when null. */
    long count(String alias) {
        Object o = get(alias);
        return o == null ? 0L : ((Number) o).longValue();
    }

    Double number(String alias) {
        Object o = get(alias);
        return o == null ? null : ((Number) o).doubleValue();
    }

    String text(String alias) {
        Object o = get(alias);
        return o == null ? null : o.toString();
    }

    Boolean bool(String alias) {
        return (Boolean) get(alias);
    }
}

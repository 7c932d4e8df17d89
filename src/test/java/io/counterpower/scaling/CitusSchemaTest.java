package io.counterpower.scaling;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holds the migrated schema to the rules Citus sets for distributing it by project (issue #24,
 * docs/scaling.md), from the catalog (pg_constraint, pg_index), so that the schema cannot drift
 * from them:
 * <ul>
 * <li>a distributed table has {@code project_id NOT NULL}, and it is in its primary key, in every
 *     unique constraint and unique index, and in every foreign key to another distributed table
 *     (referencing that table's {@code project_id});</li>
 * <li>a reference table (shared data: projects, organisations, licenses, identities, contributors)
 *     has no foreign key to a distributed or a local table;</li>
 * <li>a local table (kept on the coordinator: queues, jobs, watches, the data version, audit) has
 *     no foreign key to a distributed table;</li>
 * <li>every table is classified: a new table fails here until it is added to {@link #TABLES}.</li>
 * </ul>
 */
@QuarkusTest
class CitusSchemaTest {
    enum Kind { DISTRIBUTED, REFERENCE, LOCAL }

    /**
     * THE classification of every table: add each new table here (distributed if it holds
     * per-project data; reference if shared and small; local if it is a queue or coordinator state).
     */
    static final Map<String, Kind> TABLES = Map.ofEntries(
            // Per-project facts and rollups, distributed by project_id (colocated).
            entry("adopter", Kind.DISTRIBUTED),
            entry("benchmark_result", Kind.DISTRIBUTED),
            entry("collection_cursor", Kind.DISTRIBUTED),
            entry("contribution", Kind.DISTRIBUTED),
            entry("contribution_attribution", Kind.DISTRIBUTED),
            entry("derivative", Kind.DISTRIBUTED),
            entry("download_count", Kind.DISTRIBUTED),
            entry("governance_body", Kind.DISTRIBUTED),
            entry("governance_event", Kind.DISTRIBUTED),
            entry("governance_seat", Kind.DISTRIBUTED),
            entry("license_period", Kind.DISTRIBUTED),
            entry("license_period_level", Kind.DISTRIBUTED),
            entry("openness_component", Kind.DISTRIBUTED),
            entry("project_repository", Kind.DISTRIBUTED),
            entry("project_steward", Kind.DISTRIBUTED),
            entry("repository_collected_through", Kind.DISTRIBUTED),
            entry("risk_snapshot_row", Kind.DISTRIBUTED),
            // Shared data, copied to every node.
            entry("project", Kind.REFERENCE),
            entry("project_version", Kind.REFERENCE),
            entry("organisation", Kind.REFERENCE),
            entry("organisation_version", Kind.REFERENCE),
            entry("organisation_parent", Kind.REFERENCE),
            entry("license", Kind.REFERENCE),
            entry("license_fingerprint", Kind.REFERENCE),
            entry("contributor", Kind.REFERENCE),
            entry("contributor_version", Kind.REFERENCE),
            entry("contributor_merge", Kind.REFERENCE),
            entry("identity", Kind.REFERENCE),
            entry("identity_link", Kind.REFERENCE),
            entry("affiliation", Kind.REFERENCE),
            entry("erased_email", Kind.REFERENCE),
            entry("erased_login", Kind.REFERENCE),
            entry("api_key", Kind.REFERENCE),
            entry("funding_event", Kind.REFERENCE),
            entry("currency_rate", Kind.REFERENCE),
            entry("methodology_currency_rate", Kind.REFERENCE),
            entry("methodology_license_catalog", Kind.REFERENCE),
            entry("reference_table_version", Kind.REFERENCE),
            entry("risk_snapshot", Kind.REFERENCE),
            // Coordinator state: queues and their claims, watches, versions, audit, disputes, Flyway.
            entry("job", Kind.LOCAL),
            entry("watch", Kind.LOCAL),
            entry("watch_evaluation", Kind.LOCAL),
            entry("watch_state", Kind.LOCAL),
            entry("watch_seen_fact", Kind.LOCAL),
            entry("webhook_delivery", Kind.LOCAL),
            entry("webhook_attempt", Kind.LOCAL),
            entry("contribution_attribution_pending", Kind.LOCAL),
            entry("contribution_attribution_stale", Kind.LOCAL),
            entry("data_version", Kind.LOCAL),
            entry("data_version_history", Kind.LOCAL),
            entry("dataset_load", Kind.LOCAL),
            entry("audit_log", Kind.LOCAL),
            entry("affiliation_dispute", Kind.LOCAL),
            entry("fact_dispute", Kind.LOCAL),
            entry("flyway_schema_history", Kind.LOCAL));

    private static final String DISTRIBUTION_COLUMN = "project_id";

    @Inject
    AgroalDataSource db;

    @Test
    void everyTableIsClassified() throws SQLException {
        Set<String> unclassified = new TreeSet<>(tables());
        unclassified.removeAll(TABLES.keySet());
        assertEquals(Set.of(), unclassified, "classify these tables in CitusSchemaTest.TABLES (docs/scaling.md)");
    }

    @Test
    void distributedTablesCarryTheProjectInEveryKey() throws SQLException {
        List<String> broken = new ArrayList<>();
        for (String table : tables()) {
            if (TABLES.get(table) != Kind.DISTRIBUTED) {
                continue;
            }
            if (!notNullColumn(table, DISTRIBUTION_COLUMN)) {
                broken.add(table + ": no " + DISTRIBUTION_COLUMN + " NOT NULL");
            }
            for (String[] key : query("""
                    select i.indexrelid::regclass::text, i.indisprimary,
                           coalesce(array_to_string(array(select a.attname from unnest(i.indkey) k join pg_attribute a
                               on a.attrelid = i.indrelid and a.attnum = k), ','), '')
                    from pg_index i where i.indrelid = to_regclass(?) and i.indisunique""", table)) {
                if (!List.of(key[2].split(",")).contains(DISTRIBUTION_COLUMN)) {
                    broken.add(table + ": unique " + key[0] + " (" + key[2] + ") lacks " + DISTRIBUTION_COLUMN);
                }
            }
            if (query("select 1 from pg_index where indrelid = to_regclass(?) and indisprimary", table).isEmpty()) {
                broken.add(table + ": no primary key");
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void foreignKeysFollowTheCitusRules() throws SQLException {
        List<String> broken = new ArrayList<>();
        for (String[] fk : query("""
                select c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,
                       array_to_string(array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
                           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o), ','),
                       array_to_string(array(select a.attname from unnest(c.confkey) with ordinality k(n, o)
                           join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o), ',')
                from pg_constraint c join pg_class t on t.oid = c.conrelid
                where c.contype = 'f' and t.relnamespace = 'public'::regnamespace""")) {
            Kind from = TABLES.get(fk[1]);
            Kind to = TABLES.get(fk[2]);
            if (from == null || to == null) {
                continue; // everyTableIsClassified names it
            }
            String name = fk[1] + "." + fk[0] + " -> " + fk[2];
            if (to == Kind.DISTRIBUTED) {
                if (from != Kind.DISTRIBUTED) {
                    broken.add(name + ": a " + from + " table may not reference a distributed one");
                    continue;
                }
                List<String> columns = List.of(fk[3].split(","));
                List<String> referenced = List.of(fk[4].split(","));
                int at = columns.indexOf(DISTRIBUTION_COLUMN);
                if (at < 0 || !referenced.get(at).equals(DISTRIBUTION_COLUMN)) {
                    broken.add(name + ": (" + fk[3] + ") -> (" + fk[4] + ") does not match project_id to project_id");
                }
            } else if (from == Kind.REFERENCE && to == Kind.LOCAL) {
                broken.add(name + ": a reference table may not reference a local one");
            }
        }
        assertEquals(List.of(), broken);
    }

    private List<String> tables() throws SQLException {
        return query("""
                select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                order by 1""").stream().map(r -> r[0]).toList();
    }

    private boolean notNullColumn(String table, String column) throws SQLException {
        return !query("""
                select 1 from pg_attribute where attrelid = to_regclass(?) and attname = ? and attnotnull and not attisdropped""",
                table, column).isEmpty();
    }

    private List<String[]> query(String sql, String... parameters) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}

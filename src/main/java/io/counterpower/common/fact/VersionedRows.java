package io.counterpower.common.fact;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The batch form of the fact-writing path (issue 22), for collectors and loaders that write on a
 * plain connection in transactions of their own: a versioned table is described once (its value
 * columns; the provenance columns are the same for every fact), and a {@link Batch} supersedes and
 * inserts any number of versions in two set-based statements, an {@code update ... where row_id =
 * any(?)} and an {@code insert ... select from unnest(...)}. The versioning rules are the ones
 * {@link FactStore} applies one fact at a time: a new version of a fact keeps its {@code id} (a new
 * fact takes the next {@code fact_id_seq}), the version it replaces is closed at the same moment
 * ({@code superseded_at}), and every version records its source, confidence and reason. The
 * database keeps its own guarantees (one current version per id, triggers on derived tables).
 *
 * <p>The audit is the caller's: a collection writes one audit row for the whole run
 * ({@code PlatformStore.auditCollection}), not one per fact.
 */
public final class VersionedRows {

    /** The SQL types a value column may have; {@code JSONB} values are passed as JSON text. */
    enum Type {
        BIGINT("bigint"), SMALLINT("smallint"), TEXT("text"), DATE("date"), BOOLEAN("boolean"), JSONB("text");

        private final String arrayElement;

        Type(String arrayElement) {
            this.arrayElement = arrayElement;
        }
    }

    /** A value column of a versioned table. */
    public record Column(String name, Type type) {
    }

    /**
     * A versioned table: its name and the value columns a version carries besides {@code id} and the
     * provenance ({@code source_kind}, {@code source_url}, {@code source_note}, {@code confidence},
     * {@code recorded_at}, {@code change_reason}, {@code source_quote}).
     */
    public record Table(String name, List<Column> values) {
        public Table {
            values = List.copyOf(values);
        }

        public static Table of(String name, Column... values) {
            return new Table(name, List.of(values));
        }

        /** An empty batch of writes to this table. */
        public Batch batch() {
            return new Batch(this);
        }
    }

    public static Column bigint(String name) {
        return new Column(name, Type.BIGINT);
    }

    public static Column smallint(String name) {
        return new Column(name, Type.SMALLINT);
    }

    public static Column text(String name) {
        return new Column(name, Type.TEXT);
    }

    public static Column date(String name) {
        return new Column(name, Type.DATE);
    }

    public static Column bool(String name) {
        return new Column(name, Type.BOOLEAN);
    }

    public static Column jsonb(String name) {
        return new Column(name, Type.JSONB);
    }

    /** What a batch did: versions closed and versions inserted. */
    record Written(int superseded, int inserted) {
    }

    /**
     * Versions to close and versions to insert in one table. Not thread-safe; write it once, inside
     * the caller's transaction.
     */
    public static final class Batch {
        private final Table table;
        private final List<Long> superseded = new ArrayList<>();
        private final List<Long> ids = new ArrayList<>();
        private final List<Object[]> values = new ArrayList<>();
        private final List<FactSource> sources = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();
        private boolean skipCurrent;

        private Batch(Table table) {
            this.table = table;
        }

        /** Closes the version {@code rowId} (if it is still current). */
        public Batch supersede(long rowId) {
            superseded.add(rowId);
            return this;
        }

        /**
         * Adds a version: of the fact {@code id}, or of a new fact when {@code id} is null; the values
         * in the order of the table's columns ({@link LocalDate} for dates, JSON text for jsonb).
         */
        public Batch add(Long id, FactSource source, String reason, Object... columnValues) {
            if (columnValues.length != table.values().size()) {
                throw new IllegalArgumentException(table.name() + " takes " + table.values().size() + " values, not "
                        + columnValues.length);
            }
            ids.add(id);
            values.add(columnValues);
            sources.add(source);
            reasons.add(reason);
            return this;
        }

        /**
         * Leaves out a version whose fact already has a current one (instead of failing on the
         * one-current-version index): for writers that may meet a fact another transaction recorded.
         */
        public Batch skippingCurrentFacts() {
            this.skipCurrent = true;
            return this;
        }

        /** The versions to insert. */
        public int versions() {
            return ids.size();
        }

        /** The versions to close. */
        public int closes() {
            return superseded.size();
        }

        public boolean isEmpty() {
            return ids.isEmpty() && superseded.isEmpty();
        }

        /** Closes, then inserts, in at most two statements. */
        public Written write(Connection c) throws SQLException {
            int closed = 0;
            if (!superseded.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("update " + table.name()
                        + " set superseded_at = now() where row_id = any(?) and superseded_at is null")) {
                    s.setArray(1, c.createArrayOf("bigint", superseded.toArray()));
                    closed = s.executeUpdate();
                }
            }
            int inserted = 0;
            if (!ids.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(insertStatement())) {
                    int n = ids.size();
                    int p = 1;
                    s.setArray(p++, c.createArrayOf("bigint", ids.toArray()));
                    List<Column> columns = table.values();
                    for (int col = 0; col < columns.size(); col++) {
                        Object[] array = new Object[n];
                        for (int i = 0; i < n; i++) {
                            array[i] = jdbc(values.get(i)[col]);
                        }
                        s.setArray(p++, c.createArrayOf(columns.get(col).type().arrayElement, array));
                    }
                    String[][] provenance = new String[6][n];
                    for (int i = 0; i < n; i++) {
                        FactSource source = sources.get(i);
                        provenance[0][i] = source.kind().code();
                        provenance[1][i] = source.url();
                        provenance[2][i] = source.note();
                        provenance[3][i] = source.confidence().code();
                        provenance[4][i] = reasons.get(i);
                        provenance[5][i] = source.quote();
                    }
                    for (String[] column : provenance) {
                        s.setArray(p++, c.createArrayOf("text", column));
                    }
                    inserted = s.executeUpdate();
                }
            }
            return new Written(closed, inserted);
        }

        private String insertStatement() {
            StringJoiner target = new StringJoiner(", ");
            StringJoiner selected = new StringJoiner(", ");
            StringJoiner arrays = new StringJoiner(", ");
            StringJoiner aliases = new StringJoiner(", ");
            target.add("id");
            selected.add("coalesce(t.id, nextval('fact_id_seq'))");
            arrays.add("cast(? as bigint[])");
            aliases.add("id");
            List<Column> columns = table.values();
            for (int col = 0; col < columns.size(); col++) {
                Column column = columns.get(col);
                String alias = "v" + col;
                target.add(column.name());
                selected.add(column.type() == Type.JSONB ? "cast(t." + alias + " as jsonb)" : "t." + alias);
                arrays.add("cast(? as " + column.type().arrayElement + "[])");
                aliases.add(alias);
            }
            for (String provenance : List.of("source_kind", "source_url", "source_note", "confidence", "change_reason", "source_quote")) {
                target.add(provenance);
                selected.add("t." + provenance);
                arrays.add("cast(? as text[])");
                aliases.add(provenance);
            }
            target.add("recorded_at");
            selected.add("now()");
            return "insert into " + table.name() + " (" + target + ")\nselect " + selected
                    + "\nfrom unnest(" + arrays + ") as t(" + aliases + ")"
                    + (skipCurrent ? "\non conflict (id) where superseded_at is null do nothing" : "");
        }

        private static Object jdbc(Object value) {
            return value instanceof LocalDate day ? Date.valueOf(day) : value;
        }
    }

    private VersionedRows() {
    }
}

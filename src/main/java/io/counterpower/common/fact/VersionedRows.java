package io.counterpower.common.fact;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /**
     * The SQL types a value column may have. {@code CAST} values are passed as their text form and cast
     * by PostgreSQL per row to the column's {@code castTo}: JSON text for jsonb, array literals
     * ({@code {a.org,b.org}}) for text[] (arrays of differing lengths cannot be one two-dimensional array to
     * unnest), and any type read back as text from a version being copied.
     */
    enum Type {
        BIGINT("bigint"), SMALLINT("smallint"), NUMERIC("numeric"), TEXT("text"), DATE("date"), BOOLEAN("boolean"),
        CAST("text");

        private final String arrayElement;

        Type(String arrayElement) {
            this.arrayElement = arrayElement;
        }
    }

    /** A value column of a versioned table; {@code castTo} is the SQL type a {@code CAST} column's text is cast to. */
    public record Column(String name, Type type, String castTo) {
        public Column {
            if ((type == Type.CAST) != (castTo != null)) {
                throw new IllegalArgumentException("Only a CAST column, and every one, names the type it is cast to: " + name);
            }
        }
    }

    /**
     * A versioned table: its name and the value columns a version carries besides {@code id} and the
     * provenance ({@code source_kind}, {@code source_url}, {@code source_note}, {@code source_quote}, {@code confidence},
     * {@code recorded_at}, {@code change_reason}).
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
        return new Column(name, Type.BIGINT, null);
    }

    public static Column smallint(String name) {
        return new Column(name, Type.SMALLINT, null);
    }

    public static Column text(String name) {
        return new Column(name, Type.TEXT, null);
    }

    /** A numeric column (amounts of money), given as {@link java.math.BigDecimal}. */
    public static Column numeric(String name) {
        return new Column(name, Type.NUMERIC, null);
    }

    /** A text[] column, given as an array literal ({@code {a.org,b.org}}). */
    public static Column textArray(String name) {
        return new Column(name, Type.CAST, "text[]");
    }

    public static Column date(String name) {
        return new Column(name, Type.DATE, null);
    }

    public static Column bool(String name) {
        return new Column(name, Type.BOOLEAN, null);
    }

    /** A column of any SQL type ({@code sqlType} as {@code format_type} writes it), given as its text form. */
    public static Column cast(String name, String sqlType) {
        return new Column(name, Type.CAST, sqlType);
    }

    public static Column jsonb(String name) {
        return new Column(name, Type.CAST, "jsonb");
    }

    /** The provenance columns every version records besides {@code recorded_at}, in the order the statement names them. */
    private static final List<String> PROVENANCE = List.of("source_kind", "source_url", "source_note", "confidence", "change_reason",
            "source_quote");

    /** What a batch did: versions closed and versions inserted. */
    public record Written(int superseded, int inserted) {
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
        private String conflictTarget;
        private Instant recordedAt;
        private Long recordedBy;

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
            this.conflictTarget = "id";
            return this;
        }

        /**
         * Leaves out a version whose natural key (the columns of a unique index on current versions)
         * a current version already holds: for insert-only writers that meet a fact recorded before.
         */
        public Batch skippingCurrentVersionsOf(String... naturalKey) {
            this.conflictTarget = String.join(", ", naturalKey);
            return this;
        }

        /**
         * Records every version as made at {@code at} by the key {@code keyId} (null for none), as the
         * write API's bulk imports do (their moment is the request's, taken before the transaction), where
         * a collector's versions are recorded at the transaction's {@code now()} by no key.
         */
        public Batch recordedAs(Instant at, Long keyId) {
            this.recordedAt = java.util.Objects.requireNonNull(at);
            this.recordedBy = keyId;
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
            return write(c, new ArrayList<>());
        }

        /**
         * The same, for a caller that names the new facts next: the ids of the versions inserted, in the
         * order they were added (a skipped version has none).
         */
        public List<Long> writeReturningIds(Connection c) throws SQLException {
            List<Long> inserted = new ArrayList<>();
            write(c, inserted);
            return inserted;
        }

        private Written write(Connection c, List<Long> written) throws SQLException {
            int closed = 0;
            if (!superseded.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("update " + table.name()
                        + " set superseded_at = now() where row_id = any(?) and superseded_at is null")) {
                    s.setArray(1, c.createArrayOf("bigint", superseded.toArray(Long[]::new)));
                    closed = s.executeUpdate();
                }
            }
            if (!ids.isEmpty()) {
                // A batch of one source and reason (an import's) sends them once, not once per version.
                boolean oneSource = true;
                for (int i = 1; i < ids.size() && oneSource; i++) {
                    oneSource = sources.get(i).equals(sources.get(0)) && java.util.Objects.equals(reasons.get(i), reasons.get(0));
                }
                try (PreparedStatement s = c.prepareStatement(insertStatement(oneSource))) {
                    int n = ids.size();
                    int p = 1;
                    if (oneSource) {
                        for (String value : provenance(0)) {
                            s.setString(p++, value);
                        }
                    }
                    if (recordedAt != null) {
                        s.setObject(p++, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
                        if (recordedBy == null) {
                            s.setNull(p++, Types.BIGINT);
                        } else {
                            s.setLong(p++, recordedBy);
                        }
                    }
                    s.setArray(p++, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
                    List<Column> columns = table.values();
                    for (int col = 0; col < columns.size(); col++) {
                        // Typed arrays: the driver sends them in binary; an Object[] would go as text to be parsed.
                        Type type = columns.get(col).type();
                        Object[] array = switch (type) {
                            case BIGINT -> new Long[n];
                            case SMALLINT -> new Short[n];
                            case NUMERIC -> new java.math.BigDecimal[n];
                            case TEXT, CAST -> new String[n];
                            case DATE -> new Date[n];
                            case BOOLEAN -> new Boolean[n];
                        };
                        for (int i = 0; i < n; i++) {
                            Object value = values.get(i)[col];
                            array[i] = type == Type.CAST && value != null ? value.toString() : jdbc(value);
                        }
                        s.setArray(p++, c.createArrayOf(type.arrayElement, array));
                    }
                    if (!oneSource) {
                        String[][] provenance = new String[PROVENANCE.size()][n];
                        for (int i = 0; i < n; i++) {
                            String[] version = provenance(i);
                            for (int k = 0; k < version.length; k++) {
                                provenance[k][i] = version[k];
                            }
                        }
                        for (String[] column : provenance) {
                            s.setArray(p++, c.createArrayOf("text", column));
                        }
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            written.add(r.getLong(1));
                        }
                    }
                }
            }
            return new Written(closed, written.size());
        }

        /** The provenance of the version added {@code i}th, in the order of {@link #PROVENANCE}. */
        private String[] provenance(int i) {
            FactSource source = sources.get(i);
            return new String[] {source.kind().code(), source.url(), source.note(), source.confidence().code(), reasons.get(i),
                    source.quote()};
        }

        private String insertStatement(boolean oneSource) {
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
                selected.add(column.castTo() != null ? "cast(t." + alias + " as " + column.castTo() + ")" : "t." + alias);
                arrays.add("cast(? as " + column.type().arrayElement + "[])");
                aliases.add(alias);
            }
            for (String provenance : PROVENANCE) {
                target.add(provenance);
                if (oneSource) {
                    selected.add("cast(? as text)");
                } else {
                    selected.add("t." + provenance);
                    arrays.add("cast(? as text[])");
                    aliases.add(provenance);
                }
            }
            target.add("recorded_at");
            if (recordedAt == null) {
                selected.add("now()");
            } else {
                selected.add("cast(? as timestamptz)");
                target.add("recorded_by");
                selected.add("cast(? as bigint)");
            }
            // Ordered by position, so that new facts take fact_id_seq in the order they were added.
            return "insert into " + table.name() + " (" + target + ")\nselect " + selected
                    + "\nfrom unnest(" + arrays + ") with ordinality as t(" + aliases + ", position)\norder by t.position"
                    + (conflictTarget == null ? "" : "\non conflict (" + conflictTarget + ") where superseded_at is null do nothing")
                    + "\nreturning id";
        }

        private static Object jdbc(Object value) {
            return value instanceof LocalDate day ? Date.valueOf(day) : value;
        }
    }

    private VersionedRows() {
    }
}

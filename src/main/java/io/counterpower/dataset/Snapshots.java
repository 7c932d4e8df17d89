package io.counterpower.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.indicator.Methodology;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Snapshots of the whole fact base as recorded at a moment (issue #20, docs/snapshots.md): gzip'd
 * JSON Lines, one header line (format, moment, data version, methodology version, data licence,
 * citation, what the contributions cover), one line per row of {@link SnapshotTables} with its
 * source, confidence and recorded_at, and one last line with the number of rows and the SHA-256 of
 * every line before it. Identities are pseudonymised. The bytes depend only on the facts: a snapshot
 * loaded into an empty service and exported again at the same moment gives the same bytes.
 */
@ApplicationScoped
class Snapshots {
    static final String FORMAT = "counterpower-snapshot/1";
    static final String LICENCE = "CC-BY-4.0";
    private static final int FETCH_SIZE = 5000;
    private static final int BATCH = 2000;
    /** The longest line a load reads (a row is a few hundred characters; this only stops a runaway line). */
    private static final int MAX_LINE = 1 << 20;

    /** What a load recorded: rows per table, the moment and the checksum of the snapshot. */
    record LoadReport(String asRecordedOn, String sha256, long records, Map<String, Long> tables) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Methodology methodology;
    @Inject
    ChangeLog changes;

    // ---- export ------------------------------------------------------------------------------

    /** Writes the snapshot as recorded on {@code asRecordedOn} (null: as recorded now) to {@code out}, gzip'd. */
    void write(Instant asRecordedOn, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    // One consistent view of every table, timestamps written in UTC whatever the server's zone.
                    s.execute("set transaction isolation level repeatable read, read only");
                    s.execute("set local timezone to 'UTC'");
                }
                GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_COMPRESSION);
                    }
                };
                Lines lines = new Lines(gzip);
                Instant newest = newest(c, asRecordedOn);
                Instant moment = asRecordedOn != null ? asRecordedOn : newest;
                lines.write(json.writeValueAsString(Map.of("snapshot", header(c, moment, newest))));
                if (moment != null) {
                    for (SnapshotTables.Table table : SnapshotTables.ALL) {
                        writeTable(c, table, moment, lines);
                    }
                }
                Map<String, Object> end = new LinkedHashMap<>();
                end.put("records", lines.records - 1);
                end.put("sha256", HexFormat.of().formatHex(lines.digest.digest()));
                byte[] last = (json.writeValueAsString(Map.of("end", end)) + "\n").getBytes(StandardCharsets.UTF_8);
                gzip.write(last);
                gzip.finish();
                gzip.flush();
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the snapshot", e);
        }
    }

    /** The lines written so far, and the digest of their bytes. */
    private static final class Lines {
        final OutputStream out;
        final MessageDigest digest = sha256();
        long records;

        Lines(OutputStream out) {
            this.out = out;
        }

        void write(String line) throws IOException {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            digest.update(bytes);
            out.write(bytes);
            records++;
        }
    }

    /**
     * The newest instant at which the snapshot's facts changed, at or before the moment: a row
     * recorded, or a row closed without a successor (a withdrawn contribution, an unmerge, a
     * resolved dispute), which an export at the newest recording alone would show still open.
     */
    private static Instant newest(Connection c, Instant moment) throws SQLException {
        StringBuilder sql = new StringBuilder("select max(t) from (");
        int parameters = 0;
        for (SnapshotTables.Table table : SnapshotTables.ALL) {
            List<String> instants = new ArrayList<>(List.of(table.since()));
            table.masks().keySet().stream().filter(column -> column.endsWith("_at")).sorted().forEach(instants::add);
            for (String column : instants) {
                sql.append(parameters == 0 ? "" : " union all ").append("select max(").append(column)
                        .append(") as t from ").append(table.name()).append(moment == null ? "" : " where " + column + " <= ?");
                parameters++;
            }
        }
        try (PreparedStatement s = c.prepareStatement(sql.append(") x").toString())) {
            if (moment != null) {
                for (int i = 1; i <= parameters; i++) {
                    s.setTimestamp(i, Timestamp.from(moment));
                }
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                OffsetDateTime t = r.getObject(1, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
        }
    }

    private Map<String, Object> header(Connection c, Instant moment, Instant newest) throws SQLException {
        int methodologyVersion = methodology.latest().number();
        String at = moment == null ? null : moment.toString();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("format", FORMAT);
        h.put("asRecordedOn", at);
        // The data version of a snapshot is the newest instant at which one of its facts was
        // recorded: unlike an instance's counter it survives a load elsewhere, so the round trip holds.
        h.put("dataVersion", newest == null ? null : newest.toString());
        h.put("methodologyVersion", methodologyVersion);
        // Insertion-ordered maps throughout: Map.of's order changes from one JVM start to the next.
        Map<String, Object> licence = new LinkedHashMap<>();
        licence.put("facts", LICENCE);
        licence.put("url", "https://creativecommons.org/licenses/by/4.0/");
        licence.put("imported", "Facts whose source kind is 'import' (such as openness ratings) keep the licence and"
                + " citation of their source, named in their source_url and source_note.");
        h.put("licence", licence);
        h.put("citation", "Counterpower. Snapshot of the fact base as recorded on " + at + " (data version "
                + h.get("dataVersion") + ", methodology version " + methodologyVersion + "), " + LICENCE
                + ". /api/v1/snapshots?asRecordedOn=" + at + " ; its SHA-256 is in its last line.");
        h.put("pseudonymised", "Emails are kept as their domain (email_domain) and the SHA-256 of the lower-cased"
                + " address (email_sha256); git names and GitHub noreply addresses are kept.");
        h.put("tables", SnapshotTables.ALL.stream().map(SnapshotTables.Table::name).toList());
        h.put("covers", moment == null ? null : covers(c, moment));
        return h;
    }

    /**
     * What the service's contributions cover now: per project and repository the commits and the
     * newest commit date, and the projects' recorded repositories of which no contribution is
     * recorded (not collected, which says nothing about their activity).
     */
    Map<String, Object> coverage() {
        try (Connection c = dataSource.getConnection()) {
            return covers(c, Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the coverage", e);
        }
    }

    /** The repositories whose contributions the snapshot holds, and the recorded ones it does not. */
    private static Map<String, Object> covers(Connection c, Instant moment) throws SQLException {
        List<Map<String, Object>> repositories = new ArrayList<>();
        long commits = 0;
        String newestCommit = null;
        try (PreparedStatement s = c.prepareStatement("""
                select p.slug, c.repository_url, count(*) filter (where c.kind = 'commit') as commits,
                       max(c.at) filter (where c.kind = 'commit') as newest
                from contribution c join project p on p.id = c.project_id
                where visible_at(c.recorded_at, c.superseded_at, ?)
                group by p.slug, c.repository_url order by p.slug, c.repository_url nulls last""")) {
            s.setTimestamp(1, Timestamp.from(moment));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime at = r.getObject("newest", OffsetDateTime.class);
                    String newest = at == null ? null : at.toInstant().toString();
                    Map<String, Object> repository = new LinkedHashMap<>();
                    repository.put("project", r.getString("slug"));
                    repository.put("url", io.counterpower.common.text.LocalPathRedaction.url(r.getString("repository_url")));
                    repository.put("commits", r.getLong("commits"));
                    repository.put("newestCommitAt", newest);
                    repositories.add(repository);
                    commits += r.getLong("commits");
                    if (newest != null && (newestCommit == null || newest.compareTo(newestCommit) > 0)) {
                        newestCommit = newest;
                    }
                }
            }
        }
        List<Map<String, Object>> notCollected = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select p.slug, r.url from project p
                join project_repository r on r.project_id = p.id and visible_at(r.recorded_at, r.superseded_at, ?)
                where not exists (select 1 from contribution c where c.project_id = p.id
                                  and visible_at(c.recorded_at, c.superseded_at, ?))
                order by p.slug, r.url""")) {
            for (int i = 1; i <= 2; i++) {
                s.setTimestamp(i, Timestamp.from(moment));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> missing = new LinkedHashMap<>();
                    missing.put("project", r.getString(1));
                    missing.put("url", io.counterpower.common.text.LocalPathRedaction.url(r.getString(2)));
                    notCollected.add(missing);
                }
            }
        }
        Map<String, Object> covers = new LinkedHashMap<>();
        covers.put("repositories", repositories);
        covers.put("commits", commits);
        covers.put("newestCommitAt", newestCommit);
        covers.put("notCollected", notCollected);
        return covers;
    }

    private static void writeTable(Connection c, SnapshotTables.Table table, Instant moment, Lines lines)
            throws SQLException, IOException {
        List<String> columns = columns(c, table.name());
        List<String> keyColumns = apiKeyColumns(c, table.name());
        StringBuilder select = new StringBuilder();
        for (String column : columns) {
            String expression = keyColumns.contains(column) ? "null::bigint"   // API keys stay with their instance
                    : table.masks().getOrDefault(column, column);
            select.append(select.isEmpty() ? "" : ", ").append(expression.replace(":t", "?")).append(" as ").append(column);
        }
        long masks = select.chars().filter(ch -> ch == '?').count();
        String sql = "select to_jsonb(x)::text from (select " + select + " from " + table.name() + " where "
                + table.since() + " <= ?) x order by x." + table.orderBy();
        String prefix = "{\"table\":\"" + table.name() + "\",\"row\":";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setFetchSize(FETCH_SIZE);
            for (int i = 1; i <= masks + 1; i++) {
                s.setTimestamp(i, Timestamp.from(moment));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.write(prefix + r.getString(1) + "}");
                }
            }
        }
    }

    /** The columns a snapshot carries: all but those the database computes. */
    static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER'
                order by ordinal_position""")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        return columns;
    }

    /** Columns that name an API key (recorded_by, merged_by, ...): keys are never part of a snapshot. */
    private static List<String> apiKeyColumns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select a.attname from pg_constraint k
                join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
                where k.contype = 'f' and k.conrelid = cast(? as regclass) and k.confrelid = 'api_key'::regclass""")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        return columns;
    }

    // ---- import ------------------------------------------------------------------------------

    /** Whether the service holds no facts yet (a snapshot is loaded only into such a service). */
    public boolean isEmpty() {
        return (Boolean) em.createNativeQuery("""
                select not exists (select 1 from organisation) and not exists (select 1 from project)
                   and not exists (select 1 from contributor) and not exists (select 1 from identity)""").getSingleResult();
    }

    /**
     * Loads a gzip'd snapshot into an empty service in one transaction and one streamed pass: all of
     * it or nothing (a bad line, a checksum that does not match, a service that is not empty).
     */
    LoadReport load(InputStream gzipped, int timeoutSeconds, String reason) {
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, ReferenceDataset.LOCK_KEY).getSingleResult();
            if (!isEmpty()) {
                throw ApiProblem.conflict("The service already holds facts: a snapshot is loaded only into an empty one"
                        + " (start it on a new database with counterpower.dataset.load-on-start=false)");
            }
            LoadReport report = em.unwrap(Session.class).doReturningWork(c -> {
                try {
                    return read(c, gzipped);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<?> projects = em.createNativeQuery("select id from project").getResultList();
            projects.forEach(id -> changes.bump(ChangeLog.projectScope(((Number) id).longValue())));
            changes.record(ChangeLog.GLOBAL, "import", "snapshot", report.sha256(), null, report.tables(), reason);
            return report;
        });
    }

    private LoadReport read(Connection c, InputStream gzipped) throws SQLException, IOException {
        BufferedReader in;
        try {
            in = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
        } catch (ZipException e) {
            throw ApiProblem.badRequest("body", "is not a gzip'd snapshot (application/gzip)");
        }
        MessageDigest digest = sha256();
        long lineNumber = 0;
        String line;
        try {
            line = readLine(in, lineNumber + 1);
        } catch (ZipException e) {
            throw ApiProblem.badRequest("body", "is not a gzip'd snapshot (application/gzip)");
        }
        lineNumber++;
        JsonNode header = parse(line, lineNumber).path("snapshot");
        if (!FORMAT.equals(header.path("format").asText(null))) {
            throw ApiProblem.badRequest("body", "line 1: not a snapshot header of format " + FORMAT);
        }
        digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            // The attribution is rebuilt once at the end (rebuildAttribution), not queued row by row (V039).
            s.execute("set local counterpower.attribution_queue = 'off'");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        Batch batch = null;
        int lastTable = -1;
        long records = 0;
        JsonNode end = null;
        while (true) {
            try {
                line = readLine(in, lineNumber + 1);
            } catch (ZipException | java.io.EOFException e) {
                throw ApiProblem.badRequest("body", "line " + (lineNumber + 1) + ": the gzip stream is cut or damaged");
            }
            if (line == null) {
                break;
            }
            lineNumber++;
            if (end != null) {
                throw ApiProblem.badRequest("body", "line " + lineNumber + ": a line after the last line");
            }
            if (line.startsWith("{\"end\":")) {
                end = parse(line, lineNumber).path("end");
                continue;
            }
            digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            String table = tableOf(line, lineNumber);
            int index = SnapshotTables.indexOf(table);
            if (index < 0) {
                throw ApiProblem.badRequest("body", "line " + lineNumber + ": unknown table '" + table + "'");
            }
            if (index < lastTable) {
                throw ApiProblem.badRequest("body", "line " + lineNumber + ": table '" + table + "' after '"
                        + SnapshotTables.ALL.get(lastTable).name() + "' (tables come in the order of the header)");
            }
            if (batch == null || !batch.table.equals(table)) {
                if (batch != null) {
                    batch.flush(c);
                }
                batch = new Batch(table, columns(c, table));
                lastTable = index;
            }
            batch.add(line.substring(("{\"table\":\"" + table + "\",\"row\":").length(), line.length() - 1), lineNumber);
            if (batch.size >= BATCH) {
                batch.flush(c);
            }
            counts.merge(table, 1L, Long::sum);
            records++;
        }
        if (batch != null) {
            batch.flush(c);
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        if (end == null) {
            throw ApiProblem.badRequest("body", "the snapshot has no last line (records and sha256): it is cut");
        }
        if (end.path("records").asLong(-1) != records || !sha.equals(end.path("sha256").asText())) {
            throw ApiProblem.badRequest("body", "the checksum or the number of records does not match the last line:"
                    + " the snapshot was changed or cut");
        }
        long rows = System.nanoTime();
        resetSequences(c);
        long analysed = analyse(c);
        long attributed = rebuildAttribution(c);
        Log.infof("Snapshot %s loaded: %d records in %d ms (rows %d ms, statistics %d ms, attribution %d ms)", sha, records,
                millis(started, System.nanoTime()), millis(started, rows), analysed, attributed);
        return new LoadReport(header.path("asRecordedOn").asText(null), sha, records, counts);
    }

    /** Rows of one table on their way in, inserted a few thousand at a time by one statement. */
    private static final class Batch {
        final String table;
        final List<String> columns;
        final StringBuilder rows = new StringBuilder("[");
        int size;
        long firstLine;
        long lastLine;

        Batch(String table, List<String> columns) {
            this.table = table;
            this.columns = columns;
        }

        void add(String row, long line) {
            if (!row.startsWith("{")) {
                throw ApiProblem.badRequest("body", "line " + line + ": the row is not a JSON object");
            }
            rows.append(size == 0 ? "" : ",").append(row);
            if (size++ == 0) {
                firstLine = line;
            }
            lastLine = line;
        }

        void flush(Connection c) throws SQLException {
            if (size == 0) {
                return;
            }
            String list = String.join(", ", columns);
            try (PreparedStatement s = c.prepareStatement("insert into " + table + " (" + list + ") overriding system value select "
                    + list + " from jsonb_populate_recordset(null::" + table + ", cast(? as jsonb))")) {
                s.setString(1, rows.append("]").toString());
                s.executeUpdate();
            } catch (SQLException e) {
                // The whole load is rolled back; the answer names the lines, not the statement.
                Log.infof("Snapshot rows of %s refused (lines %d-%d): %s", table, firstLine, lastLine, e.getMessage());
                throw ApiProblem.badRequest("body", "lines " + firstLine + "-" + lastLine + " (" + table
                        + "): rows the fact model refuses (" + describe(e) + ")");
            }
            rows.setLength(1);
            size = 0;
        }
    }

    private static String describe(SQLException e) {
        return switch (e.getSQLState() == null ? "" : e.getSQLState()) {
            case "23503" -> "a reference to a row that is not in the snapshot";
            case "23505" -> "a row repeated";
            case "23502" -> "a required value missing";
            case "23514", "23P01" -> "a value or period the rules refuse";
            case "22P02", "22007", "22008", "22003", "22023" -> "a value of the wrong type";
            default -> "SQL state " + e.getSQLState();
        };
    }

    /**
     * The planner's statistics of the tables just filled: without them it sized the attribution's
     * joins for empty tables (bench/RESULTS.md: over 12 minutes). ANALYZE sees this transaction's rows.
     * Returns the milliseconds it took.
     */
    private static long analyse(Connection c) throws SQLException {
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("analyze " + String.join(", ", SnapshotTables.ALL.stream().map(SnapshotTables.Table::name).toList()));
        }
        return millis(started, System.nanoTime());
    }

    /**
     * The attribution of the loaded projects, rebuilt in one set-based refresh (V039), then analysed.
     * The triggers queued nothing during the load. Returns the milliseconds it took.
     */
    private static long rebuildAttribution(Connection c) throws SQLException {
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("select contribution_attribution_rebuild_projects(array(select id from project))");
            s.execute("analyze contribution_attribution");
            // How far each loaded repository's collection reaches (the newest commit it holds; migration V030).
            s.execute("select record_collected_through(id) from project");
        }
        return millis(started, System.nanoTime());
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** After rows kept their ids, the sequences continue past them. */
    private static void resetSequences(Connection c) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and is_identity = 'YES' and table_name = any(?)""")) {
            s.setArray(1, c.createArrayOf("text", SnapshotTables.ALL.stream().map(SnapshotTables.Table::name).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String table = r.getString(1);
                    String column = r.getString(2);
                    statements.add("select setval(pg_get_serial_sequence('" + table + "', '" + column + "'), coalesce(max("
                            + column + "), 0) + 1, false) from " + table);
                }
            }
        }
        List<String> factIds = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                select table_name from information_schema.columns
                where table_schema = current_schema() and column_name = 'id' and column_default like 'nextval(''fact_id_seq''%'""")) {
            while (r.next()) {
                factIds.add("select max(id) as id from " + r.getString(1));
            }
        }
        if (!factIds.isEmpty()) {
            statements.add("select setval('fact_id_seq', greatest((select last_value from fact_id_seq), coalesce(max(id), 0) + 1), false) from ("
                    + String.join(" union all ", factIds) + ") x");
        }
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String readLine(BufferedReader in, long number) throws IOException {
        StringBuilder line = new StringBuilder(256);
        int ch;
        while ((ch = in.read()) >= 0 && ch != '\n') {
            if (line.length() >= MAX_LINE) {
                throw ApiProblem.badRequest("body", "line " + number + ": longer than " + MAX_LINE + " characters");
            }
            line.append((char) ch);
        }
        return ch < 0 && line.isEmpty() ? null : line.toString();
    }

    private JsonNode parse(String line, long number) {
        if (line == null) {
            throw ApiProblem.badRequest("body", "the snapshot is empty");
        }
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw ApiProblem.badRequest("body", "line " + number + ": not JSON");
        }
    }

    private static String tableOf(String line, long number) {
        String prefix = "{\"table\":\"";
        int end = line.indexOf('"', prefix.length());
        if (!line.startsWith(prefix) || end < 0 || !line.startsWith("\",\"row\":", end) || !line.endsWith("}")) {
            throw ApiProblem.badRequest("body", "line " + number + ": not a snapshot record ({\"table\":…,\"row\":{…}})");
        }
        return line.substring(prefix.length(), end);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

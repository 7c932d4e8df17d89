package io.counterpower.common.fact;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The batch fact writer on a throw-away versioned table shaped like the fact tables (a temporary
 * table, dropped with its transaction): versions keep their fact's id, the replaced version is
 * closed, provenance is recorded, and one current version per fact holds after any sequence of batches.
 */
@QuarkusTest
class VersionedRowsTest {
    private static final VersionedRows.Table PROBE = VersionedRows.Table.of("versioned_probe",
            VersionedRows.text("label"), VersionedRows.bigint("amount"), VersionedRows.date("day"),
            VersionedRows.bool("flag"), VersionedRows.jsonb("detail"), VersionedRows.smallint("level"));
    private static final FactSource GIT = new FactSource(SourceKind.GIT, "https://example.org/repo", "read from git",
            Confidence.INFERRED);

    @Test
    void aNewVersionKeepsItsFactsIdAndClosesTheOneItReplaces() {
        inProbeTransaction(c -> {
            VersionedRows.Written first = PROBE.batch()
                    .add(null, GIT, null, "a", 1L, LocalDate.of(2024, 2, 29), true, "{\"k\": [1, 2]}", (short) 3)
                    .add(null, new FactSource(SourceKind.EMAIL_DOMAIN, null, "by domain", "The sentence read.", Confidence.VERIFIED), "why",
                            "b, \"quoted\" {x}", null, null, false, null, null)
                    .write(c);
            assertEquals(new VersionedRows.Written(0, 2), first);
            List<Map<String, Object>> rows = rows(c);
            assertEquals(2, rows.size());
            Map<String, Object> a = rows.get(0);
            assertEquals("a", a.get("label"));
            assertEquals(1L, a.get("amount"));
            assertEquals("2024-02-29", a.get("day"));
            assertEquals(true, a.get("flag"));
            assertEquals("[1, 2]", a.get("k"), "stored as jsonb, not as a JSON string");
            assertEquals(3, a.get("level"));
            assertEquals("git", a.get("source_kind"));
            assertEquals("https://example.org/repo", a.get("source_url"));
            assertEquals("read from git", a.get("source_note"));
            assertEquals("inferred", a.get("confidence"));
            assertNull(a.get("change_reason"));
            assertNotNull(a.get("recorded_at"));
            Map<String, Object> b = rows.get(1);
            assertEquals("b, \"quoted\" {x}", b.get("label"), "array literal escaping keeps the text as it was");
            assertNull(b.get("amount"));
            assertEquals("email-domain", b.get("source_kind"));
            assertEquals("verified", b.get("confidence"));
            assertEquals("The sentence read.", b.get("source_quote"), "a verified version keeps the sentence read");
            assertNull(a.get("source_quote"));
            assertEquals("why", b.get("change_reason"));

            long aId = (Long) a.get("id");
            long aRow = (Long) a.get("row_id");
            VersionedRows.Written second = PROBE.batch().supersede(aRow)
                    .add(aId, GIT, "the amount changed", "a", 2L, null, true, null, null)
                    .write(c);
            assertEquals(new VersionedRows.Written(1, 1), second);
            rows = rows(c);
            assertEquals(3, rows.size());
            assertNotNull(rows.get(0).get("superseded_at"), "the replaced version is closed");
            assertEquals(aId, rows.get(2).get("id"), "the new version keeps the fact's id");
            assertEquals(2L, rows.get(2).get("amount"));
            assertNull(rows.get(2).get("superseded_at"));

            // Closing a closed version again changes nothing; a fact with a current version is skipped on request.
            VersionedRows.Written third = PROBE.batch().supersede(aRow).skippingCurrentFacts()
                    .add(aId, GIT, null, "again", 9L, null, false, null, null)
                    .write(c);
            assertEquals(new VersionedRows.Written(0, 0), third);
            assertEquals(3, rows(c).size());
            return null;
        });
    }

    @Test
    void anImportsVersionsAreRecordedAtItsMomentByItsKey() {
        Instant requested = Instant.parse("2026-03-01T10:15:30.123456Z");
        inProbeTransaction(c -> {
            PROBE.batch().recordedAs(requested, 42L).add(null, GIT, "imported", "a", 1L, null, true, null, null).write(c);
            PROBE.batch().recordedAs(requested, null).add(null, GIT, "imported", "b", 2L, null, true, null, null).write(c);
            PROBE.batch().add(null, GIT, "collected", "c", 3L, null, true, null, null).write(c);
            try (var s = c.createStatement(); ResultSet r = s.executeQuery(
                    "select label, recorded_at = '2026-03-01T10:15:30.123456Z', recorded_by from versioned_probe order by row_id")) {
                List<String> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getBoolean(2) + " " + r.getObject(3));
                }
                assertEquals(List.of("a true 42", "b true null", "c false null"), rows,
                        "an import's moment and key; a collector's versions are made now() by no key");
            }
            return null;
        });
    }

    @Test
    void aVersionOfACurrentFactWithoutSupersedingItIsRefused() {
        assertThrows(RuntimeException.class, () -> inProbeTransaction(c -> {
            long id = (Long) rows(c, PROBE.batch().add(null, GIT, null, "x", 1L, null, false, null, null)).get(0).get("id");
            PROBE.batch().add(id, GIT, null, "y", 2L, null, false, null, null).write(c);
            return null;
        }));
        assertThrows(IllegalArgumentException.class, () -> PROBE.batch().add(null, GIT, null, "too few"));
    }

    /**
     * Numeric and cast columns keep their values; new facts take their ids in the order they were added and the
     * ids come back in that order; a version whose natural key a current version holds is skipped on request.
     */
    @Test
    void typedColumnsNewIdsInOrderAndTheNaturalKeySkip() {
        VersionedRows.Table extra = VersionedRows.Table.of("versioned_extra", VersionedRows.text("label"),
                VersionedRows.numeric("amount"), VersionedRows.textArray("domains"), VersionedRows.cast("span", "int4range"));
        inProbeTransaction(c -> {
            try (var s = c.createStatement()) {
                s.execute("""
                        create temp table versioned_extra (
                            row_id bigint generated always as identity primary key,
                            id bigint not null default nextval('fact_id_seq'),
                            label text not null, amount numeric(20, 2), domains text[] not null default '{}', span int4range,
                            source_kind text not null, source_url text, source_note text, source_quote text, confidence text not null,
                            recorded_at timestamptz not null default now(), superseded_at timestamptz,
                            recorded_by bigint, change_reason text) on commit drop""");
                s.execute("create unique index on versioned_extra (label) where superseded_at is null");
            }
            List<Long> ids = extra.batch()
                    .add(null, GIT, null, "b", new java.math.BigDecimal("1234567.895"), "{b.org,\"c d.org\"}", "[1,5)")
                    .add(null, GIT, null, "a", null, "{}", null)
                    .add(null, GIT, null, "c", java.math.BigDecimal.TEN, "{x.org}", "[2,3]")
                    .writeReturningIds(c);
            assertEquals(3, ids.size());
            assertEquals(ids.stream().sorted().distinct().toList(), ids, "taken from the sequence in the order added");
            List<String> rows = new ArrayList<>();
            try (var s = c.createStatement(); ResultSet r = s.executeQuery(
                    "select id, label, amount::text, domains::text, span::text from versioned_extra order by row_id")) {
                while (r.next()) {
                    rows.add(r.getLong(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4) + " " + r.getString(5));
                }
            }
            assertEquals(List.of(ids.get(0) + " b 1234567.90 {b.org,\"c d.org\"} [1,5)", ids.get(1) + " a null {} null",
                    ids.get(2) + " c 10.00 {x.org} [2,4)"), rows);

            List<Long> again = extra.batch().skippingCurrentVersionsOf("label")
                    .add(null, GIT, null, "a", null, "{}", null)
                    .add(null, GIT, null, "d", null, "{}", null)
                    .writeReturningIds(c);
            assertEquals(1, again.size(), "the version of a, which is current, is skipped");
            assertThrows(IllegalArgumentException.class, () -> new VersionedRows.Column("x", VersionedRows.Type.TEXT, "jsonb"));
            return null;
        });
    }

    /** Random batches of new facts, edits and closes: the current rows always equal a plain map's, one per fact. */
    @Test
    void randomBatchesKeepOneCurrentVersionPerFact() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            String where = "seed " + seed;
            inProbeTransaction(c -> {
                Map<Long, Long> currentAmount = new TreeMap<>();
                Map<Long, Long> currentRow = new HashMap<>();
                int versions = 0;
                for (int round = 0; round < 12; round++) {
                    VersionedRows.Batch batch = PROBE.batch();
                    List<Long> ids = new ArrayList<>(currentAmount.keySet());
                    Map<Long, Long> edited = new HashMap<>();
                    List<Long> closed = new ArrayList<>();
                    for (Long id : ids) {
                        int dice = random.nextInt(6);
                        if (dice == 0) {
                            batch.supersede(currentRow.get(id));
                            closed.add(id);
                        } else if (dice == 1) {
                            long amount = random.nextInt(1000);
                            batch.supersede(currentRow.get(id)).add(id, GIT, "edited", "e", amount, null, false, null, null);
                            edited.put(id, amount);
                        }
                    }
                    int created = random.nextInt(8);
                    for (int i = 0; i < created; i++) {
                        batch.add(null, GIT, null, "n", (long) (1000 + random.nextInt(1000)), null, true, null, null);
                    }
                    VersionedRows.Written written = batch.write(c);
                    assertEquals(closed.size() + edited.size(), written.superseded(), where);
                    assertEquals(edited.size() + created, written.inserted(), where);
                    versions += written.inserted();
                    closed.forEach(currentAmount::remove);
                    currentAmount.putAll(edited);
                    // The new facts are the current rows whose id the model does not know yet.
                    Map<Long, Long> dbCurrent = new TreeMap<>();
                    for (Map<String, Object> row : rows(c)) {
                        if (row.get("superseded_at") == null) {
                            Long previous = dbCurrent.put((Long) row.get("id"), (Long) row.get("amount"));
                            assertNull(previous, where + ": one current version per fact");
                            currentRow.put((Long) row.get("id"), (Long) row.get("row_id"));
                        }
                    }
                    int fresh = 0;
                    for (Map.Entry<Long, Long> e : dbCurrent.entrySet()) {
                        if (!currentAmount.containsKey(e.getKey())) {
                            currentAmount.put(e.getKey(), e.getValue());
                            fresh++;
                        }
                    }
                    assertEquals(created, fresh, where + ": each new version without an id is a new fact");
                    assertEquals(currentAmount, dbCurrent, where);
                    assertEquals(versions, rows(c).size(), where + ": versions are never overwritten");
                }
                return null;
            });
        }
    }

    private static <T> T inProbeTransaction(ReturningWork<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> em().unwrap(Session.class).doReturningWork(c -> {
            try (var s = c.createStatement()) {
                s.execute("""
                        create temp table versioned_probe (
                            row_id bigint generated always as identity primary key,
                            id bigint not null default nextval('fact_id_seq'),
                            label text, amount bigint, day date, flag boolean, detail jsonb, level smallint,
                            source_kind text not null, source_url text, source_note text, source_quote text, confidence text not null,
                            recorded_at timestamptz not null default now(), superseded_at timestamptz,
                            recorded_by bigint, change_reason text,
                            check (superseded_at is null or superseded_at >= recorded_at)) on commit drop""");
                s.execute("create unique index on versioned_probe (id) where superseded_at is null");
            }
            return work.execute(c);
        }));
    }

    private static List<Map<String, Object>> rows(Connection c, VersionedRows.Batch batch) throws SQLException {
        batch.write(c);
        return rows(c);
    }

    private static List<Map<String, Object>> rows(Connection c) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (var s = c.createStatement(); ResultSet r = s.executeQuery("""
                select row_id, id, label, amount, day::text as day, flag, detail -> 'k' as k, level, source_kind,
                       source_url, source_note, source_quote, confidence, recorded_at, superseded_at, change_reason
                from versioned_probe order by row_id""")) {
            while (r.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    Object value = r.getObject(i);
                    row.put(r.getMetaData().getColumnLabel(i), value == null ? null
                            : value instanceof Number number && r.getMetaData().getColumnLabel(i).equals("level") ? number.intValue()
                            : value instanceof org.postgresql.util.PGobject json ? json.getValue() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }
}

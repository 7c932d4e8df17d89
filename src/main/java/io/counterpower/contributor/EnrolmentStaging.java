package io.counterpower.contributor;

import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The enrolment rows of one import, copied into a temporary table (dropped at commit), so that
 * they are checked against the recorded affiliations in one statement, however many there are;
 * the callers decide, in line order, what each row becomes, and the accepted ones are written as
 * one {@link VersionedRows} batch. The staging table holds only what the check reads.
 */
@ApplicationScoped
class EnrolmentStaging {
    /**
     * One imported enrolment: the contributor, the organisation by id or (CSV) by key, neither for
     * independent; the period, the source tier it would be recorded at, and whether its period and
     * tier could be read at all (only then is it compared with recorded affiliations).
     */
    record Row(long contributorId, Long organisationId, String organisationKey, LocalDate from, LocalDate to,
               int tier, boolean comparable, String role, FactSource source) {
    }

    /**
     * What the recorded data says about a row: whether its contributor is recorded, its
     * organisation (null when independent or unknown), whether an identical affiliation of its tier
     * is current, and the first current affiliation of its tier and contributor that it overlaps.
     */
    record Checked(boolean contributorKnown, Long organisationId, boolean unchanged, Long overlapsId,
                   Long overlapsOrganisationId, LocalDate overlapsFrom, LocalDate overlapsTo) {
    }

    /** An imported enrolment as recorded: an affiliation with the role the CSV export may give. */
    private static final VersionedRows.Table AFFILIATIONS = VersionedRows.Table.of("affiliation",
            VersionedRows.bigint("contributor_id"), VersionedRows.bigint("organisation_id"), VersionedRows.date("valid_from"),
            VersionedRows.date("valid_to"), VersionedRows.text("role"));
    /** What a row without a source is recorded with (the staging table's defaults before). */
    private static final FactSource UNSTATED_SOURCE = new FactSource(SourceKind.MANUAL, null, null, Confidence.REPORTED);

    @Inject
    EntityManager em;

    /** Stages the rows and checks them; the result is keyed by the row's index in the list. Runs in the caller's transaction. */
    Map<Integer, Checked> stageAndCheck(List<Row> rows) {
        em.flush(); // what Hibernate still holds (new organisations) must be visible to plain JDBC
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (var s = c.createStatement()) {
                s.execute("""
                        create temporary table import_enrolment (
                            n int primary key, contributor_id bigint not null, organisation_id bigint, organisation_key text,
                            valid_from date, valid_to date, tier smallint not null, comparable boolean not null
                        ) on commit drop""");
            }
            copy(c, rows);
            try (var s = c.createStatement()) {
                s.execute("analyze import_enrolment"); // temporary tables get no autovacuum statistics
            }
            return check(c);
        });
    }

    /**
     * Records the accepted rows (index -> organisation id, null for independent) as affiliations, in the order staged,
     * each with its row's source, made at {@code at} by {@code keyId} for {@code reason}.
     */
    int record(List<Row> rows, Map<Integer, Long> accepted, Instant at, Long keyId, String reason) {
        if (accepted.isEmpty()) {
            return 0;
        }
        VersionedRows.Batch affiliations = AFFILIATIONS.batch().recordedAs(at, keyId);
        for (int n : new TreeSet<>(accepted.keySet())) {
            Row r = rows.get(n);
            affiliations.add(null, r.source() == null ? UNSTATED_SOURCE : r.source(), reason, r.contributorId(), accepted.get(n),
                    r.comparable() ? r.from() : null, r.comparable() ? r.to() : null, r.role());
        }
        return em.unwrap(Session.class).doReturningWork(c -> affiliations.write(c).inserted());
    }

    private static void copy(Connection c, List<Row> rows) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                copy import_enrolment (n, contributor_id, organisation_id, organisation_key, valid_from, valid_to, tier, comparable)
                from stdin""");
        try {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                field(chunk, i).append('\t');
                field(chunk, r.contributorId()).append('\t');
                field(chunk, r.organisationId()).append('\t');
                field(chunk, r.organisationKey()).append('\t');
                field(chunk, r.comparable() ? r.from() : null).append('\t');
                field(chunk, r.comparable() ? r.to() : null).append('\t');
                field(chunk, r.tier()).append('\t');
                field(chunk, r.comparable() ? "t" : "f").append('\n');
                if (chunk.length() > 64 * 1024 || i == rows.size() - 1) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A value in COPY's text format: \N for null, and the four characters it gives meaning escaped. */
    private static StringBuilder field(StringBuilder out, Object value) {
        if (value == null) {
            return out.append("\\N");
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }

    private static Map<Integer, Checked> check(Connection c) throws SQLException {
        Map<Integer, Checked> checked = new HashMap<>();
        // The overlap probe is served by the exclusion constraint's index (contributor, tier, period).
        try (PreparedStatement s = c.prepareStatement("""
                with named as (
                    select s.*, coalesce(s.organisation_id, k.id) as organisation
                    from import_enrolment s
                    left join organisation k on s.organisation_key is not null and k.key = s.organisation_key
                         and exists (select 1 from organisation_version v where v.id = k.id and v.superseded_at is null))
                select n.n,
                       exists (select 1 from contributor_version v where v.id = n.contributor_id and v.superseded_at is null),
                       n.organisation,
                       n.comparable and exists (
                           select 1 from affiliation a
                           where a.contributor_id = n.contributor_id and a.source_tier = n.tier and a.superseded_at is null
                             and a.organisation_id is not distinct from n.organisation
                             and a.valid_from is not distinct from n.valid_from and a.valid_to is not distinct from n.valid_to),
                       o.id, o.organisation_id, o.valid_from, o.valid_to
                from named n
                left join lateral (
                    select a.id, a.organisation_id, a.valid_from, a.valid_to from affiliation a
                    where n.comparable and a.contributor_id = n.contributor_id and a.source_tier = n.tier and a.superseded_at is null
                      and daterange(a.valid_from, a.valid_to, '[]') && daterange(n.valid_from, n.valid_to, '[]')
                    order by a.id limit 1) o on true""")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    checked.put(r.getInt(1), new Checked(r.getBoolean(2), r.getObject(3, Long.class), r.getBoolean(4),
                            r.getObject(5, Long.class), r.getObject(6, Long.class), r.getObject(7, LocalDate.class),
                            r.getObject(8, LocalDate.class)));
                }
            }
        }
        return checked;
    }
}

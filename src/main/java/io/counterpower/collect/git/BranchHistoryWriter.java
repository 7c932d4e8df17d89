package io.counterpower.collect.git;

import io.counterpower.collect.CollectionRun;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.counterpower.governance.GovernanceBody;
import io.counterpower.governance.GovernanceEvent;
import io.counterpower.governance.GovernanceSeat;
import io.counterpower.collect.platform.OrganisationNames;
import io.counterpower.license.ExpressionLevel;
import io.counterpower.license.LicenseExpressions;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes what a repository's branch said about its terms and its governance, once every commit of
 * the repository is written, in the same transaction as the cursor (so a crash before it reruns
 * the whole repository, and nothing here is recorded twice):
 *
 * <ul>
 * <li><b>License periods</b> per artifact, source {@code git}, confidence {@code inferred}, the
 *     commit as evidence. An unidentified text is {@code LicenseRef-Unrecognised-<12 hex of its
 *     hash>} with the hash (level unknown, never guessed). Before the first license file there is
 *     no period; a file removed later ends the period with {@code NOASSERTION} (unknown, not level
 *     7). The parameters of a text that has them (BUSL-1.1) go into {@code detail}. The natural key
 *     is project, artifact and day: two changes on one day keep the day's last state.</li>
 * <li><b>Governance events</b>: a change to a governance document is a {@code governance-doc-change};
 *     a CONTRIBUTING change that brings in a CLA mention is {@code cla-introduced}. The changes of one
 *     kind on one day are one event, whose note lists them.</li>
 * <li>Like every fact, at most one is current per natural key (project, artifact and day for a
 *     period; project, kind and day for an event; body, holder, role and start for a seat): where a
 *     curated fact holds that key, the git one is not recorded, since curated facts win.</li>
 * <li><b>Seats</b> on the project's {@code maintainers} bodies (one per file kind) and on its
 *     {@code steering-committee} body (the "Technical Steering Committee" sections of CONTRIBUTING and
 *     GOVERNANCE files), held by the contributor of the handle or email, from the day of the commit
 *     that listed the holder to the day before the commit that stopped listing them.</li>
 * <li><b>Stated affiliations</b>: where a MAINTAINERS table or a steering committee's list states a
 *     holder's affiliation, an
 *     affiliation of the holder (source {@code git}, {@code verified}, the table row as its quote, the
 *     file at the commit as its source) for the days the file states it, when the organisation as
 *     written, or without a trailing legal form ("Inc."), is a recorded organisation's key or alias; otherwise none (unknown, never independent).</li>
 * </ul>
 */
final class BranchHistoryWriter {

    /**
     * A license file removed after the artifact had one: the period ends and the terms after are
     * unknown (METHODOLOGY.md section 2), SPDX's {@code NOASSERTION}, never "no license" at level 7.
     */
    static final String REMOVED = "NOASSERTION";
    static final String UNRECOGNISED_PREFIX = "LicenseRef-Unrecognised-";

    private final long projectId;
    private final String role;
    private final RepositoryLocation location;
    private final IdentityResolver identities;
    private final LicenseExpressions expressions;
    private final String catalogVersion;
    private final String sourceNote;
    private final CollectionRun run;

    BranchHistoryWriter(long projectId, String role, RepositoryLocation location, IdentityResolver identities,
                        LicenseExpressions expressions, String catalogVersion, String sourceNote, CollectionRun run) {
        this.projectId = projectId;
        this.role = role == null ? "code" : role;
        this.location = location;
        this.identities = identities;
        this.expressions = expressions;
        this.catalogVersion = catalogVersion;
        this.sourceNote = sourceNote;
        this.run = run;
    }

    void write(Connection c, ReadSummary summary, List<GovernanceDocChange> changes, boolean fullRead, String cursorKey)
            throws SQLException {
        licensePeriods(c, summary.licensePeriods(), fullRead);
        governanceEvents(c, changes);
        seats(c, summary.maintainerSeats());
        statedAffiliations(c, summary.statedAffiliations());
        try (PreparedStatement s = c.prepareStatement("""
                insert into collection_cursor (project_id, source, repository_url, position, updated_at)
                values (?, 'git', ?, ?, now())
                on conflict (project_id, source, repository_url)
                do update set position = excluded.position, updated_at = excluded.updated_at""")) {
            s.setLong(1, projectId);
            s.setString(2, cursorKey);
            s.setString(3, summary.tipSha());
            s.executeUpdate();
        }
    }

    /** The expression stored for a period the reader found. */
    static String expressionOf(ObservedLicensePeriod period) {
        if (ObservedLicensePeriod.NO_LICENSE.equals(period.expression())) {
            return REMOVED;
        }
        if (period.expression() == null) {
            return UNRECOGNISED_PREFIX + period.textSha256().substring(0, 12);
        }
        return period.expression();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String json(Map<String, String> parameters) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(parameters));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("license parameters cannot be written as JSON", e);
        }
    }

    // ---- license periods ----------------------------------------------------------------------

    private record PeriodRow(String artifact, LocalDate from, String expression, String textSha256, String evidence,
                             Map<String, String> parameters) {
    }

    private void licensePeriods(Connection c, List<ObservedLicensePeriod> periods, boolean fullRead) throws SQLException {
        Map<String, PeriodRow> rows = new LinkedHashMap<>();
        for (ObservedLicensePeriod p : periods) {
            String artifact = artifactOf(p.artifact());
            LocalDate from = day(p.validFrom());
            rows.remove(artifact + "|" + from); // the day's last state wins, in its place in time
            rows.put(artifact + "|" + from, new PeriodRow(artifact, from, expressionOf(p), p.textSha256(),
                    p.evidenceCommitSha(), p.parameters()));
        }
        Set<String> firstOfArtifact = new HashSet<>();
        long added = 0;
        long superseded = 0;
        for (PeriodRow row : rows.values()) {
            String changeKind;
            if (fullRead) {
                changeKind = firstOfArtifact.add(row.artifact()) ? "initial" : "relicense";
            } else {
                changeKind = earlierPeriodExists(c, row) ? "relicense" : "initial";
            }
            Long[] current = currentPeriod(c, row, changeKind);
            if (current != null && current[0] == null) {
                continue; // the same period is recorded
            }
            insertPeriod(c, current, row, changeKind);
            superseded += current == null ? 0 : 1;
            added++;
        }
        if (fullRead) {
            superseded += closeOtherPeriods(c, rows.values());
        }
        run.licensePeriods(added, superseded);
    }

    /** A plain LICENSE covers the artifact the repository holds (a weights repository's LICENSE covers weights). */
    private String artifactOf(LicenseArtifact artifact) {
        return artifact == LicenseArtifact.CODE ? role : artifact.code();
    }

    private boolean earlierPeriodExists(Connection c, PeriodRow row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select exists (select 1 from license_period where project_id = ? and artifact = ? and artifact_name = '' and source_kind = 'git'
                               and superseded_at is null and valid_from < ?)""")) {
            s.setLong(1, projectId);
            s.setString(2, row.artifact());
            s.setDate(3, Date.valueOf(row.from()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /**
     * The current period of the row's artifact and day, whatever its source (one current fact per
     * natural key). Null: none; {null, id}: leave it (the same, or a curated period, which wins);
     * {rowId, id}: a different git version to supersede.
     */
    private Long[] currentPeriod(Connection c, PeriodRow row, String changeKind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select row_id, id, expression, text_sha256, evidence_ref, change_kind, source_kind from license_period
                where project_id = ? and artifact = ? and artifact_name = '' and valid_from = ? and superseded_at is null
                order by source_kind = 'git', row_id""")) {
            s.setLong(1, projectId);
            s.setString(2, row.artifact());
            s.setDate(3, Date.valueOf(row.from()));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                boolean curated = !"git".equals(r.getString(7));
                boolean same = row.expression().equals(r.getString(3)) && Objects.equals(row.textSha256(), r.getString(4))
                        && Objects.equals(row.evidence(), r.getString(5)) && changeKind.equals(r.getString(6));
                return new Long[] {same || curated ? null : r.getLong(1), r.getLong(2)};
            }
        }
    }

    /** Records the row's period: a new fact, or ({rowId, id}) a new version of the one it supersedes. */
    private void insertPeriod(Connection c, Long[] current, PeriodRow row, String changeKind) throws SQLException {
        ExpressionLevel level = expressions.evaluate(row.expression());
        String note = row.expression().startsWith(UNRECOGNISED_PREFIX)
                ? "The license text is not recognised by the catalog; its SHA-256 is kept, the terms are unknown."
                : REMOVED.equals(row.expression())
                ? "The license file was removed: the period ends, and the terms after are unknown." : null;
        VersionedRows.Batch write = io.counterpower.license.LicensePeriod.VERSIONS.batch();
        if (current != null) {
            write.supersede(current[0]);
        }
        write.add(current == null ? null : current[1],
                new FactSource(SourceKind.GIT, location.sourceUrl(row.evidence()), sourceNote, Confidence.INFERRED), null,
                projectId, row.artifact(), row.expression(), row.from(), "day", changeKind, row.textSha256(), row.evidence(),
                note, level.level() == null ? null : level.level().shortValue(), (short) level.lowerBound(),
                (short) level.upperBound(), catalogVersion, row.parameters().isEmpty() ? null : json(row.parameters()));
        write.write(c);
    }

    /** After a full read, this repository's periods that the read no longer finds are closed. */
    private long closeOtherPeriods(Connection c, java.util.Collection<PeriodRow> kept) throws SQLException {
        List<String> keys = kept.stream().map(r -> r.artifact() + "|" + r.from()).toList();
        VersionedRows.Batch close = io.counterpower.license.LicensePeriod.VERSIONS.batch();
        try (PreparedStatement s = c.prepareStatement("""
                select row_id from license_period
                where project_id = ? and source_kind = 'git' and superseded_at is null
                  and (source_url = ? or source_url like ?)
                  and not (artifact || '|' || valid_from::text = any(?))
                order by row_id""")) {
            s.setLong(1, projectId);
            s.setString(2, location.url());
            s.setString(3, location.sourceUrlPattern());
            s.setArray(4, c.createArrayOf("text", keys.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    close.supersede(r.getLong(1));
                }
            }
        }
        return close.write(c).superseded();
    }

    // ---- governance events ---------------------------------------------------------------------

    /** The changes of one kind on one day: one event (one current fact per project, kind and day). */
    private record EventDay(String kind, LocalDate day, String evidence, List<String> notes) {
    }

    private void governanceEvents(Connection c, List<GovernanceDocChange> changes) throws SQLException {
        Map<String, EventDay> days = new LinkedHashMap<>();
        for (GovernanceDocChange change : changes) {
            String kind = change.claChange() == GovernanceDocChange.ClaChange.INTRODUCED ? "cla-introduced" : "governance-doc-change";
            LocalDate day = day(change.at());
            EventDay event = days.computeIfAbsent(kind + "|" + day,
                    k -> new EventDay(kind, day, change.commitSha(), new java.util.ArrayList<>()));
            String note = noteOf(change);
            if (!event.notes().contains(note)) {
                event.notes().add(note);
            }
        }
        long added = 0;
        for (EventDay event : days.values()) {
            Object[] current = currentEvent(c, event);
            if (current == null) {
                insertEvent(c, null, null, event, String.join("; ", event.notes()), event.evidence());
                added++;
                continue;
            }
            String note = (String) current[2];
            List<String> missing = event.notes().stream().filter(n -> note == null || !note.contains(n)).toList();
            if (!"git".equals(current[3]) || missing.isEmpty()) {
                continue; // recorded already, or a curated event of that day, which wins
            }
            insertEvent(c, (Long) current[0], (Long) current[1], event, note + "; " + String.join("; ", missing),
                    (String) current[4]);
            added++;
        }
        run.governanceEventsAdded(added);
    }

    /** {rowId, id, note, sourceKind, evidenceRef} of the current event of that kind and day, curated ones first. */
    private Object[] currentEvent(Connection c, EventDay event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select row_id, id, note, source_kind, evidence_ref from governance_event
                where project_id = ? and kind = ? and event_date = ? and from_organisation_id is null
                  and to_organisation_id is null and superseded_at is null
                order by source_kind = 'git', row_id limit 1""")) {
            s.setLong(1, projectId);
            s.setString(2, event.kind());
            s.setDate(3, Date.valueOf(event.day()));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Object[] {r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5)} : null;
            }
        }
    }

    /** Records the day's event: a new fact, or a new version of {@code id} that supersedes {@code rowId}. */
    private void insertEvent(Connection c, Long rowId, Long id, EventDay event, String note, String evidence) throws SQLException {
        VersionedRows.Batch write = GovernanceEvent.VERSIONS.batch();
        if (rowId != null) {
            write.supersede(rowId);
        }
        write.add(id, new FactSource(SourceKind.GIT, location.sourceUrl(evidence), sourceNote, Confidence.VERIFIED), null,
                projectId, event.kind(), event.day(), "day", note, evidence);
        write.write(c);
    }

    /** "CODEOWNERS added: .github/CODEOWNERS", "CONTRIBUTING modified: CONTRIBUTING.md; a CLA is now mentioned". */
    static String noteOf(GovernanceDocChange change) {
        StringBuilder note = new StringBuilder(change.docKind().name()).append(' ').append(change.change().code())
                .append(": ").append(IdentityResolver.clean(change.path()));
        if (change.previousPath() != null) {
            note.append(" (was ").append(IdentityResolver.clean(change.previousPath())).append(')');
        }
        switch (change.claChange()) {
            case INTRODUCED -> note.append("; a Contributor License Agreement is now mentioned");
            case REMOVED -> note.append("; the Contributor License Agreement is no longer mentioned");
            default -> { }
        }
        return note.toString();
    }

    // ---- seats -------------------------------------------------------------------------------

    private void seats(Connection c, List<MaintainerSeat> seats) throws SQLException {
        Map<MaintainerSeat.Source, Long> bodies = new EnumMap<>(MaintainerSeat.Source.class);
        long added = 0;
        long superseded = 0;
        int teams = 0;
        String exampleTeam = null;
        for (MaintainerSeat seat : seats) {
            SeatHolder holder = seat.holder();
            if (holder.kind() == SeatHolder.Kind.GITHUB_TEAM) {
                teams++;
                exampleTeam = exampleTeam == null ? holder.id() : exampleTeam;
                continue;
            }
            Long body = bodies.get(seat.source());
            if (body == null) {
                body = body(c, seat.source());
                bodies.put(seat.source(), body);
            }
            long contributor = holder.kind() == SeatHolder.Kind.GITHUB_USER
                    ? identities.contributorOfLogin(c, holder.id(), holder.name())
                    : identities.contributorOfEmail(c, holder.id(), holder.name());
            String role = seat.source().role();
            if (seat.fromCommitSha() == null) {
                // Listed before this incremental read: the open seat is recorded; end it if the read did.
                if (seat.to() != null) {
                    Object[] open = seat(c, body, contributor, role, null);
                    if (open != null) {
                        LocalDate from = (LocalDate) open[2];
                        insertSeat(c, (Long) open[0], (Long) open[1], body, contributor, role, from,
                                lastDay(from, seat.to()), (String) open[3], seat);
                        superseded++;
                        added++;
                    }
                }
                continue;
            }
            LocalDate from = day(seat.from());
            LocalDate to = seat.to() == null ? null : lastDay(from, seat.to());
            Object[] existing = seat(c, body, contributor, role, from);
            if (existing != null && (Objects.equals(existing[4], to) || !"git".equals(existing[5]))) {
                continue; // recorded already, or a curated seat, which wins
            }
            if (existing != null) {
                superseded++;
            }
            insertSeat(c, existing == null ? null : (Long) existing[0], existing == null ? null : (Long) existing[1], body,
                    contributor, role, from, to, seat.fromCommitSha(), seat);
            added++;
        }
        if (teams > 0) {
            run.warn(teams + " CODEOWNERS or MAINTAINERS entr" + (teams == 1 ? "y names a team" : "ies name teams")
                    + " (e.g. @" + exampleTeam + "): a team's members are not known from git, so it holds no seat");
        }
        run.seats(added, superseded);
    }

    /** The project's body for a kind of file (maintainers, or the steering committee a section lists), recorded once. */
    private long body(Connection c, MaintainerSeat.Source source) throws SQLException {
        String name = switch (source) {
            case CODEOWNERS -> "Code owners (CODEOWNERS)";
            case MAINTAINERS -> "Maintainers (MAINTAINERS)";
            case STEERING_COMMITTEE -> "Technical Steering Committee (CONTRIBUTING, GOVERNANCE)";
        };
        String kind = source == MaintainerSeat.Source.STEERING_COMMITTEE ? "steering-committee" : "maintainers";
        try (PreparedStatement s = c.prepareStatement("""
                select id from governance_body where project_id = ? and kind = ? and name = ?
                and superseded_at is null order by id limit 1""")) {
            s.setLong(1, projectId);
            s.setString(2, kind);
            s.setString(3, name);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        // A new body is a fact of its own (versioned, with its source); the seats written next name its id.
        String note = source == MaintainerSeat.Source.STEERING_COMMITTEE
                ? "the members the \"Technical Steering Committee\" sections of the repository's CONTRIBUTING and GOVERNANCE files list"
                : "the holders the repository's " + source.name() + " files list";
        return GovernanceBody.VERSIONS.batch()
                .add(null, new FactSource(SourceKind.GIT, location.webUrl() == null ? location.url() : location.webUrl(), note,
                        Confidence.VERIFIED), null, projectId, kind, name)
                .writeReturningIds(c).get(0);
    }

    /**
     * {rowId, id, validFrom, evidenceRef, validTo, sourceKind} of the current seat of that holder and
     * role: from {@code from} whatever its source (one current fact per natural key), or with
     * {@code from} null the open git seat.
     */
    private Object[] seat(Connection c, long body, long contributor, String role, LocalDate from) throws SQLException {
        String sql = """
                select row_id, id, valid_from, evidence_ref, valid_to, source_kind from governance_seat
                where body_id = ? and holder_contributor_id = ? and role = ? and superseded_at is null
                """ + (from == null ? "and source_kind = 'git' and valid_to is null order by valid_from desc limit 1"
                : "and valid_from = ? order by source_kind = 'git', row_id limit 1");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, body);
            s.setLong(2, contributor);
            s.setString(3, role);
            if (from != null) {
                s.setDate(4, Date.valueOf(from));
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Date to = r.getDate(5);
                return new Object[] {r.getLong(1), r.getLong(2), r.getDate(3).toLocalDate(), r.getString(4),
                        to == null ? null : to.toLocalDate(), r.getString(6)};
            }
        }
    }

    /** Records a seat: a new fact, or a new version of {@code id} that supersedes {@code rowId}. */
    private void insertSeat(Connection c, Long rowId, Long id, long body, long contributor, String role, LocalDate from,
                            LocalDate to, String evidence, MaintainerSeat seat) throws SQLException {
        String note = "listed in " + seat.source().name() + (evidence == null ? "" : " from commit " + evidence)
                + (seat.toCommitSha() == null ? "" : " until commit " + seat.toCommitSha());
        VersionedRows.Batch write = GovernanceSeat.VERSIONS.batch();
        if (rowId != null) {
            write.supersede(rowId);
        }
        write.add(id, new FactSource(SourceKind.GIT, location.sourceUrl(evidence), note, Confidence.VERIFIED), null,
                body, contributor, role, from, to, evidence);
        write.write(c);
    }

    // ---- stated affiliations -------------------------------------------------------------------

    private void statedAffiliations(Connection c, List<StatedAffiliation> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        OrganisationNames names = OrganisationNames.load(c);
        Set<String> unmatched = new TreeSet<>();
        Set<String> overlapping = new TreeSet<>();
        for (StatedAffiliation statement : statements) {
            SeatHolder holder = statement.holder();
            if (holder.kind() == SeatHolder.Kind.GITHUB_TEAM) {
                continue;
            }
            boolean independent = SeatListings.INDEPENDENT.matcher(statement.organisation()).matches();
            Long organisation = independent ? null : names.organisationOf(statement.organisation());
            if (organisation == null && !independent) {
                // "Scalr Inc." is Scalr: a trailing legal form does not name another organisation.
                organisation = names.organisationOf(SeatListings.withoutLegalForm(statement.organisation()));
            }
            if (!independent && organisation == null) {
                unmatched.add(statement.organisation());
                continue; // a name that is no recorded organisation's: the holder stays unattributed (unknown)
            }
            long contributor = holder.kind() == SeatHolder.Kind.GITHUB_USER
                    ? identities.contributorOfLogin(c, holder.id(), holder.name())
                    : identities.contributorOfEmail(c, holder.id(), holder.name());
            if (statement.fromCommitSha() == null) {
                // Stated before this incremental read: the open affiliation is recorded; end it if the read did.
                Object[] open = statedAffiliation(c, contributor, null);
                if (statement.to() != null && open != null) {
                    LocalDate from = (LocalDate) open[2];
                    io.counterpower.contributor.Affiliation.VERSIONS.batch().supersede((Long) open[0]).write(c);
                    insertAffiliation(c, (Long) open[1], contributor, (Long) open[4], from, lastDay(from, statement.to()),
                            (String) open[3], statement, (String) open[5]);
                }
                continue;
            }
            LocalDate from = day(statement.from());
            LocalDate to = statement.to() == null ? null : lastDay(from, statement.to());
            Object[] existing = statedAffiliation(c, contributor, from);
            if (existing != null && Objects.equals(existing[6], to) && Objects.equals(existing[4], organisation)) {
                continue; // recorded already
            }
            if (overlapsAnother(c, contributor, existing == null ? null : (Long) existing[0], from, to)) {
                // Another collector's affiliation of the same tier holds those days (section 2: same-tier periods do not overlap).
                overlapping.add(holder.id());
                continue;
            }
            if (existing != null) {
                io.counterpower.contributor.Affiliation.VERSIONS.batch().supersede((Long) existing[0]).write(c);
            }
            insertAffiliation(c, existing == null ? null : (Long) existing[1], contributor, organisation, from, to,
                    blobUrl(statement), statement, statement.row());
        }
        if (!unmatched.isEmpty()) {
            run.warn("MAINTAINERS or a steering committee's list states affiliations that name no recorded organisation (" + String.join(", ", unmatched)
                    + "); their holders stay unattributed. Record the organisation (or an alias) and collect again.");
        }
        if (!overlapping.isEmpty()) {
            run.warn("The affiliation MAINTAINERS or a steering committee's list states for " + String.join(", ", overlapping) + " is not recorded: another "
                    + "collected affiliation of the same tier holds those days");
        }
    }

    /** The file at the commit that first states the affiliation, as a public URL once the repository's is known. */
    private String blobUrl(StatedAffiliation statement) {
        return repositoryBase() + "/blob/" + statement.fromCommitSha() + "/" + statement.path();
    }

    /** The repository's page (or its URL as given), without a trailing slash. */
    private String repositoryBase() {
        String base = location.webUrl() == null ? location.url() : location.webUrl();
        return base.replaceAll("/+$", "");
    }

    /**
     * {rowId, id, validFrom, sourceUrl, organisationId, quote, validTo} of the current stated affiliation of the
     * contributor from {@code from}, or with {@code from} null the open one, read from this repository's files.
     */
    private Object[] statedAffiliation(Connection c, long contributor, LocalDate from) throws SQLException {
        String base = repositoryBase();
        String sql = """
                select row_id, id, valid_from, source_url, organisation_id, source_quote, valid_to from affiliation
                where contributor_id = ? and source_kind = 'git' and superseded_at is null and source_url like ? escape '\\'
                """ + (from == null ? "and valid_to is null order by valid_from desc limit 1" : "and valid_from = ? order by row_id limit 1");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, contributor);
            s.setString(2, base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/blob/%");
            if (from != null) {
                s.setDate(3, Date.valueOf(from));
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Date to = r.getDate(7);
                return new Object[] {r.getLong(1), r.getLong(2), r.getDate(3).toLocalDate(), r.getString(4),
                        (Long) r.getObject(5, Long.class), r.getString(6), to == null ? null : to.toLocalDate()};
            }
        }
    }

    private static boolean overlapsAnother(Connection c, long contributor, Long except, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select 1 from affiliation where contributor_id = ? and superseded_at is null and row_id <> ?
                and source_tier = 4
                and daterange(valid_from, valid_to, '[]') && daterange(?, ?, '[]') limit 1""")) {
            s.setLong(1, contributor);
            s.setLong(2, except == null ? -1 : except);
            s.setDate(3, Date.valueOf(from));
            s.setDate(4, to == null ? null : Date.valueOf(to));
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private void insertAffiliation(Connection c, Long id, long contributor, Long organisation, LocalDate from, LocalDate to,
                                   String sourceUrl, StatedAffiliation statement, String quote) throws SQLException {
        String note = "the affiliation " + statement.path() + " states for " + (statement.holder().name() == null
                ? statement.holder().id() : statement.holder().name()) + " (\"" + statement.organisation() + "\") while it lists them"
                + (statement.toCommitSha() == null ? "" : ", until commit " + statement.toCommitSha());
        io.counterpower.contributor.Affiliation.VERSIONS.batch()
                .add(id, new FactSource(SourceKind.GIT, sourceUrl, note, quote, Confidence.VERIFIED), null, contributor, organisation, from, to)
                .write(c);
    }

    // ---- shared --------------------------------------------------------------------------------

    /** The last day a holder was listed: the day before the commit that removed them, never before the first. */
    static LocalDate lastDay(LocalDate from, Instant removedAt) {
        LocalDate before = day(removedAt).minusDays(1);
        return before.isBefore(from) ? from : before;
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}

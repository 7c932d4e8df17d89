package io.counterpower.contributor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.fact.Provenance;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.db.SequenceIds;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;
import io.counterpower.organisation.ImportedOrganisations;
import io.counterpower.organisation.OrganisationService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports enrolments from the formats the field already keeps: the gitdm / CNCF
 * {@code developers_affiliations*.txt} files and SortingHat's JSON export. The body is read as a
 * stream and checked as a whole; the database work is done set-based in one transaction (people
 * and organisations looked up for all rows at once, rows copied into a temporary table, checked
 * and recorded with one statement each): every problem is reported with its line (or position)
 * and nothing is written; repeating an import changes nothing. Organisations are matched by key,
 * name, alias or domain; unknown ones are created (source import) and reported.
 */
@ApplicationScoped
class EnrolmentImports {
    private static final int IMPORT_TIER = SourceKind.IMPORT.tier();

    /** One person of an import: where it starts, its names and emails, and its enrolments in order. */
    record Person(int line, String name, List<String> emails, List<Enrolment> enrolments) {
    }

    /** An enrolment; a null organisation would mean independent (none of the formats says so). */
    record Enrolment(int line, String organisation, List<String> domains, LocalDate from, LocalDate to) {
    }

    /** What an import did. */
    record Report(String format, int people, int contributorsCreated, int identitiesCreated, int affiliationsCreated,
                         int affiliationsUnchanged, Map<String, String> organisationsCreated) {
    }

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    ChangeLog changes;
    @Inject
    OrganisationService organisations;
    @Inject
    ImportedOrganisations importedOrganisations;
    @Inject
    EnrolmentStaging staging;
    @Inject
    ImportLimits limits;

    /** Reads and checks the whole body first (no transaction is open meanwhile), then records it in one transaction. */
    Report importEnrolments(String format, Reader body, String sourceUrl, String confidence, String reason) {
        caller.requireCurator();
        if (!"gitdm".equals(format) && !"sortinghat".equals(format)) {
            throw ApiProblem.badRequest("format", "must be gitdm, sortinghat or csv");
        }
        Confidence level = confidence == null || confidence.isBlank() ? Confidence.REPORTED : parseConfidence(confidence);
        FactWrite write = Provenance.of(caller, new io.counterpower.common.fact.SourceInput(SourceKind.IMPORT, sourceUrl, format + " import", level),
                reason == null || reason.isBlank() ? format + " import" : reason.trim(), false);
        List<FieldError> errors = new ArrayList<>();
        RowCount rows = new RowCount(limits.maxRows());
        List<Person> people = "gitdm".equals(format) ? GitdmFormat.parse(body, errors, rows)
                : SortingHatFormat.parse(json, body, errors, rows);
        for (Person p : people) {
            for (int i = 0; i < p.enrolments().size(); i++) {
                Enrolment e = p.enrolments().get(i);
                if (e.from() != null && e.to() != null && e.to().isBefore(e.from())) {
                    errors.add(new FieldError("line " + e.line(), "the period ends (" + e.to() + ") before it starts (" + e.from() + ")"));
                }
                for (int j = 0; j < i; j++) {
                    Enrolment other = p.enrolments().get(j);
                    if (Periods.overlap(e.from(), e.to(), other.from(), other.to())) {
                        errors.add(new FieldError("line " + e.line(), "overlaps the enrolment on line " + other.line()));
                    }
                }
            }
            if (p.emails().isEmpty()) {
                errors.add(new FieldError("line " + p.line(), "a person needs at least one email"));
            }
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        if (people.isEmpty()) {
            // An empty body is a client's mistake (curl sends one when its @file is missing), not an import of nobody.
            throw ApiProblem.badRequest("body", "the " + format + " import holds no person: the body is empty or only comments");
        }
        return QuarkusTransaction.requiringNew().timeout(limits.transactionTimeoutSeconds()).call(() -> record(format, people, write));
    }

    /** Counts people and enrolments as they are read, and stops the import past the limit. */
    static final class RowCount {
        private final int max;
        private int rows;

        RowCount(int max) {
            this.max = max;
        }

        void add() {
            if (++rows > max) {
                throw EnrolmentCsv.tooManyRows(max);
            }
        }
    }

    private Report record(String format, List<Person> people, FactWrite write) {
        long started = System.nanoTime();
        Counts counts = new Counts();
        long[] contributors = em.unwrap(Session.class).doReturningWork(c -> contributorsFor(c, people, write, counts));
        long peopleDone = System.nanoTime();
        List<ImportedOrganisations.Named> named = new ArrayList<>();
        for (Person p : people) {
            for (Enrolment e : p.enrolments()) {
                named.add(new ImportedOrganisations.Named(e.organisation(), e.domains()));
            }
        }
        ImportedOrganisations.Matched orgs = importedOrganisations.matchOrCreate(named, write);
        counts.organisations.putAll(orgs.created());
        long organisationsDone = System.nanoTime();
        List<EnrolmentStaging.Row> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            for (Enrolment e : people.get(i).enrolments()) {
                lines.add(e.line());
                rows.add(new EnrolmentStaging.Row(contributors[i], orgs.ids().get(new ImportedOrganisations.Named(
                        e.organisation(), e.domains())), null, e.from(), e.to(), IMPORT_TIER, true, null, write.source()));
            }
        }
        Map<Integer, EnrolmentStaging.Checked> checked = staging.stageAndCheck(rows);
        long checkedDone = System.nanoTime();
        List<FieldError> errors = new ArrayList<>();
        Map<Integer, Long> accepted = new LinkedHashMap<>();
        Map<List<Object>, Integer> seen = new HashMap<>();
        Map<Long, List<Integer>> acceptedByContributor = new HashMap<>();
        for (int n = 0; n < rows.size(); n++) {
            EnrolmentStaging.Row row = rows.get(n);
            EnrolmentStaging.Checked c = checked.get(n);
            String where = "line " + lines.get(n);
            // Within one person overlaps were refused above; these are two people of the file resolved to one contributor.
            Integer repeated = seen.putIfAbsent(Arrays.asList(row.contributorId(), row.organisationId(), row.from(), row.to()), lines.get(n));
            if (repeated != null) {
                errors.add(new FieldError(where, "repeats the enrolment on line " + repeated + " (the same contributor)"));
                continue;
            }
            if (c.unchanged()) {
                counts.unchanged++;
                continue;
            }
            if (c.overlapsId() != null) {
                errors.add(new FieldError(where, "overlaps imported affiliation " + c.overlapsId() + " ("
                        + (c.overlapsOrganisationId() == null ? "independent" : organisations.keyOf(c.overlapsOrganisationId())) + ", "
                        + Periods.describe(c.overlapsFrom(), c.overlapsTo()) + ") of the same contributor; correct or close it first"));
                continue;
            }
            List<Integer> earlier = acceptedByContributor.computeIfAbsent(row.contributorId(), k -> new ArrayList<>());
            Integer overlapped = earlier.stream()
                    .filter(a -> Periods.overlap(row.from(), row.to(), rows.get(a).from(), rows.get(a).to())).findFirst().orElse(null);
            if (overlapped != null) {
                errors.add(new FieldError(where, "overlaps the enrolment on line " + lines.get(overlapped) + " (the same contributor)"));
                continue;
            }
            earlier.add(n);
            accepted.put(n, row.organisationId());
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        counts.created = staging.record(rows, accepted, write.at(), write.keyId(), write.reason());
        Log.infof("%s import of %d enrolments: people %d ms, organisations %d ms, staged and checked %d ms, recorded %d ms", format,
                rows.size(), (peopleDone - started) / 1_000_000, (organisationsDone - peopleDone) / 1_000_000,
                (checkedDone - organisationsDone) / 1_000_000, (System.nanoTime() - checkedDone) / 1_000_000);
        Report report = new Report(format, people.size(), counts.contributors, counts.identities, counts.created, counts.unchanged,
                counts.organisations);
        // Only a change to facts moves the data version (and so every ETag): a repeated import changes none.
        if (counts.contributors + counts.identities + counts.created + counts.organisations.size() > 0) {
            changes.record(ChangeLog.GLOBAL, "import", "affiliation", format, null, report, write.reason());
        }
        return report;
    }

    // ---- people -----------------------------------------------------------------------------

    private static final class Counts {
        int contributors;
        int identities;
        int created;
        int unchanged;
        final Map<String, String> organisations = new LinkedHashMap<>();
    }

    private record NameAndEmail(String name, String email) {
    }

    /** An identity the import names: recorded (id) or to be created, and the contributor it is linked to, if any. */
    private static final class IdentityState {
        Long id;
        Long linkedTo;
        boolean linkedNow;
    }

    /**
     * The contributor of each person, in order: the one an identity with one of the person's
     * emails is linked to (the first email that has one; the lowest contributor id), or a new one.
     * Identities (name, email) that are missing are recorded, and those without a link are linked
     * to the person's contributor. What the database holds is read for all people at once; the
     * people are then taken in order, so that a later person finds the contributor an earlier one
     * linked an email to, exactly as if they were recorded one by one.
     */
    private long[] contributorsFor(Connection c, List<Person> people, FactWrite write, Counts counts) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (Person p : people) {
            for (String email : p.emails()) {
                names.add(p.name());
                emails.add(email);
            }
        }
        Map<String, Long> owner = new HashMap<>();
        // Addresses are compared by their hash (V028), so that an erased address (only its hash is
        // kept, V038) finds the pseudonymous contributor it belongs to, as a snapshot's does.
        try (PreparedStatement s = c.prepareStatement("""
                select t.email, min(l.contributor_id) from (select distinct email from unnest(?::text[]) as e(email)) t
                join identity i on i.email_sha256 = encode(sha256(convert_to(lower(t.email), 'UTF8')), 'hex')
                join identity_link l on l.id = i.id and l.superseded_at is null
                group by t.email""")) {
            s.setArray(1, c.createArrayOf("text", emails.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    owner.put(r.getString(1), r.getLong(2));
                }
            }
        }
        // Issue 17: a person any of whose addresses a curator erased is recorded only through the
        // pseudonymous contributor: its enrolments count for it, and no name or address of the row is
        // stored again (a new address beside an erased one would tie the person to it again).
        Map<String, Long> erased = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select t.email, e.contributor_id from (select distinct email from unnest(?::text[]) as e(email)) t
                join erased_email e on e.email_sha256 = encode(sha256(convert_to(lower(t.email), 'UTF8')), 'hex')""")) {
            s.setArray(1, c.createArrayOf("text", emails.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    erased.put(r.getString(1), r.getLong(2));
                }
            }
        }
        Map<NameAndEmail, IdentityState> identities = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select t.name, t.email, min(i.id), (array_agg(l.contributor_id order by i.id))[1]
                from (select distinct name, email from unnest(?::text[], ?::text[]) as e(name, email)) t
                join identity i on lower(i.email) = t.email and i.name = t.name
                left join identity_link l on l.id = i.id and l.superseded_at is null
                group by t.name, t.email""")) {
            s.setArray(1, c.createArrayOf("text", names.toArray()));
            s.setArray(2, c.createArrayOf("text", emails.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    IdentityState state = new IdentityState();
                    state.id = r.getLong(3);
                    state.linkedTo = r.getObject(4, Long.class);
                    identities.put(new NameAndEmail(r.getString(1), r.getString(2)), state);
                }
            }
        }
        SequenceIds contributorIds = new SequenceIds(c, "contributor");
        long[] contributorOf = new long[people.size()];
        List<Long> newContributors = new ArrayList<>();
        List<String> newContributorNames = new ArrayList<>();
        List<NameAndEmail> newIdentities = new ArrayList<>();
        List<NameAndEmail> newLinks = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            Long contributor = p.emails().stream().filter(owner::containsKey).findFirst().map(owner::get)
                    .or(() -> p.emails().stream().filter(erased::containsKey).findFirst().map(erased::get)).orElse(null);
            if (contributor == null) {
                contributor = contributorIds.next();
                newContributors.add(contributor);
                newContributorNames.add(p.name());
            }
            contributorOf[i] = contributor;
            if (p.emails().stream().anyMatch(erased::containsKey)) {
                continue;
            }
            for (String email : p.emails()) {
                NameAndEmail key = new NameAndEmail(p.name(), email);
                IdentityState state = identities.get(key);
                if (state == null) {
                    state = new IdentityState();
                    identities.put(key, state);
                    newIdentities.add(key);
                }
                if (state.linkedTo == null) {
                    state.linkedTo = contributor;
                    state.linkedNow = true;
                    newLinks.add(key);
                    owner.merge(email, contributor, Math::min);
                }
            }
        }
        insertContributors(c, newContributors, newContributorNames, write);
        SequenceIds identityIds = new SequenceIds(c, "identity");
        List<Long> identityIdList = new ArrayList<>();
        for (NameAndEmail key : newIdentities) {
            long id = identityIds.next();
            identities.get(key).id = id;
            identityIdList.add(id);
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into identity (id, name, email, created_at) overriding system value
                select t.id, t.name, t.email, ? from unnest(?::bigint[], ?::text[], ?::text[]) as t(id, name, email)""")) {
            s.setObject(1, OffsetDateTime.ofInstant(write.at(), ZoneOffset.UTC));
            s.setArray(2, c.createArrayOf("bigint", identityIdList.toArray()));
            s.setArray(3, c.createArrayOf("text", newIdentities.stream().map(NameAndEmail::name).toArray()));
            s.setArray(4, c.createArrayOf("text", newIdentities.stream().map(NameAndEmail::email).toArray()));
            s.executeUpdate();
        }
        VersionedRows.Batch links = IdentityLink.VERSIONS.batch().recordedAs(write.at(), write.keyId());
        for (NameAndEmail key : newLinks) {
            IdentityState state = identities.get(key);
            links.add(state.id, write.source(), write.reason(), state.linkedTo, false, null);
        }
        links.write(c);
        counts.contributors = newContributors.size();
        counts.identities = newLinks.size();
        return contributorOf;
    }

    private static void insertContributors(Connection c, List<Long> ids, List<String> names, FactWrite write) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into contributor (id, created_at) overriding system value select t.id, ? from unnest(?::bigint[]) as t(id)""")) {
            s.setObject(1, OffsetDateTime.ofInstant(write.at(), ZoneOffset.UTC));
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        }
        VersionedRows.Batch versions = ContributorVersion.VERSIONS.batch().recordedAs(write.at(), write.keyId());
        for (int i = 0; i < ids.size(); i++) {
            versions.add(ids.get(i), write.source(), write.reason(), names.get(i));
        }
        versions.write(c);
    }

    private static Confidence parseConfidence(String value) {
        try {
            return Confidence.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("confidence", e.getMessage());
        }
    }

    private static ApiProblem rejected(List<FieldError> errors) {
        return new ApiProblem(400, "Invalid import", errors.size() + " problem(s) in the import; nothing was imported", errors, Map.of());
    }
}

package io.counterpower.collect;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.counterpower.contributor.Affiliation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Email-domain affiliations (METHODOLOGY.md section 2, the lowest tier): an address whose domain,
 * or a domain it is under, belongs to a current organisation says its owner worked there from the
 * first to the last day that address made a contribution. Public mail providers
 * ({@link PublicMailProviders}) and bots never infer anything.
 *
 * <p>Periods of one tier may not overlap, so the candidates of a contributor are resolved: periods
 * of the same organisation that overlap or touch are merged, and when two organisations' periods
 * overlap the later-starting one starts the day after the earlier one ends (it is dropped if
 * nothing is left). On each run the result replaces the contributor's email-domain periods: same
 * dates are left alone, changed dates supersede the version (same fact id), periods no longer
 * inferred are closed. Higher tiers are never touched; they win when indicators pick the
 * affiliation valid on a date.
 */
@ApplicationScoped
public class EmailDomainAffiliations {

    /** The outcome of one inference run. */
    public record Outcome(int contributors, int added, int superseded) {
    }

    /** An organisation a domain belongs to. */
    record Owner(long organisationId, String key) {
    }

    /** A period some address suggests. */
    record Candidate(Owner owner, LocalDate from, LocalDate to, String domain) {
    }

    /** A resolved period, with the domains it is inferred from. */
    record Period(Owner owner, LocalDate from, LocalDate to, TreeSet<String> domains) {
    }

    private record Current(long rowId, long id, long organisationId, LocalDate from, LocalDate to) {
    }

    /** The advisory lock that serialises inference runs across instances ("email-domain" as a number). */
    static final long INFERENCE_LOCK = 0x656d61696c2d646dL;

    private final PublicMailProviders publicProviders = PublicMailProviders.bundled();

    @Inject
    EntityManager em;
    @Inject
    ChangeLog changes;

    /**
     * Infers the affiliations of every contributor with a contribution to the project, in one transaction.
     *
     * @param deferAttribution true when the caller refreshes the attribution itself once it is done (V040: a
     *                         collection flushes what its batches and this inference queued in one pass)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @TransactionConfiguration(timeout = 600)
    public Outcome inferForProject(long projectId, boolean deferAttribution) {
        int[] counts = new int[3];
        em.unwrap(Session.class).doWork(connection -> {
            if (deferAttribution) {
                try (var defer = connection.createStatement()) {
                    defer.execute("set local counterpower.defer_attribution = on");
                }
            }
            // Two collections may share contributors: one inference at a time keeps their tier free of overlaps.
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, INFERENCE_LOCK);
                lock.execute();
            }
            Map<String, Owner> owners = domainOwners(connection);
            Map<Long, List<Candidate>> candidates = candidates(connection, projectId, owners);
            Map<Long, List<Current>> current = current(connection, projectId);
            VersionedRows.Batch writes = Affiliation.VERSIONS.batch();
            for (Long contributor : union(candidates, current)) {
                List<Period> desired = resolve(candidates.getOrDefault(contributor, List.of()));
                diff(contributor, desired, current.getOrDefault(contributor, List.of()), writes);
            }
            writes.write(connection);
            counts[0] = candidates.size();
            counts[1] = writes.versions();
            counts[2] = writes.closes();
        });
        if (counts[1] > 0 || counts[2] > 0) {
            changes.bump(ChangeLog.GLOBAL);
        }
        return new Outcome(counts[0], counts[1], counts[2]);
    }

    /** The organisation an email address points to, or null (public provider, no owner, malformed). */
    Owner ownerOf(String email, Map<String, Owner> owners) {
        int at = email.lastIndexOf('@');
        if (at < 0 || at == email.length() - 1) {
            return null;
        }
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (publicProviders.covers(domain)) {
            return null;
        }
        for (String d = domain; d != null; d = PublicMailProviders.parent(d)) {
            Owner owner = owners.get(d);
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    /**
     * Resolves one contributor's candidates into periods that do not overlap (see the class
     * comment). Deterministic: ties are broken by start, end, then organisation key.
     */
    static List<Period> resolve(List<Candidate> candidates) {
        Map<Long, List<Period>> byOrganisation = new LinkedHashMap<>();
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(Candidate::from).thenComparing(Candidate::to)
                .thenComparing(c -> c.owner().key()));
        for (Candidate c : sorted) {
            List<Period> periods = byOrganisation.computeIfAbsent(c.owner().organisationId(), k -> new ArrayList<>());
            Period last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
            if (last != null && !c.from().isAfter(last.to().plusDays(1))) {
                TreeSet<String> domains = new TreeSet<>(last.domains());
                domains.add(c.domain());
                periods.set(periods.size() - 1, new Period(last.owner(), last.from(),
                        c.to().isAfter(last.to()) ? c.to() : last.to(), domains));
            } else {
                periods.add(new Period(c.owner(), c.from(), c.to(), new TreeSet<>(List.of(c.domain()))));
            }
        }
        List<Period> merged = new ArrayList<>();
        byOrganisation.values().forEach(merged::addAll);
        merged.sort(Comparator.comparing(Period::from).thenComparing(Period::to).thenComparing(p -> p.owner().key()));
        List<Period> resolved = new ArrayList<>();
        for (Period p : merged) {
            Period last = resolved.isEmpty() ? null : resolved.get(resolved.size() - 1);
            if (last == null || p.from().isAfter(last.to())) {
                resolved.add(p);
                continue;
            }
            LocalDate start = last.to().plusDays(1);
            if (!start.isAfter(p.to())) {
                resolved.add(new Period(p.owner(), start, p.to(), p.domains()));
            }
        }
        return resolved;
    }

    // ---- reading -------------------------------------------------------------------------------

    private static Map<String, Owner> domainOwners(Connection c) throws SQLException {
        Map<String, Owner> owners = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select o.id, h.key, lower(d) from organisation_version o join organisation h on h.id = o.id,
                       unnest(o.domains) d
                where o.superseded_at is null""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                owners.putIfAbsent(r.getString(3), new Owner(r.getLong(1), r.getString(2)));
            }
        }
        return owners;
    }

    private Map<Long, List<Candidate>> candidates(Connection c, long projectId, Map<String, Owner> owners) throws SQLException {
        Map<Long, List<Candidate>> candidates = new LinkedHashMap<>();
        // Every contribution of the contributor's addresses counts, in any project: an address's
        // first and last use say when its owner had it. Addresses are told apart by their hash and
        // read by their domain (V028), so that identities loaded from a snapshot count alike.
        try (PreparedStatement s = c.prepareStatement("""
                with people as (
                    select distinct l.contributor_id from contribution c
                    join identity_link l on l.id = c.identity_id and l.superseded_at is null
                    where c.project_id = ? and c.superseded_at is null)
                select l.contributor_id, '@' || i.email_domain,
                       (min(c.at) at time zone 'UTC')::date, (max(c.at) at time zone 'UTC')::date
                from people p
                join identity_link l on l.contributor_id = p.contributor_id and l.superseded_at is null and not l.is_bot
                join identity i on i.id = l.id and i.email_domain is not null
                join contribution c on c.identity_id = i.id and c.superseded_at is null
                group by l.contributor_id, i.email_sha256, i.email_domain""")) {
            s.setLong(1, projectId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String email = r.getString(2);
                    Owner owner = ownerOf(email, owners);
                    if (owner != null) {
                        candidates.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Candidate(owner,
                                r.getDate(3).toLocalDate(), r.getDate(4).toLocalDate(),
                                email.substring(email.lastIndexOf('@') + 1)));
                    }
                }
            }
        }
        return candidates;
    }

    private static Map<Long, List<Current>> current(Connection c, long projectId) throws SQLException {
        Map<Long, List<Current>> current = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select a.contributor_id, a.row_id, a.id, a.organisation_id, a.valid_from, a.valid_to
                from affiliation a
                where a.source_kind = 'email-domain' and a.superseded_at is null and a.contributor_id in (
                    select l.contributor_id from contribution c
                    join identity_link l on l.id = c.identity_id and l.superseded_at is null
                    where c.project_id = ? and c.superseded_at is null)""")) {
            s.setLong(1, projectId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    current.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Current(r.getLong(2),
                            r.getLong(3), r.getLong(4), toDate(r.getDate(5)), toDate(r.getDate(6))));
                }
            }
        }
        return current;
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Pairs desired periods with current versions: equal ones stay, same organisation supersedes, the rest close or add. */
    private static void diff(long contributor, List<Period> desired, List<Current> current, VersionedRows.Batch writes) {
        List<Current> remaining = new ArrayList<>(current);
        List<Period> missing = new ArrayList<>();
        for (Period p : desired) {
            Current same = remaining.stream().filter(c -> c.organisationId() == p.owner().organisationId()
                    && Objects.equals(c.from(), p.from()) && Objects.equals(c.to(), p.to())).findFirst().orElse(null);
            if (same != null) {
                remaining.remove(same);
            } else {
                missing.add(p);
            }
        }
        for (Period p : missing) {
            Current previous = null;
            for (Iterator<Current> it = remaining.iterator(); it.hasNext(); ) {
                Current c = it.next();
                if (c.organisationId() == p.owner().organisationId()) {
                    previous = c;
                    it.remove();
                    break;
                }
            }
            if (previous != null) {
                writes.supersede(previous.rowId());
            }
            writes.add(previous == null ? null : previous.id(),
                    new FactSource(SourceKind.EMAIL_DOMAIN, null, "inferred from the email domain"
                            + (p.domains().size() > 1 ? "s " : " ") + String.join(", ", p.domains())
                            + " of the contributor's commits (first and last use)", Confidence.INFERRED),
                    previous == null ? null : "the dates of the contributor's addresses changed",
                    contributor, p.owner().organisationId(), p.from(), p.to());
        }
        for (Current c : remaining) {
            writes.supersede(c.rowId());
        }
    }

    private static List<Long> union(Map<Long, ?> a, Map<Long, ?> b) {
        TreeSet<Long> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return new ArrayList<>(all);
    }

    private static LocalDate toDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}

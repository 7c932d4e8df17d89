package io.counterpower.contributor;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.ChangeReasons;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The right to be forgotten (issue 17): a curator erases a contributor's personal data. Every
 * version of the contributor, every identity ever linked to it, and every audit value that quoted
 * them, show a pseudonym instead of its names, emails and logins; the identities, their links and
 * contributions stay, so the contributions keep counting as before. Each erased address is kept as
 * its SHA-256 only (table {@code erased_email}, V038), and so is each erased login (table
 * {@code erased_login}, V041): the collectors and imports map a blocked address or login to the
 * pseudonymous identity, and a guard on the identity table stores neither again whoever writes it,
 * so that no later collection or import brings the data back. The erasure itself is audited without the erased data.
 */
@ApplicationScoped
class ContributorErasures {

    /** What an erasure did (no erased data in it). */
    record Erasure(long contributor, String pseudonym, int identitiesErased, int addressesBlocked, int loginsBlocked,
                          Instant erasedAt) {
    }

    @Inject
    EntityManager em;
    @Inject
    Caller caller;
    @Inject
    FactVersions facts;
    @Inject
    ChangeLog changes;

    @Transactional
    Erasure erase(long contributorId, String reason) {
        caller.requireCurator();
        String why = ChangeReasons.require(reason);
        ContributorVersion current = facts.find(ContributorVersion.class, contributorId, null)
                .orElseThrow(() -> ApiProblem.notFound("No current contributor " + contributorId));
        String pseudonym = "erased-contributor-" + contributorId;
        Instant at = Instants.now();

        // Identities ever linked to the contributor (a link closed by a merge or a relink included).
        List<?> rows = em.createNativeQuery("""
                        select i.id, i.name, i.email, i.username from identity i
                        where i.id in (select l.id from identity_link l where l.contributor_id = ?1)
                          and not (i.email is null and i.username is null and i.name like 'erased-%')
                        order by i.id""")
                .setParameter(1, contributorId).getResultList();
        Set<String> erased = new LinkedHashSet<>();
        List<Long> identityIds = new ArrayList<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            identityIds.add(((Number) row[0]).longValue());
            for (int i = 1; i < row.length; i++) {
                if (row[i] != null) {
                    erased.add((String) row[i]);
                }
            }
        }
        for (Object name : em.createNativeQuery("select distinct display_name from contributor_version where id = ?1")
                .setParameter(1, contributorId).getResultList()) {
            if (name != null) {
                erased.add((String) name);
            }
        }
        erased.remove(pseudonym);

        int blocked = 0;
        int loginsBlocked = 0;
        if (!identityIds.isEmpty()) {
            blocked = em.createNativeQuery("""
                            insert into erased_email (email_sha256, contributor_id, erased_at)
                            select distinct i.email_sha256, cast(?1 as bigint), cast(?2 as timestamptz) from identity i
                            where i.id = any(cast(?3 as bigint[])) and i.email_sha256 is not null
                            on conflict (email_sha256) do nothing""")
                    .setParameter(1, contributorId).setParameter(2, at)
                    .setParameter(3, identityIds.toArray(Long[]::new)).executeUpdate();
            // Logins are blocked like addresses (V041): a later GitHub collection, a CODEOWNERS
            // handle or a Hub namespace meeting one maps it to the pseudonymous identity.
            loginsBlocked = em.createNativeQuery("""
                            insert into erased_login (login_sha256, identity_id, contributor_id, erased_at)
                            select distinct on (erased_login_sha256(i.username)) erased_login_sha256(i.username), i.id,
                                   cast(?1 as bigint), cast(?2 as timestamptz)
                            from identity i
                            where i.id = any(cast(?3 as bigint[])) and i.username is not null
                            order by erased_login_sha256(i.username), i.id
                            on conflict (login_sha256) do nothing""")
                    .setParameter(1, contributorId).setParameter(2, at)
                    .setParameter(3, identityIds.toArray(Long[]::new)).executeUpdate();
            // Derivatives already published under an erased login (a Hub namespace) take the pseudonym,
            // as the guard on the derivative table (V041) does for later collections.
            em.createNativeQuery("""
                            update derivative d set
                                derived_name = ?2 || substring(d.derived_name from length(split_part(d.derived_name, '/', 1)) + 1),
                                publisher_name = case when lower(d.publisher_name) = lower(split_part(d.derived_name, '/', 1))
                                                      then ?2 else d.publisher_name end,
                                source_url = replace(d.source_url, '/' || split_part(d.derived_name, '/', 1) || '/', '/' || ?2 || '/')
                            where position('/' in d.derived_name) > 1
                              and erased_login_sha256(split_part(d.derived_name, '/', 1)) in (
                                  select l.login_sha256 from erased_login l where l.contributor_id = ?1)""")
                    .setParameter(1, contributorId).setParameter(2, pseudonym).executeUpdate();
            // The hash and the domain stay (V028): attribution by email domain keeps its evidence.
            em.createNativeQuery("""
                            update identity set name = 'erased-' || id, email = null, platform = null, username = null
                            where id = any(cast(?1 as bigint[]))""")
                    .setParameter(1, identityIds.toArray(Long[]::new)).executeUpdate();
        }
        // Every version, not only the current one: "as recorded on" must not bring the name back.
        em.createNativeQuery("update contributor_version set display_name = ?2, note = null where id = ?1")
                .setParameter(1, contributorId).setParameter(2, pseudonym).executeUpdate();
        List<String> longestFirst = erased.stream().filter(s -> s.length() >= 3)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String text : longestFirst) {
            scrub(text, pseudonym, contributorId);
        }
        em.flush();
        em.refresh(current);

        // A new version, so that the revision (ETag) and every cached answer change.
        ContributorVersion next = new ContributorVersion();
        next.displayName = pseudonym;
        next.note = null;
        // The source URL stays (a manual or reference record must have one), as scrubbed above of every
        // erased text; the note goes (it is free text about the person).
        facts.supersede(current, next, new FactWrite(new FactSource(current.sourceKind, current.sourceUrl, null, current.confidence),
                at, caller.keyId(), why));
        Erasure done = new Erasure(contributorId, pseudonym, identityIds.size(), blocked, loginsBlocked, at);
        changes.record(ChangeLog.GLOBAL, "erase", "contributor", String.valueOf(contributorId), null, done, why);
        return done;
    }

    /**
     * Replaces an erased text where the service quoted it: the audit log and the sources of the
     * contributor's records. An address is replaced in any audit row; a name or login only in rows
     * about contributors and identities, so that another person's record that happens to share a
     * word is left alone.
     */
    private void scrub(String text, String pseudonym, long contributorId) {
        em.createNativeQuery("""
                        update audit_log set
                            before = case when cast(before as text) like ?3 then cast(replace(cast(before as text), ?1, ?2) as jsonb) else before end,
                            after = case when cast(after as text) like ?3 then cast(replace(cast(after as text), ?1, ?2) as jsonb) else after end,
                            reason = replace(reason, ?1, ?2)
                        where (cast(before as text) like ?3 or cast(after as text) like ?3 or reason like ?3)
                          and (?4 or entity_type in ('contributor', 'identity-link', 'identity', 'contributor-merge'))""")
                .setParameter(4, text.contains("@")).setParameter(1, text).setParameter(2, pseudonym).setParameter(3, "%" + like(text) + "%").executeUpdate();
        for (String table : List.of("contributor_version", "identity_link")) {
            em.createNativeQuery("update " + table + " set source_url = replace(source_url, ?1, ?2), "
                            + "source_note = replace(source_note, ?1, ?2), source_quote = replace(source_quote, ?1, ?2)"
                            + " where contributor_id_or_id = ?3"
                            .replace("contributor_id_or_id", table.equals("contributor_version") ? "id" : "contributor_id"))
                    .setParameter(1, text).setParameter(2, pseudonym).setParameter(3, contributorId).executeUpdate();
        }
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

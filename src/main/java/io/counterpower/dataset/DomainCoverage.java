package io.counterpower.dataset;

import io.counterpower.collect.PublicMailProviders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How much of each project's commit history an organisation's email domain can attribute (issue #20 part 4,
 * docs/decisions.md "Organisation domains: what the coverage counts"). A commit's author address falls in one
 * of four groups: a public or access provider's mail (gmail.com, arcor.de: never an employer, not counted), a
 * bot's (not counted), a personal domain (counted apart: an unknown employer, never "independent"), or company
 * mail, the denominator, of which the attributed part is at or under a domain of a current organisation, the
 * rule of the email-domain inference (EmailDomainAffiliations).
 *
 * <p>A personal domain is recognised by a stated, testable rule rather than by judgement: no organisation
 * claims it, exactly one address was ever seen at it in the whole fact base, and its first label holds the
 * git name that address used ({@code paulstack.co.uk}, "Paul Stack"; see {@link #personal}).
 * A one-person domain whose label is not its owner's name ({@code degeneration.co.uk}) stays company mail:
 * nothing read says whose it is.
 */
@ApplicationScoped
class DomainCoverage {

    /** One project's commits by the group of their author's address. */
    record Coverage(long companyMail, long attributed, long personal, long isp) {
        Coverage plus(Coverage o) {
            return new Coverage(companyMail + o.companyMail, attributed + o.attributed, personal + o.personal, isp + o.isp);
        }
    }

    /**
     * A machine's own name rather than a mail domain (git's default address is user@hostname): "(none)", .local,
     * .internal, .localdomain, .lan. It says nothing about anyone's employer and no mail reaches it.
     */
    static final String MACHINE_NAME = "\\.(local|internal|localdomain|lan|\\(none\\))$";

    private final PublicMailProviders providers = PublicMailProviders.bundled();

    @Inject
    EntityManager em;

    /** Per project slug, the current commits of the fact base as they are recorded now. */
    Map<String, Coverage> perProject() {
        Set<String> organisationDomains = new HashSet<>();
        for (Object d : em.createNativeQuery(
                "select distinct lower(unnest(domains)) from organisation_version where superseded_at is null").getResultList()) {
            organisationDomains.add((String) d);
        }
        List<?> rows = em.createNativeQuery("""
                select p.slug, lower(i.email_domain), i.email_sha256, i.name, coalesce(l.is_bot, false), count(*)
                from contribution c
                join project p on p.id = c.project_id
                join identity i on i.id = c.identity_id
                left join identity_link l on l.id = i.id and l.superseded_at is null
                where c.kind = 'commit' and c.superseded_at is null and i.email_domain like '%.%'
                  and lower(i.email_domain) not like '%noreply%' and lower(i.email_domain) !~ ?1
                group by 1, 2, 3, 4, 5""").setParameter(1, MACHINE_NAME).getResultList();
        Map<String, Set<String>> addresses = new HashMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            String domain = (String) row[1];
            addresses.computeIfAbsent(domain, k -> new HashSet<>()).add(String.valueOf(row[2]));
            if (row[3] != null) {
                names.computeIfAbsent(domain, k -> new HashSet<>()).add((String) row[3]);
            }
        }
        Map<String, Coverage> coverage = new TreeMap<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            String domain = (String) row[1];
            long commits = ((Number) row[5]).longValue();
            if ((Boolean) row[4] || providers.covers(domain) && !providers.coversIsp(domain)) {
                continue;
            }
            Coverage c;
            if (providers.coversIsp(domain)) {
                c = new Coverage(0, 0, 0, commits);
            } else if (under(domain, organisationDomains)) {
                c = new Coverage(commits, commits, 0, 0);
            } else if (personal(domain, addresses.get(domain), names.getOrDefault(domain, Set.of()))) {
                c = new Coverage(0, 0, commits, 0);
            } else {
                c = new Coverage(commits, 0, 0, 0);
            }
            coverage.merge((String) row[0], c, Coverage::plus);
        }
        return coverage;
    }

    /**
     * The personal-domain rule: one address only, and the domain's first label holds a person's name that address
     * used in git: a name of two parts or more, of which one of four letters or more, or all of them run together,
     * is in the label ("Paul Stack": paulstack.co.uk; "Andy Pan": andypan.me). A one-word name ("Cursor") is not a
     * person's name, and a short part ("Don Box") matches too much (xbox.com). The caller has already set aside
     * organisations' domains and mail providers.
     */
    static boolean personal(String domain, Set<String> addresses, Set<String> names) {
        if (addresses == null || addresses.size() != 1) {
            return false;
        }
        String label = letters(domain.substring(0, domain.contains(".") ? domain.indexOf('.') : domain.length()));
        for (String name : names) {
            String[] parts = name.strip().split("[\\s._-]+");
            if (parts.length < 2) {
                continue;
            }
            StringBuilder whole = new StringBuilder();
            for (String part : parts) {
                String p = letters(part);
                whole.append(p);
                if (p.length() >= 4 && label.contains(p)) {
                    return true;
                }
            }
            if (whole.length() >= 4 && label.contains(whole)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case ASCII letters only, accents dropped: "Söderqvist" -> "soderqvist". */
    static String letters(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    static boolean under(String domain, Set<String> domains) {
        for (String d = domain; d != null && d.contains("."); d = d.substring(d.indexOf('.') + 1)) {
            if (domains.contains(d)) {
                return true;
            }
        }
        return false;
    }
}

package io.counterpower.dataset;

import io.counterpower.collect.PublicMailProviders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 part 4 on the shipped data: the default snapshot loaded as on a first start, with the bundled
 * dataset's version applied, attributes by email domain at least 80% of the commits from addresses outside
 * the public mail providers for every project that reference-README.md says meets it. A commit counts as
 * attributable when its address's domain, or a domain it is under, is a domain of a current organisation:
 * the rule of the email-domain inference (EmailDomainAffiliations), which a collection applies; it is
 * counted here from the organisations' domains so that the claim holds for the domains this version ships,
 * also before the snapshot is rebuilt with them.
 */
@QuarkusTest
@TestProfile(SnapshotServiceProfile.class)
class DefaultDomainCoverageTest {
    /** The projects reference-README.md lists as at or above 80%, with their commits from non-public domains. */
    static final Map<String, Long> AT_LEAST_80_PERCENT = Map.of(
            "jax", 26048L, "deepspeed", 3221L, "olmo", 2939L, "mlx", 1499L, "gemma", 313L,
            "llama-models", 70L, "mistral-7b", 47L, "mixtral", 47L, "stable-diffusion", 6L);

    @Inject
    Snapshots snapshots;
    @Inject
    ReferenceDatasetUpgrade upgrade;
    @Inject
    ReferenceDataset dataset;
    @Inject
    EntityManager em;

    @Test
    void theProjectsTheReadmeNamesHaveAtLeast80PercentOfTheirCompanyMailCommitsAttributable() throws Exception {
        empty();
        try (InputStream in = DefaultDomainCoverageTest.class.getResourceAsStream(ReferenceDatasetStartup.DEFAULT_SNAPSHOT)) {
            assertTrue(in != null, "the default snapshot is bundled");
            snapshots.load(new BufferedInputStream(in, 1 << 16), 1800, "default snapshot for the domain coverage test");
        }
        upgrade.applyIfNewer(dataset.bundled());

        Map<String, long[]> coverage = coverage();
        List<String> below = new ArrayList<>();
        AT_LEAST_80_PERCENT.forEach((slug, commits) -> {
            long[] c = coverage.get(slug);
            assertTrue(c != null, slug + " has commits from non-public domains");
            assertEquals(commits, c[0], slug + ": the commits from non-public domains the README reports");
            if (c[1] * 5 < c[0] * 4) {
                below.add(slug + " " + c[1] + "/" + c[0]);
            }
        });
        assertEquals(List.of(), below, "projects the README says are at or above 80% but are not");
        // Redis: redislabs.com is Redis Ltd.'s (reference.json domain_sources), 364 + 1141 of 2620 commits.
        assertEquals(1505L, coverage.get("redis")[1]);
        empty();
    }

    /** Per project: commits from addresses outside the public providers, and those whose domain is an organisation's. */
    private Map<String, long[]> coverage() {
        PublicMailProviders providers = PublicMailProviders.bundled();
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                with domains as (
                    select distinct unnest(v.domains) as domain from organisation_version v where v.superseded_at is null
                ), commits as (
                    select p.slug, lower(i.email_domain) as domain, count(*) as commits
                    from contribution c join project p on p.id = c.project_id join identity i on i.id = c.identity_id
                    where c.kind = 'commit' and c.superseded_at is null and i.email_domain like '%.%'
                      and lower(i.email_domain) not like '%noreply%'
                    group by p.slug, lower(i.email_domain)
                )
                select x.slug, x.domain, x.commits,
                       exists (select 1 from domains d where x.domain = d.domain or x.domain like '%.' || d.domain) as attributable
                from commits x""").getResultList());
        Map<String, long[]> coverage = new LinkedHashMap<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            if (providers.covers((String) row[1])) {
                continue;
            }
            long[] c = coverage.computeIfAbsent((String) row[0], k -> new long[2]);
            long commits = ((Number) row[2]).longValue();
            c[0] += commits;
            if ((Boolean) row[3]) {
                c[1] += commits;
            }
        }
        return coverage;
    }

    private void empty() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "truncate contribution_attribution, contribution_attribution_stale, contribution_attribution_pending, audit_log, fact_dispute,"
                        + " dataset_load, organisation, project, contributor, identity restart identity cascade").executeUpdate());
    }
}

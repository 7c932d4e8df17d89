package io.counterpower.collect;

import io.counterpower.common.fact.DomainsChanged;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * When an organisation's email domains change (a curator's edit, an accepted dispute, a dataset upgrade), the
 * email-domain inference runs again for every project with work from an address at one of those domains
 * (exactly, or a subdomain), so that the change reaches the figures now rather than at the project's next
 * collection. The inference is the collectors' own (EmailDomainAffiliations): the same rules, tier and audit.
 */
@ApplicationScoped
class DomainReattribution {
    @Inject
    EntityManager em;
    @Inject
    EmailDomainAffiliations inference;

    @ActivateRequestContext
    void reattribute(@Observes(during = TransactionPhase.AFTER_SUCCESS) DomainsChanged change) {
        if (change.domains().isEmpty()) {
            return;
        }
        List<Long> projects = projectsWith(change);
        for (long project : projects) {
            EmailDomainAffiliations.Outcome outcome = inference.inferForProject(project, false);
            Log.debugf("Domains %s changed: project %d, %d affiliations inferred, %d closed", change.domains(), project,
                    outcome.added(), outcome.superseded());
        }
    }

    List<Long> projectsWith(DomainsChanged change) {
        String[] domains = change.domains().toArray(String[]::new);
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select distinct c.project_id from identity i join contribution c on c.identity_id = i.id
                        where i.email_domain = any(cast(?1 as text[]))
                           or exists (select 1 from unnest(cast(?1 as text[])) d where i.email_domain like '%.' || d)
                        order by 1""")
                .setParameter(1, "{" + String.join(",", domains) + "}").getResultList().stream()
                .map(r -> ((Number) r).longValue()).toList());
    }
}

package io.counterpower.organisation;

import io.counterpower.common.fact.DisputeTarget;
import io.counterpower.common.fact.FactDispute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Organisations and their parent periods are written outside {@code FactStore}: these targets let
 * {@code FactDisputes} apply a steward's edit or close of one that a curator accepted (issue 17).
 */
final class OrganisationDisputeTargets {
    private OrganisationDisputeTargets() {
    }

    @ApplicationScoped
    static class Organisations implements DisputeTarget {
        @Inject
        OrganisationService organisations;

        @Override
        public String kind() {
            return OrganisationService.KIND;
        }

        @Override
        public long apply(FactDispute dispute, String reason) {
            return organisations.applyOrganisationDispute(dispute, reason);
        }
    }

    @ApplicationScoped
    static class Parents implements DisputeTarget {
        @Inject
        OrganisationService organisations;

        @Override
        public String kind() {
            return OrganisationService.PARENT_KIND;
        }

        @Override
        public long apply(FactDispute dispute, String reason) {
            return organisations.applyParentDispute(dispute, reason);
        }
    }
}

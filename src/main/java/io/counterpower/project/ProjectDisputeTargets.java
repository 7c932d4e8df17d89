package io.counterpower.project;

import io.counterpower.common.fact.DisputeTarget;
import io.counterpower.common.fact.FactDispute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Projects and their repositories are written outside {@code FactStore}: these targets let
 * {@code FactDisputes} apply a steward's edit or close of one that a curator accepted (issue 17).
 */
final class ProjectDisputeTargets {
    private ProjectDisputeTargets() {
    }

    @ApplicationScoped
    static class Projects implements DisputeTarget {
        @Inject
        ProjectService projects;

        @Override
        public String kind() {
            return ProjectService.KIND;
        }

        @Override
        public long apply(FactDispute dispute, String reason) {
            return projects.applyProjectDispute(dispute, reason);
        }
    }

    @ApplicationScoped
    static class Repositories implements DisputeTarget {
        @Inject
        ProjectService projects;

        @Override
        public String kind() {
            return ProjectService.REPOSITORY_KIND;
        }

        @Override
        public long apply(FactDispute dispute, String reason) {
            return projects.applyRepositoryDispute(dispute, reason);
        }
    }
}

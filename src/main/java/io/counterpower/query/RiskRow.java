package io.counterpower.query;

import java.util.List;

/**
 * One project in the risk ranking: its stage (METHODOLOGY.md section 4) and how sure it is,
 * capture_risk and its 12-month trend, the top organisation of contributions, the affiliation
 * coverage the contribution figures rest on, and the figure the ranking is ordered by.
 *
 * @param rank        the position in the ranking as filtered and ordered, from 1 (0 while stored)
 * @param captureRisk capture_risk with coverage = the share of the contribution, direction and
 *                    capture signals that were present, n = how many were
 * @param ranked      the figure the ranking is ordered by ({@code sort}), with its coverage and n
 * @param evidence    the signals the stage and the risk rest on, of those defined
 */
record RiskRow(int rank, String project, String name, String kind, String origin, String steward,
                      Boolean foundationHosted, String stage, List<String> unknownGatesBefore, Double stageConfidence,
                      Figure captureRisk, Integer trend, TopOrganisation topOrg, Figure affiliationCoverage,
                      RankedFigure ranked, int methodologyVersion, Long dataVersion,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      Evidence evidence,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      Walkaway walkaway) {

    /**
     * Walk-away resilience (METHODOLOGY.md section 7, version 2; absent in a version 1 row): the reading ({@code met},
     * {@code unmet} or {@code unknown}) and its inputs, each with coverage and n where it has them.
     */
    record Walkaway(String resilience, double resilienceCoverage, Figure share, Figure mergers, Boolean forkable,
                           double forkableCoverage) {
    }

    /**
     * How much the stage and the risk rest on (METHODOLOGY.md section 4, "Where it is shown"): the
     * distinct signals present (defined, coverage at least min_coverage) out of those the methodology
     * defines, per family (version 2; a version 1 row has none, and keeps the shape it had).
     */
    record Evidence(int present, int defined,
                           java.util.Map<String, io.counterpower.indicator.StageAssessment.FamilyEvidence> families) {
        /** present / defined, or 0 when nothing is defined. */
        double share() {
            return defined == 0 ? 0 : (double) present / defined;
        }
    }

    /** The organisation with most known contributions in the window, and its share of them. */
    record TopOrganisation(String organisation, Double share, double coverage, long n) {
    }

    /** The figure a ranking is ordered by. */
    record RankedFigure(String indicator, Object value, double coverage, long n) {
    }

    RiskRow ranked(int position, RankedFigure figure) {
        return new RiskRow(position, project, name, kind, origin, steward, foundationHosted, stage, unknownGatesBefore,
                stageConfidence, captureRisk, trend, topOrg, affiliationCoverage, figure, methodologyVersion, dataVersion, evidence, walkaway);
    }
}

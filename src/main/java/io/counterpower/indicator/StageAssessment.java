package io.counterpower.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The five-stage assessment of a project at a date (METHODOLOGY.md section 4), with the walk-away
 * resilience and the counter-power profile of section 7; under methodology 2 also section 7's forks,
 * compost and governance over-representation, each indicator with its coverage, n, methodology
 * version and sources (absent under methodology 1, which does not define them).
 */
public record StageAssessment(String project, LocalDate at, String window, Instant asRecordedOn, int methodologyVersion,
                              Long dataVersion, String origin, String stage, List<String> unknownGatesBefore,
                              Double stageConfidence, Map<String, Double> scores, Map<String, Gate> gates,
                              List<Signal> signals, List<Missing> missing, Integer captureRisk, Integer trend,
                              Map<String, Object> walkaway, Map<String, Requirement> counterPower, List<Evidence> evidence,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String basis,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, FamilyEvidence> evidenceCounts,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String captureRiskReason,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> forks,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> compost,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> governanceBodies) {

    /** Methodology 2 section 7, "Forks": the fork's response to its upstream (null values for a project that is no fork). */
    static final List<String> FORKS = List.of("fork_response_days", "fork_foundation_hosted", "fork_carried_people");
    /** Methodology 2 section 7, "Compost": does the model decompose usefully, and for whom. */
    static final List<String> COMPOST = List.of("derivatives", "derivative_publishers", "derivative_publisher_hhi",
            "independent_derivative_share", "afterlife_derivatives");
    /** Methodology 2 section 7, "Governance over-representation" and the foundation rule checks per body. */
    static final List<String> GOVERNANCE_BODIES = List.of("seat_overrepresentation", "bodies_over_one_third", "bodies_under_two_orgs");

    /**
     * Version 2 (section 4): how many distinct signals of a family are present (defined, with coverage at
     * least min_coverage) out of those the methodology defines.
     */
    public record FamilyEvidence(int present, int defined) {
    }

    /** A stage signal: an indicator value clipped to [0, 1]. */
    public record Signal(String stage, String id, String indicator, double value) {
    }

    /** A signal left out: its input is missing or its coverage is below min_coverage. */
    public record Missing(String stage, String id, String indicator, String reason, Double coverage) {
    }

    /**
     * A gate and the values that decided it. {@code flags} gathers the flags of those values (e.g.
     * disputed_affiliation: the gate rests on a contribution figure that rests on a disputed affiliation).
     */
    record Gate(String status, List<Condition> conditions, List<String> flags) {
        Gate(String status, List<Condition> conditions) {
            this(status, conditions, conditions.stream().flatMap(c -> c.flags().stream()).distinct().toList());
        }
    }

    /** One comparison of a gate, with the flags of the indicator's value. */
    record Condition(String indicator, String op, double threshold, Object value, Double coverage, String status,
                            List<String> flags) {
    }

    /** One requirement of the counter-power profile: met | partial | unmet | unknown, with the values behind it. */
    record Requirement(String status, Map<String, Object> values) {
    }

    /** A link to the records that drove a signal. */
    record Evidence(String signal, String description, String href, Object value,
                           @JsonInclude(JsonInclude.Include.NON_NULL)
                           @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.counterpower.common.fact.LocalPathSerializer.class)
                           String sourceUrl) {
        Evidence(String signal, String description, String href, Object value) {
            this(signal, description, href, value, null);
        }
    }
}

package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.StageAssessment.Requirement;

/**
 * The counter-power profile (METHODOLOGY.md section 7): the essay's five requirements (training capability,
 * competitive performance, sustainable funding, governance, resistance to capture), each met, partial, unmet or
 * unknown with the values behind it. An answer whose inputs are unknown is unknown, never unmet.
 */
@ApplicationScoped
class CounterPowerProfile {
    private static final String UNKNOWN = AssessmentService.UNKNOWN;

    @Inject
    EntityManager em;

    /** The five requirements for a project at {@code scope}, from its indicator values and its capture risk and trend. */
    Map<String, Requirement> of(Methodology.Version m, Map<String, IndicatorValue> v, FigureScope scope, Integer risk, Integer trend) {
        JsonNode cp = m.counterPower();
        Map<String, Requirement> out = new LinkedHashMap<>();
        // Training capability: the openness of training code and data.
        SqlRow trainingRow = IndicatorStatements.assessmentRows(em, scope, "assessment-training").get(0);
        String code = trainingRow.text("training_code"), data = trainingRow.text("training_data");
        Map<String, Object> training = new LinkedHashMap<>();
        if (code != null) {
            training.put("training-code", code);
        }
        if (data != null) {
            training.put("training-data", data);
        }
        String status;
        if (code == null || data == null || code.equals("unknown") || data.equals("unknown")) {
            status = "unknown";
        } else if (code.equals("open") && data.equals("open")) {
            status = "met";
        } else if (code.equals("closed") && data.equals("closed")) {
            status = "unmet";
        } else {
            status = "partial";
        }
        out.put("training_capability", new Requirement(status, training));
        out.put("competitive_performance", benchmark(scope));
        // Sustainable funding.
        Double funders = num(v, "funder_count"), hhi = num(v, "funder_hhi"), corporate = num(v, "corporate_funding_share");
        JsonNode f = cp.path("sustainable_funding");
        Map<String, Object> fv = Values.detail("funder_count", funders, "funder_hhi", hhi, "corporate_funding_share", corporate);
        if (funders == null) {
            status = "unknown";
        } else if (funders >= f.path("met").path("funder_count_min").asDouble() && hhi != null
                && hhi <= f.path("met").path("funder_hhi_max").asDouble() && corporate != null
                && corporate <= f.path("met").path("corporate_funding_share_max").asDouble()) {
            status = "met";
        } else if (funders >= f.path("partial").path("funder_count_min").asDouble()) {
            status = "partial";
        } else {
            status = "unmet";
        }
        out.put("sustainable_funding", new Requirement(status, fv));
        // Governance.
        IndicatorValue hosted = v.get("foundation_hosted");
        Double seatOrgs = num(v, "seat_orgs"), topSeat = num(v, "top_org_seat_share");
        JsonNode g = cp.path("governance").path("met");
        Map<String, Object> gv = Values.detail("foundation_hosted", hosted == null ? null : hosted.value(), "seat_orgs", seatOrgs,
                "top_org_seat_share", topSeat);
        if (m.number() >= 2) {
            // Section 7's over-representation and rule checks per body, beside the inputs of the answer (not inputs of it).
            for (String name : StageAssessment.GOVERNANCE_BODIES) {
                IndicatorValue body = v.get(name);
                gv.put(name, body == null ? null : body.value());
            }
        }
        boolean isHosted = hosted != null && Boolean.TRUE.equals(hosted.value());
        boolean plural = seatOrgs != null && topSeat != null && seatOrgs >= g.path("seat_orgs_min").asDouble()
                && topSeat < g.path("top_org_seat_share_max").asDouble();
        boolean hostedKnown = hosted != null && hosted.value() != null, seatsKnown = seatOrgs != null && topSeat != null;
        if ((hosted == null || hosted.value() == null) && seatOrgs == null) {
            status = "unknown";
        } else if (m.number() >= 2 && !(hostedKnown && seatsKnown) && !isHosted && !plural) {
            // v2: "unmet" needs both inputs known; what is known has not met any part.
            status = "unknown";
        } else if (isHosted && plural) {
            status = "met";
        } else if (isHosted || plural) {
            status = "partial";
        } else {
            status = "unmet";
        }
        out.put("governance", new Requirement(status, gv));
        // Resistance to capture.
        JsonNode rc = cp.path("resistance_to_capture");
        if (risk == null) {
            status = "unknown";
        } else if (risk <= rc.path("met").path("capture_risk_max").asInt() && (trend == null || trend <= rc.path("met").path("trend_max").asInt())) {
            status = "met";
        } else if (risk <= rc.path("partial").path("capture_risk_max").asInt()) {
            status = "partial";
        } else {
            status = "unmet";
        }
        if (m.number() >= 2) {
            IndicatorValue w = v.get(WalkawayResilience.NAME);
            String walkaway = w == null || w.value() == null ? UNKNOWN : w.value().toString();
            status = resistanceToCapture(status, walkaway);
            out.put("resistance_to_capture", new Requirement(status, Values.detail("capture_risk", risk, "trend", trend,
                    "walkaway_resilience", walkaway)));
            return out;
        }
        out.put("resistance_to_capture", new Requirement(status, Values.detail("capture_risk", risk, "trend", trend)));
        return out;
    }

    /**
     * Version 2, resistance to capture (METHODOLOGY.md section 7): the capture risk's reading ({@code byRisk}: met, partial,
     * unmet or unknown by capture_risk and its trend) read with walkaway_resilience. Met needs both met; unmet needs a failure
     * on evidence (a high risk, or a walk-away unmet with the risk unknown or high) and no walk-away met; unknown only when
     * both are unknown; partial otherwise.
     */
    static String resistanceToCapture(String byRisk, String walkaway) {
        if (byRisk.equals(UNKNOWN) && walkaway.equals(UNKNOWN)) {
            return UNKNOWN;
        }
        if (byRisk.equals("met") && walkaway.equals("met")) {
            return "met";
        }
        if (!walkaway.equals("met") && (byRisk.equals("unmet") || walkaway.equals("unmet") && byRisk.equals(UNKNOWN))) {
            return "unmet";
        }
        return "partial";
    }

    private Requirement benchmark(FigureScope scope) {
        List<SqlRow> rows = IndicatorStatements.assessmentRows(em, scope, "assessment-benchmark");
        if (rows.isEmpty()) {
            return new Requirement("unknown", Map.of());
        }
        SqlRow r = rows.get(0);
        Integer rank = r.get("rank") == null ? null : ((Number) r.get("rank")).intValue();
        Double score = r.number("score"), best = r.number("best_closed_score");
        Double ratio = score != null && best != null && best > 0 ? score / best : null;
        String status = (rank != null && rank <= 10) || (ratio != null && ratio >= 0.95) ? "met"
                : (rank != null && rank <= 50) || (ratio != null && ratio >= 0.8) ? "partial"
                : rank == null && ratio == null ? "unknown" : "unmet";
        return new Requirement(status, Values.detail("benchmark", r.get("benchmark"), "measuredOn", String.valueOf(r.get("measured_on")), "rank", rank,
                "score", score, "bestClosedScore", best));
    }

    private static Double num(Map<String, IndicatorValue> v, String name) {
        IndicatorValue iv = v.get(name);
        return iv == null ? null : iv.number();
    }
}

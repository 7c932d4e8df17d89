package io.counterpower.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.governance.GovernanceEvents;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One thing a watch looks out for. {@code type} decides which other fields it takes:
 * <ul>
 *   <li>{@code stage-change}: the assessed stage changes;</li>
 *   <li>{@code capture-risk-threshold} ({@code threshold} 1..100): capture_risk crosses it, either way, or becomes unknown;</li>
 *   <li>{@code top-org-seat-share-above} ({@code limit} in (0, 1)): top_org_seat_share goes above it, back, or becomes unknown;</li>
 *   <li>{@code rule} ({@code rule}: one of {@link GovernanceRule}): the rule's status changes (holds, fails, unknown);</li>
 *   <li>{@code license-change}: a license change of the project is recorded;</li>
 *   <li>{@code funding-event} ({@code minUsd}, 0 or more): a funding event to the project of at least that
 *       amount, or of an unknown amount, is recorded;</li>
 *   <li>{@code governance-event} ({@code kinds}, optional): a governance event (of those kinds) is recorded;</li>
 *   <li>{@code walkaway-resilience-change}: walkaway_resilience (METHODOLOGY.md section 7) changes between met, unmet and
 *       unknown (methodology 2; under version 1, which does not define it, it stays unknown).</li>
 *   <li>{@code body-seats-one-third} (methodology 2): an organisation comes to hold more than one third of a governing
 *       body's known seats, or no longer does, or the check becomes unknown (bodies_over_one_third, per body).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WatchCondition(String type, Integer threshold, Double limit, String rule, BigDecimal minUsd, List<String> kinds) {
    static final Map<String, Set<String>> FIELDS = Map.of(
            "stage-change", Set.of(),
            "capture-risk-threshold", Set.of("threshold"),
            "top-org-seat-share-above", Set.of("limit"),
            "rule", Set.of("rule"),
            "license-change", Set.of(),
            "funding-event", Set.of("minUsd"),
            "governance-event", Set.of("kinds"),
            "walkaway-resilience-change", Set.of(),
            "body-seats-one-third", Set.of());
    static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");

    /** Whether the condition reports recorded facts (events) rather than a change of a figure. */
    boolean isEvent() {
        return Set.of("license-change", "funding-event", "governance-event").contains(type);
    }

    boolean needsAssessment() {
        return type.equals("stage-change") || type.equals("capture-risk-threshold") || type.equals("walkaway-resilience-change");
    }

    /** Checks the condition at {@code field} (e.g. conditions[2]), adding what is wrong to {@code errors}. */
    static void validate(WatchCondition c, String field, FieldErrors errors) {
        if (c == null) {
            errors.add(field, "must be an object with a type");
            return;
        }
        Set<String> allowed = c.type() == null ? null : FIELDS.get(c.type());
        if (allowed == null) {
            errors.add(field + ".type", (c.type() == null ? "is required" : "unknown condition '" + c.type() + "'")
                    + "; the conditions are " + new TreeSet<>(FIELDS.keySet()));
            return;
        }
        Map<String, Object> given = new java.util.HashMap<>();
        given.put("threshold", c.threshold());
        given.put("limit", c.limit());
        given.put("rule", c.rule());
        given.put("minUsd", c.minUsd());
        given.put("kinds", c.kinds());
        given.forEach((name, value) -> {
            if (value != null && !allowed.contains(name)) {
                errors.add(field + "." + name, "does not apply to a " + c.type() + " condition");
            }
        });
        switch (c.type()) {
            case "capture-risk-threshold" -> {
                if (c.threshold() == null || c.threshold() < 1 || c.threshold() > 100) {
                    errors.add(field + ".threshold", "is required: an integer from 1 to 100 (capture_risk is 0..100)");
                }
            }
            case "top-org-seat-share-above" -> {
                if (c.limit() == null || !(c.limit() > 0 && c.limit() < 1)) {
                    errors.add(field + ".limit", "is required: a share above 0 and below 1 (e.g. 0.3333 for one third)");
                }
            }
            case "rule" -> {
                if (GovernanceRule.of(c.rule()) == null) {
                    errors.add(field + ".rule", (c.rule() == null ? "is required" : "unknown rule '" + c.rule() + "'")
                            + "; the rules are " + GovernanceRule.ids());
                }
            }
            case "funding-event" -> {
                if (c.minUsd() == null || c.minUsd().signum() < 0 || c.minUsd().compareTo(LARGEST_AMOUNT) >= 0) {
                    errors.add(field + ".minUsd", "is required: an amount in USD, 0 or more and below 10^15");
                }
            }
            case "governance-event" -> {
                if (c.kinds() != null) {
                    if (c.kinds().isEmpty()) {
                        errors.add(field + ".kinds", "leave it out for every kind, or name at least one");
                    }
                    for (String kind : c.kinds()) {
                        if (kind == null || !GovernanceEvents.KINDS.contains(kind)) {
                            errors.add(field + ".kinds", "unknown governance event kind '" + kind + "'; the kinds are "
                                    + new TreeSet<>(GovernanceEvents.KINDS));
                        }
                    }
                }
            }
            default -> {
            }
        }
    }
}

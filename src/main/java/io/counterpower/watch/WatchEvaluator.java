package io.counterpower.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import io.counterpower.funding.FundingEvent;
import io.counterpower.funding.FundingEvents;
import io.counterpower.governance.GovernanceEvent;
import io.counterpower.governance.GovernanceEvents;
import io.counterpower.indicator.AssessmentService;
import io.counterpower.indicator.FigureQuery;
import io.counterpower.indicator.IndicatorService;
import io.counterpower.indicator.IndicatorValue;
import io.counterpower.indicator.IndicatorsView;
import io.counterpower.indicator.Methodology;
import io.counterpower.indicator.StageAssessment;
import io.counterpower.license.LicenseChanges;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates one watch on one project. In ONE transaction it locks the watch's state for the
 * project, observes each condition now, compares with the state it last saw, writes the new state
 * and one outbox row per change: a crash before the commit leaves the old state and no row (the
 * next evaluation finds the same change), after it both; two evaluations of the same pair wait for
 * each other on the lock, so the second finds nothing new. The first evaluation of a pair is a
 * baseline: it records what is true without alerting.
 */
@ApplicationScoped
class WatchEvaluator {

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    WatchService watches;
    @Inject
    WebhookOutbox outbox;
    @Inject
    ProjectService projects;
    @Inject
    AssessmentService assessments;
    @Inject
    IndicatorService indicators;
    @Inject
    Methodology methodology;
    @Inject
    LicenseChanges licenseChanges;
    @Inject
    FundingEvents fundingEvents;
    @Inject
    GovernanceEvents governanceEvents;

    /** What one project looks like now, computed once for all the conditions of a watch. */
    private final class Observation {
        final long projectId;
        final String slug;
        /** The watch's methodology version: the one it was created under, not today's default. */
        final Methodology.Version version;
        StageAssessment assessment;
        Map<String, IndicatorValue> values;
        IndicatorValue bodiesOverOneThird;
        long dataVersion;

        Observation(long projectId, int version) {
            this.projectId = projectId;
            this.slug = projects.slugOf(projectId);
            this.version = methodology.numbered(version, "methodology");
        }

        StageAssessment assessment() {
            if (assessment == null) {
                assessment = assessments.assess(slug, FigureQuery.current(version));
                dataVersion = assessment.dataVersion();
            }
            return assessment;
        }

        Map<String, IndicatorValue> values() {
            if (values == null) {
                IndicatorsView view = indicators.indicators(slug,
                        FigureQuery.current(version).withNames(GovernanceRule.indicators(version.number())));
                values = new LinkedHashMap<>();
                view.indicators().forEach(v -> values.put(v.name(), v));
                dataVersion = view.dataVersion();
            }
            return values;
        }

        /** Section 7's per-body one-third check; null under methodology 1, which does not define it. */
        IndicatorValue bodiesOverOneThird() {
            if (bodiesOverOneThird == null && version.number() >= 2) {
                IndicatorsView view = indicators.indicators(slug, FigureQuery.current(version).withNames(List.of(BODIES_OVER_ONE_THIRD)));
                bodiesOverOneThird = view.indicators().get(0);
                dataVersion = view.dataVersion();
            }
            return bodiesOverOneThird;
        }
    }

    static final String BODIES_OVER_ONE_THIRD = "bodies_over_one_third";

    /** A change to report. */
    private record Alert(String eventType, Map<String, Object> detail) {
    }

    @Transactional
    void evaluate(long watchId, long projectId) {
        Watch w = Watch.findById(watchId);
        if (w == null || w.deletedAt != null || !w.active) {
            return;
        }
        em.createNativeQuery("insert into watch_state (watch_id, project_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, watchId).setParameter(2, projectId).executeUpdate();
        String stored = (String) em.createNativeQuery(
                        "select cast(state as text) from watch_state where watch_id = ?1 and project_id = ?2 for update")
                .setParameter(1, watchId).setParameter(2, projectId).getSingleResult();
        Map<String, Map<String, Object>> previous = read(stored);
        Observation now = new Observation(projectId, w.methodologyVersion);
        double minCoverage = methodology.all().get(w.methodologyVersion).minCoverage();
        List<WatchCondition> conditions = watches.conditions(w);
        Map<String, Map<String, Object>> next = new LinkedHashMap<>();
        try {
            for (int i = 0; i < conditions.size(); i++) {
                WatchCondition c = conditions.get(i);
                Map<String, Object> before = previous == null ? null : previous.get(String.valueOf(i));
                // A state seen under another methodology version (or before states named theirs) is no basis for an alert.
                boolean baseline = before == null || !Objects.equals(before.get("condition"), conditionMap(c))
                        || !Objects.equals(before.get("methodologyVersion"), w.methodologyVersion);
                if (c.isEvent()) {
                    for (Alert a : newFacts(w, i, c, now, baseline)) {
                        send(w, now, c, a.eventType(), null, null, a.detail());
                    }
                    next.put(String.valueOf(i), entry(c, Map.of(), w.methodologyVersion));
                    continue;
                }
                Map<String, Object> current = observe(c, now, minCoverage);
                next.put(String.valueOf(i), entry(c, current, w.methodologyVersion));
                // The one-third check also alerts when another organisation or body crosses while the status stays "above".
                boolean changed = !baseline && (!Objects.equals(before.get("status"), current.get("status"))
                        || c.type().equals("body-seats-one-third") && !Objects.equals(before.get("over"), current.get("over")));
                if (changed) {
                    send(w, now, c, eventType(c), observed(before), current, null);
                }
            }
        } catch (ApiProblem e) {
            if (e.status() == 404) {
                return; // the project was closed: nothing to watch any more
            }
            throw e;
        }
        em.createNativeQuery("""
                        update watch_state set state = cast(?1 as jsonb), data_version = ?2, evaluated_at = now()
                        where watch_id = ?3 and project_id = ?4""")
                .setParameter(1, write(next)).setParameter(2, now.dataVersion == 0 ? null : now.dataVersion)
                .setParameter(3, watchId).setParameter(4, projectId).executeUpdate();
    }

    /** The figure a condition compares, and its status: the status changing is what alerts. */
    private Map<String, Object> observe(WatchCondition c, Observation now, double minCoverage) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (c.type()) {
            case "stage-change" -> {
                StageAssessment a = now.assessment();
                m.put("status", a.stage());
                m.put("stageConfidence", a.stageConfidence());
                m.put("captureRisk", a.captureRisk());
            }
            case "capture-risk-threshold" -> {
                Integer risk = now.assessment().captureRisk();
                m.put("status", risk == null ? GovernanceRule.UNKNOWN : risk >= c.threshold() ? "at-or-above" : "below");
                m.put("value", risk);
                m.put("threshold", c.threshold());
            }
            case "top-org-seat-share-above" -> {
                IndicatorValue v = now.values().get("top_org_seat_share");
                Double share = v == null ? null : v.number();
                boolean known = share != null && v.coverage() >= minCoverage;
                m.put("status", !known ? GovernanceRule.UNKNOWN : share > c.limit() ? "above" : "at-or-below");
                m.put("value", share);
                m.put("coverage", v == null ? null : v.coverage());
                m.put("n", v == null ? null : v.n());
                m.put("limit", c.limit());
            }
            case "body-seats-one-third" -> {
                IndicatorValue v = now.bodiesOverOneThird();
                List<Map<String, Object>> over = new java.util.ArrayList<>();
                if (v != null && v.detail() != null && v.detail().get("bodies") instanceof List<?> bodies) {
                    for (Object b : bodies) {
                        if (b instanceof Map<?, ?> body && Boolean.TRUE.equals(body.get("overOneThird"))) {
                            over.add(detail("body", body.get("body"), "organisation", body.get("largestOrganisation"),
                                    "share", body.get("largestShare")));
                        }
                    }
                }
                Double count = v == null ? null : v.number();
                boolean known = count != null && v.coverage() >= minCoverage;
                m.put("status", !known ? GovernanceRule.UNKNOWN : count > 0 ? "above" : "at-or-below");
                m.put("over", over);
                m.put("coverage", v == null ? null : v.coverage());
                m.put("n", v == null ? null : v.n());
                if (v == null) {
                    m.put("reason", "methodology " + now.version.number() + " has no per-body seat check (version 2 section 7)");
                }
            }
            case "rule" -> {
                GovernanceRule rule = GovernanceRule.of(c.rule());
                m.putAll(rule.check(now.values().get(rule.indicator()), minCoverage).asMap());
                m.put("rule", rule.id());
                m.put("description", rule.description());
            }
            case "walkaway-resilience-change" -> {
                Object v = now.assessment().walkaway().get("walkaway_resilience");
                IndicatorValue w = v instanceof IndicatorValue x ? x : null;
                m.put("status", w == null || w.value() == null ? GovernanceRule.UNKNOWN : String.valueOf(w.value()));
                m.put("coverage", w == null ? null : w.coverage());
                m.put("detail", w == null ? null : w.detail());
            }
            default -> throw new IllegalStateException("Not a figure condition: " + c.type());
        }
        return m;
    }

    /** Facts of an event condition recorded since the watch last looked (all of them count as seen at baseline). */
    private List<Alert> newFacts(Watch w, int index, WatchCondition c, Observation now, boolean baseline) {
        Map<Long, Alert> current = new LinkedHashMap<>();
        switch (c.type()) {
            case "license-change" -> licenseChanges.changes(now.projectId, null, null, null, null).stream()
                    .filter(ch -> !ch.fromExpression().equalsIgnoreCase(ch.toExpression()))
                    .forEach(ch -> current.put(ch.periodId(), new Alert("license-changed", Map.of("change", ch))));
            case "funding-event" -> FundingEvent.<FundingEvent>list("recipientProjectId = ?1 and supersededAt is null order by id",
                    now.projectId).forEach(f -> {
                FundingEvents.View v = fundingEvents.view(f);
                // An amount that is unknown (undisclosed, or no rate) is reported too: unknown is not "below".
                if (v.amountUsd() == null || v.amountUsd().compareTo(c.minUsd()) >= 0) {
                    current.put(f.id, new Alert("funding-event-recorded", detail("fundingEvent", v,
                            "amountKnown", v.amountUsd() != null, "minUsd", c.minUsd())));
                }
            });
            case "governance-event" -> GovernanceEvent.<GovernanceEvent>list("projectId = ?1 and supersededAt is null order by id",
                    now.projectId).stream().filter(e -> c.kinds() == null || c.kinds().contains(e.kind))
                    .forEach(e -> current.put(e.id, new Alert("governance-event-recorded",
                            Map.of("governanceEvent", governanceEvents.view(e)))));
            default -> throw new IllegalStateException("Not an event condition: " + c.type());
        }
        if (baseline) {
            em.createNativeQuery("delete from watch_seen_fact where watch_id = ?1 and project_id = ?2 and condition = ?3")
                    .setParameter(1, w.id).setParameter(2, now.projectId).setParameter(3, index).executeUpdate();
        }
        @SuppressWarnings("unchecked")
        Set<Long> seen = new HashSet<>(((List<Number>) em.createNativeQuery(
                        "select fact_id from watch_seen_fact where watch_id = ?1 and project_id = ?2 and condition = ?3")
                .setParameter(1, w.id).setParameter(2, now.projectId).setParameter(3, index).getResultList())
                .stream().map(Number::longValue).toList());
        List<Alert> fresh = new java.util.ArrayList<>();
        for (Map.Entry<Long, Alert> e : current.entrySet()) {
            if (seen.contains(e.getKey())) {
                continue;
            }
            em.createNativeQuery("insert into watch_seen_fact (watch_id, project_id, condition, fact_id) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, w.id).setParameter(2, now.projectId).setParameter(3, index).setParameter(4, e.getKey())
                    .executeUpdate();
            if (!baseline) {
                fresh.add(e.getValue());
            }
        }
        return fresh;
    }

    private void send(Watch w, Observation now, WatchCondition c, String eventType, Map<String, Object> before,
                      Map<String, Object> after, Map<String, Object> facts) {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId.toString());
        payload.put("type", eventType);
        payload.put("createdAt", Instants.now().toString());
        payload.put("watch", Map.of("id", w.id, "name", w.name));
        payload.put("project", now.slug);
        payload.put("condition", conditionMap(c));
        if (facts == null) {
            payload.put("previous", before);
            payload.put("current", after);
        } else {
            payload.putAll(facts);
        }
        payload.put("methodologyVersion", w.methodologyVersion);
        payload.put("links", Map.of("project", "/api/v1/projects/" + now.slug,
                "assessment", "/api/v1/projects/" + now.slug + "/assessment",
                "deliveries", "/api/v1/watches/" + w.id + "/deliveries"));
        outbox.enqueue(w.id, now.projectId, eventType, payload, eventId);
    }

    private static String eventType(WatchCondition c) {
        return switch (c.type()) {
            case "stage-change" -> "stage-changed";
            case "capture-risk-threshold" -> "capture-risk-crossed";
            case "top-org-seat-share-above" -> "top-org-seat-share-crossed";
            case "walkaway-resilience-change" -> "walkaway-resilience-changed";
            case "body-seats-one-third" -> "body-seats-one-third-crossed";
            default -> "rule-status-changed";
        };
    }

    private Map<String, Object> entry(WatchCondition c, Map<String, Object> observed, int methodologyVersion) {
        Map<String, Object> m = new LinkedHashMap<>(observed);
        m.put("condition", conditionMap(c));
        m.put("methodologyVersion", methodologyVersion);
        return m;
    }

    private static Map<String, Object> observed(Map<String, Object> entry) {
        Map<String, Object> m = new LinkedHashMap<>(entry);
        m.remove("condition");
        m.remove("methodologyVersion");
        return m;
    }

    /** The condition as JSON reads it back (numbers as stored), so that it compares equal to the stored copy. */
    private Map<String, Object> conditionMap(WatchCondition c) {
        try {
            return json.readValue(json.writeValueAsString(c), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a watch condition", e);
        }
    }

    private static Map<String, Object> detail(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private Map<String, Map<String, Object>> read(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, new TypeReference<Map<String, Map<String, Object>>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored watch state is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a watch state", e);
        }
    }
}

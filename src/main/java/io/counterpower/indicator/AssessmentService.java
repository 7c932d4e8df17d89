package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.StageAssessment.Condition;
import static io.counterpower.indicator.StageAssessment.Evidence;
import static io.counterpower.indicator.StageAssessment.Gate;
import static io.counterpower.indicator.StageAssessment.Missing;
import static io.counterpower.indicator.StageAssessment.Requirement;
import static io.counterpower.indicator.StageAssessment.Signal;

/**
 * Turns the indicators into the stage assessment of METHODOLOGY.md section 4: signals, stage scores,
 * gates, the stage and its confidence, capture_risk and its 12-month trend; and the counter-power
 * profile of section 7. Every threshold and weight is read from the methodology file.
 */
@ApplicationScoped
public class AssessmentService {
    static final List<String> STAGES = List.of("emergence", "adoption", "contribution", "direction", "capture");
    static final String UNDETERMINED = "undetermined";
    static final String HOLDS = "holds", FAILS = "fails", UNKNOWN = "unknown", HELD_BY_ORIGIN = "held_by_origin";

    @Inject
    IndicatorService indicators;
    @Inject
    ProjectService projects;
    @Inject
    IndicatorCache cache;
    @Inject
    EntityManager em;
    @Inject
    CounterPowerProfile profile;

    /** The assessment of {@code query} (its kinds and names aside: an assessment counts commits and reads every indicator). */
    public StageAssessment assess(String slug, FigureQuery query) {
        IndicatorService.Request r = indicators.request(slug, FigureQuery.of(query.at(), query.window(), query.asOf(), query.methodology()));
        long dataVersion = r.dataVersion();
        // Keyed by the current version (a pinned answer's reported version can only change when it moves).
        return cache.get(List.of("assessment", r.projectId(), dataVersion, r.methodology().number(), r.at(), r.window(),
                String.valueOf(r.asOf())), () -> compute(slug, r.scope(), dataVersion, r.reportedVersion()));
    }

    /**
     * The indicators at {@code at} and, when the trend can be computed, 12 months earlier: one
     * two-date evaluation of each statement rather than two single-date ones.
     */
    private List<Map<String, IndicatorValue>> values(FigureScope scope, LocalDate earlier, long dataVersion) {
        List<LocalDate> days = earlier == null ? List.of(scope.at()) : List.of(earlier, scope.at());
        return indicators.compute(scope, days, assessedNames(scope.methodology()), dataVersion);
    }

    /** The indicators an assessment reads: every implemented one and the input of the version's capture gate. */
    private List<String> assessedNames(Methodology.Version m) {
        List<String> all = new ArrayList<>(indicators.implemented(m));
        all.add(m.number() >= 2 ? "company_restrictive_license_in_force" : "company_restrictive_relicenses_24m");
        return all;
    }

    StageAssessment compute(String slug, FigureScope scope, long dataVersion, Long reportedVersion) {
        Methodology.Version m = scope.methodology();
        LocalDate earlier = scope.at().minusMonths(12).isAfter(Window.BEGINNING) ? scope.at().minusMonths(12) : null;
        List<Map<String, IndicatorValue>> both = values(scope, earlier, dataVersion);
        Map<String, IndicatorValue> v = both.get(both.size() - 1);
        String origin = origin(scope);
        List<Signal> signals = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        Map<String, Double> scores = scores(m, v, origin, signals, missing);

        Map<String, Gate> gates = gates(m, v, origin);
        Verdict verdict = verdict(m, gates, v, origin);
        Integer risk = captureRisk(m, scores, signals);
        Integer trend = null;
        if (risk != null && earlier != null) {
            List<Signal> earlierSignals = new ArrayList<>();
            Map<String, Double> earlierScores = scores(m, both.get(0), origin, earlierSignals, new ArrayList<>());
            Integer before = captureRisk(m, earlierScores, earlierSignals);
            trend = before == null ? null : risk - before;
        }
        Map<String, Object> walkaway = new LinkedHashMap<>();
        for (String name : List.of("walkaway_share", "walkaway_maintainers", "walkaway_mergers", "forkable", "walkaway_resilience",
                "derivative_orgs")) {
            if (v.containsKey(name)) {
                walkaway.put(name, v.get(name));
            }
        }
        boolean v2 = m.number() >= 2;
        return new StageAssessment(slug, scope.at(), scope.window().name(), scope.asOf(), m.number(), reportedVersion, origin,
                verdict.stage(), verdict.unknownBefore(), verdict.confidence(), scores, gates, signals, missing, risk, trend, walkaway,
                profile.of(m, v, scope, risk, trend), v2 ? evidenceWithSources(slug, scope, v) : evidence(slug, scope, v),
                v2 ? verdict.basis() : null, v2 ? evidenceCounts(m, signals) : null,
                v2 && risk == null ? "insufficient evidence" : null,
                v2 ? pick(v, StageAssessment.FORKS) : null, v2 ? pick(v, StageAssessment.COMPOST) : null,
                v2 ? pick(v, StageAssessment.GOVERNANCE_BODIES) : null);
    }

    /** The named indicators, in order, each as its full value (coverage, n, methodology version, detail and sources). */
    private static Map<String, Object> pick(Map<String, IndicatorValue> v, List<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            if (v.containsKey(name)) {
                out.put(name, v.get(name));
            }
        }
        return out;
    }

    /** The stage, its basis (v2), the undecided gates before it and the stage confidence. */
    record Verdict(String stage, String basis, List<String> unknownBefore, double confidence) {
    }

    /**
     * Version 1: the furthest stage whose gate holds or is held by origin, emergence when none; the
     * confidence is the share of the gates considered that are not unknown. Version 2 (section 4,
     * "The stage" and "Evidence and confidence"): emergence only when shown, undetermined otherwise;
     * held_by_origin is undecided.
     */
    static Verdict verdict(Methodology.Version m, Map<String, Gate> gates, Map<String, IndicatorValue> v, String origin) {
        if (m.number() < 2) {
            String stage = stageOf(gates);
            int upTo = STAGES.indexOf(stage);
            List<String> considered = upTo == 0 ? STAGES.subList(1, STAGES.size()) : STAGES.subList(1, upTo + 1);
            List<String> unknownBefore = new ArrayList<>();
            long decided = 0;
            for (String s : considered) {
                if (gates.get(s).status().equals(UNKNOWN)) {
                    if (upTo > 0) {
                        unknownBefore.add(s);
                    }
                } else {
                    decided++;
                }
            }
            return new Verdict(stage, null, unknownBefore, Values.round((double) decided / considered.size()));
        }
        JsonNode rule = m.assessment().path("stage");
        int furthest = 0;
        for (int i = 1; i < STAGES.size(); i++) {
            if (gates.get(STAGES.get(i)).status().equals(HOLDS)) {
                furthest = i;
            }
        }
        int contribution = STAGES.indexOf("contribution");
        String stage, basis;
        if (corporateOrigin(m, origin) && furthest <= contribution) {
            stage = "contribution";
            basis = gates.get("contribution").status().equals(HOLDS) ? "data" : "origin";
        } else if (furthest > 0) {
            stage = STAGES.get(furthest);
            basis = "data";
        } else {
            IndicatorValue corporate = v.get("corporate_share");
            boolean shown = contains(rule.path("emergenceOrigins"), String.valueOf(origin)) && corporate != null
                    && corporate.number() != null && corporate.coverage() >= m.minCoverage()
                    && corporate.number() < rule.path("emergenceThreshold").asDouble(0.25);
            stage = shown ? "emergence" : UNDETERMINED;
            basis = shown ? "data" : null;
        }
        List<String> considered = stage.equals(UNDETERMINED) || stage.equals("emergence") ? STAGES.subList(1, STAGES.size())
                : STAGES.subList(1, STAGES.indexOf(stage) + 1);
        List<String> undecided = new ArrayList<>();
        long decided = 0;
        for (String s : considered) {
            String status = gates.get(s).status();
            if (status.equals(HOLDS) || status.equals(FAILS)) {
                decided++;
            } else {
                undecided.add(s);
            }
        }
        double confidence = stage.equals(UNDETERMINED) ? 0.0 : Values.round((double) decided / considered.size());
        return new Verdict(stage, basis, stage.equals("emergence") ? List.of() : undecided, confidence);
    }

    private static boolean corporateOrigin(Methodology.Version m, String origin) {
        return origin != null && contains(m.assessment().path("heldByOrigin").path("origins"), origin);
    }

    /** The gates of stages 2 to 5 (section 4), each with the comparisons that decided it. */
    private static Map<String, Gate> gates(Methodology.Version m, Map<String, IndicatorValue> v, String origin) {
        Map<String, Gate> gates = new LinkedHashMap<>();
        JsonNode gateDefs = m.assessment().path("gates");
        boolean corporateOrigin = corporateOrigin(m, origin);
        for (String stage : STAGES.subList(1, STAGES.size())) {
            List<Condition> conditions = new ArrayList<>();
            String status = evaluate(gateDefs.path(stage), v, m.minCoverage(), conditions);
            // v1: origin holds the gate whatever the data say; v2: only where the data cannot decide it.
            if (corporateOrigin && contains(m.assessment().path("heldByOrigin").path("gates"), stage)
                    && (m.number() < 2 || status.equals(UNKNOWN))) {
                status = HELD_BY_ORIGIN;
            }
            gates.put(stage, new Gate(status, conditions));
        }
        return gates;
    }

    /** Version 1: the furthest stage whose gate holds (or is held by origin); emergence when none does. */
    private static String stageOf(Map<String, Gate> gates) {
        String stage = STAGES.get(0);
        for (String s : STAGES.subList(1, STAGES.size())) {
            String g = gates.get(s).status();
            if (g.equals(HOLDS) || g.equals(HELD_BY_ORIGIN)) {
                stage = s;
            }
        }
        return stage;
    }

    /** The family (section 4) of an indicator, from the methodology file's families; null when none names it. */
    static String family(Methodology.Version m, String indicator) {
        var fields = m.assessment().path("families").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (contains(e.getValue(), indicator)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Distinct signals present and defined, per family (section 4, "Evidence and confidence"). */
    static Map<String, StageAssessment.FamilyEvidence> evidenceCounts(Methodology.Version m, List<Signal> present) {
        Map<String, java.util.Set<String>> defined = new LinkedHashMap<>(), shown = new LinkedHashMap<>();
        m.assessment().path("families").fieldNames().forEachRemaining(f -> {
            defined.put(f, new java.util.TreeSet<>());
            shown.put(f, new java.util.TreeSet<>());
        });
        for (String stage : STAGES) {
            for (JsonNode def : m.assessment().path("signals").path(stage)) {
                String f = family(m, def.path("indicator").asText());
                if (f != null) {
                    defined.get(f).add(def.path("id").asText());
                }
            }
        }
        for (Signal s : present) {
            String f = family(m, s.indicator());
            if (f != null) {
                shown.get(f).add(s.id());
            }
        }
        Map<String, StageAssessment.FamilyEvidence> out = new LinkedHashMap<>();
        defined.forEach((f, ids) -> out.put(f, new StageAssessment.FamilyEvidence(shown.get(f).size(), ids.size())));
        return out;
    }

    /** The stage and capture risk of a project at one date of a series. */
    public record StagePoint(LocalDate at, String stage, Integer captureRisk) {
    }

    /**
     * The stage and capture_risk at each date of {@code series}, assessed as {@code GET /assessment?at=} would
     * with the series' window, recorded state, methodology and data version (default contribution kinds,
     * as the assessment has); one batched computation for all the dates. {@code query} is the series' request.
     */
    public List<StagePoint> stages(IndicatorSeriesView series, SeriesQuery query) {
        long projectId = projects.requireId(series.project());
        Methodology.Version m = query.methodology();
        FigureScope scope = new FigureScope(projectId, series.to(), query.window(), series.asRecordedOn(), FigureQuery.DEFAULT_KINDS, m);
        String origin = origin(scope);
        List<Map<String, IndicatorValue>> values = indicators.compute(scope, series.points(), assessedNames(m), series.dataVersion());
        List<StagePoint> out = new ArrayList<>();
        for (int i = 0; i < series.points().size(); i++) {
            Map<String, IndicatorValue> v = values.get(i);
            List<Signal> signals = new ArrayList<>();
            Map<String, Double> scores = scores(m, v, origin, signals, new ArrayList<>());
            out.add(new StagePoint(series.points().get(i), verdict(m, gates(m, v, origin), v, origin).stage(),
                    captureRisk(m, scores, signals)));
        }
        return out;
    }

    private String origin(FigureScope scope) {
        List<SqlRow> rows = IndicatorStatements.assessmentRows(em, scope, "assessment-origin");
        return rows.isEmpty() ? null : rows.get(0).text("origin");
    }

    /** The signals of each stage (clipped to [0, 1]) and the stage scores, the mean of the present signals. */
    private Map<String, Double> scores(Methodology.Version m, Map<String, IndicatorValue> v, String origin,
                                       List<Signal> signals, List<Missing> missing) {
        JsonNode scales = m.assessment().path("scales");
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String stage : STAGES) {
            double sum = 0;
            int count = 0;
            for (JsonNode def : m.assessment().path("signals").path(stage)) {
                String id = def.path("id").asText(), indicator = def.path("indicator").asText();
                Double value;
                if (indicator.equals("origin")) {
                    value = origin == null ? null : origin.equals("community") || origin.equals("academic") ? 1.0 : 0.0;
                    if (value == null) {
                        missing.add(new Missing(stage, id, indicator, "no origin recorded", null));
                        continue;
                    }
                } else {
                    IndicatorValue iv = v.get(indicator);
                    if (iv == null || iv.value() == null) {
                        String reason = iv != null && iv.flags().contains(ContributionIndicators.NOT_COLLECTED) ? "not collected" : "no value";
                        missing.add(new Missing(stage, id, indicator, reason, iv == null ? null : iv.coverage()));
                        continue;
                    }
                    if (iv.coverage() < m.minCoverage()) {
                        missing.add(new Missing(stage, id, indicator, "coverage below min_coverage", iv.coverage()));
                        continue;
                    }
                    value = transform(id, iv, scales);
                }
                double clipped = Math.max(0, Math.min(1, value));
                signals.add(new Signal(stage, id, indicator, Values.round(clipped)));
                sum += clipped;
                count++;
            }
            scores.put(stage, count == 0 ? null : Values.round(sum / count));
        }
        return scores;
    }

    /** The expressions of the methodology file's signals, by signal id. */
    private static double transform(String id, IndicatorValue iv, JsonNode scales) {
        Object x = iv.value();
        return switch (id) {
            case "non_corporate_share", "low_concentration" -> 1 - iv.number();
            case "corporate_adopters" -> iv.number() / scales.path("corporate_adopters").asDouble();
            case "derivatives" -> iv.number() / scales.path("derivatives").asDouble();
            case "corporate_contribution" -> iv.number() > 0 ? 1 : 0;
            case "org_count" -> iv.number() / scales.path("org_count").asDouble();
            case "hired_contributors" -> iv.number() / scales.path("hired_contributors").asDouble();
            case "license_restrictiveness" -> iv.number() / scales.path("license_levels").asDouble();
            case "license_capture" -> iv.number();
            case "cla_relicensing" -> Boolean.TRUE.equals(x) ? 1 : 0;
            case "company_trademark" -> "company".equals(x) ? 1 : 0;
            default -> iv.number();
        };
    }

    /** Evaluates a gate node: a comparison, or "any" / "all" of nodes (section 4). */
    static String evaluate(JsonNode node, Map<String, IndicatorValue> v, double minCoverage, List<Condition> out) {
        if (node.has("any") || node.has("all")) {
            boolean any = node.has("any");
            boolean holds = false, fails = false, unknown = false;
            for (JsonNode part : node.path(any ? "any" : "all")) {
                String s = evaluate(part, v, minCoverage, out);
                holds |= s.equals(HOLDS);
                fails |= s.equals(FAILS);
                unknown |= s.equals(UNKNOWN);
            }
            if (any) {
                return holds ? HOLDS : unknown ? UNKNOWN : FAILS;
            }
            return fails ? FAILS : unknown ? UNKNOWN : HOLDS;
        }
        String name = node.path("indicator").asText();
        String op = node.path("op").asText();
        double threshold = node.path("value").asDouble();
        IndicatorValue iv = v.get(name);
        if (iv == null || iv.number() == null || iv.coverage() < minCoverage) {
            out.add(new Condition(name, op, threshold, iv == null ? null : iv.value(), iv == null ? null : iv.coverage(), UNKNOWN,
                    iv == null ? List.of() : iv.flags()));
            return UNKNOWN;
        }
        double x = iv.number();
        boolean ok = switch (op) {
            case ">=" -> x >= threshold;
            case ">" -> x > threshold;
            case "<=" -> x <= threshold;
            case "<" -> x < threshold;
            default -> throw new IllegalStateException("Unknown operator " + op + " in the methodology file");
        };
        String status = ok ? HOLDS : FAILS;
        out.add(new Condition(name, op, threshold, iv.value(), iv.coverage(), status, iv.flags()));
        return status;
    }

    /**
     * round(100 * weighted mean of the contribution, direction and capture scores), weights renormalised.
     * Version 2 (section 4, "Capture risk"): null unless the present signals of those three scores come from
     * at least min_families families and at least min_evidence of the distinct direction and capture signals
     * are present.
     */
    static Integer captureRisk(Methodology.Version m, Map<String, Double> scores, List<Signal> present) {
        if (scores.get("direction") == null && scores.get("capture") == null) {
            return null;
        }
        if (m.number() >= 2 && !enoughEvidence(m, present)) {
            return null;
        }
        double sum = 0, weights = 0;
        var fields = m.assessment().path("capture_risk").path("weights").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            Double s = scores.get(e.getKey());
            if (s != null) {
                sum += e.getValue().asDouble() * s;
                weights += e.getValue().asDouble();
            }
        }
        return BigDecimal.valueOf(100 * sum / weights).setScale(0, RoundingMode.HALF_UP).intValue();
    }

    static boolean enoughEvidence(Methodology.Version m, List<Signal> present) {
        java.util.Set<String> families = new java.util.TreeSet<>(), shown = new java.util.TreeSet<>(), defined = new java.util.TreeSet<>();
        for (Signal s : present) {
            if (List.of("contribution", "direction", "capture").contains(s.stage())) {
                String f = family(m, s.indicator());
                if (f != null) {
                    families.add(f);
                }
            }
            if (List.of("direction", "capture").contains(s.stage())) {
                shown.add(s.id());
            }
        }
        for (String stage : List.of("direction", "capture")) {
            m.assessment().path("signals").path(stage).forEach(d -> defined.add(d.path("id").asText()));
        }
        return families.size() >= m.assessment().path("min_families").asInt(2)
                && (double) shown.size() / defined.size() >= m.assessment().path("min_evidence").asDouble(0.3);
    }

    private List<Evidence> evidence(String slug, FigureScope scope, Map<String, IndicatorValue> v) {
        List<Evidence> out = new ArrayList<>();
        String query = "?at=" + scope.at() + "&window=" + scope.window().name();
        IndicatorValue top = v.get("top_org");
        if (top != null && top.value() != null) {
            out.add(new Evidence("top_org_share", "Known contributions by the top organisation in the window",
                    "/api/v1/projects/" + slug + "/indicators" + query + "&names=top_org,top_org_share",
                    top.detail().get("contributions")));
            out.add(new Evidence("top_org_share", "The top organisation and its affiliated contributors",
                    "/api/v1/contributors?organisation=" + top.value(), top.value()));
        }
        IndicatorValue seats = v.get("seats_total");
        if (seats != null && seats.value() != null) {
            out.add(new Evidence("top_org_seat_share", "Governance seats active at the date",
                    "/api/v1/governance-seats?project=" + slug, seats.value()));
        }
        IndicatorValue funding = v.get("funding_total_usd");
        if (funding != null && funding.detail() != null) {
            for (Object id : (List<?>) funding.detail().get("events")) {
                out.add(new Evidence("top_funder_share", "A funding event in the window", "/api/v1/funding-events/" + id, id));
            }
        }
        IndicatorValue relicense = v.get("company_restrictive_relicenses_24m");
        if (relicense != null && relicense.detail() != null) {
            for (Object id : (List<?>) relicense.detail().get("periods")) {
                out.add(new Evidence("license_restrictiveness", "A license change that raised the level in the last 24 months",
                        "/api/v1/license-periods/" + id, id));
            }
            if (!((List<?>) relicense.detail().get("periods")).isEmpty()) {
                out.add(new Evidence("license_restrictiveness", "The project's license changes", "/api/v1/license-changes?project=" + slug, null));
            }
        }
        return out;
    }

    /**
     * Version 2 (section 4, "Where it is shown"): the facts behind each signal with the URLs where a person
     * can check them: the repositories the contribution figures were read from, the license periods in force,
     * the CLA and trademark events, the funding events of the window, and the records of version 1.
     */
    private List<Evidence> evidenceWithSources(String slug, FigureScope scope, Map<String, IndicatorValue> v) {
        List<Evidence> out = new ArrayList<>(evidence(slug, scope, v));
        out.removeIf(e -> e.signal().equals("license_restrictiveness"));
        String visible = " and " + Sql.visible("x");
        for (Object row : query("""
                select x.id, x.url, (select cast(c.collected_through as text) from repository_collected_through c
                    where c.project_id = x.project_id and c.repository_url = x.url and c.recorded_at <= :asof
                    order by c.recorded_at desc, c.id desc limit 1)
                from project_repository x where x.project_id = :project""" + visible + " order by x.url", scope)) {
            Object[] r = (Object[]) row;
            // How far its collection reaches (section 3, "Collected through"): figures past it are not collected.
            out.add(new Evidence("corporate_share", "A repository the contribution figures are read from ("
                    + (r[2] == null ? "never collected" : "collected through " + r[2]) + ")", "/api/v1/projects/" + slug
                    + "/repositories", r[1], (String) r[1]));
        }
        // The periods of the current artifacts (V035, methodology 2 section 2), as recorded at asRecordedOn.
        for (Object row : query("""
                select x.id, x.expression, x.valid_from, x.source_url
                from license_current_artifacts(cast(:project as bigint), cast(:asof as timestamptz), cast(:day as date)) x
                order by x.artifact, x.artifact_name""", scope)) {
            Object[] r = (Object[]) row;
            out.add(new Evidence("license_capture", "The license period in force since " + r[2] + ": " + r[1],
                    "/api/v1/license-periods/" + r[0], r[1], (String) r[3]));
        }
        IndicatorValue inForce = v.get("restrictive_license_in_force");
        if (inForce != null && Boolean.TRUE.equals(inForce.value())) {
            Object period = inForce.detail().get("period");
            for (Object row : query("select x.source_url from license_period x where x.id = " + ((Number) period).longValue() + visible, scope)) {
                out.add(new Evidence("license_capture", "The relicense that keeps a restrictive license in force (" + inForce.detail().get("from") + ")",
                        "/api/v1/license-periods/" + period, period, (String) row));
            }
        }
        for (Object row : query("""
                select x.id, x.kind, x.event_date, x.source_url from governance_event x
                where x.project_id = :project and x.kind in ('cla-introduced', 'cla-relicensing', 'trademark') and x.event_date <= :day"""
                + visible + " order by x.event_date, x.id", scope)) {
            Object[] r = (Object[]) row;
            out.add(new Evidence(r[1].equals("trademark") ? "company_trademark" : "cla_relicensing", "A " + r[1] + " event on " + r[2],
                    "/api/v1/governance-events/" + r[0], r[0], (String) r[3]));
        }
        out.replaceAll(e -> {
            if (!e.signal().equals("top_funder_share") || e.sourceUrl() != null) {
                return e;
            }
            List<?> url = query("select x.source_url from funding_event x where x.id = " + ((Number) e.value()).longValue() + visible, scope);
            return new Evidence(e.signal(), e.description(), e.href(), e.value(), url.isEmpty() ? null : (String) url.get(0));
        });
        return out;
    }

    private List<?> query(String sql, FigureScope scope) {
        var q = em.createNativeQuery(sql).setParameter("asof", scope.recordedOn());
        if (sql.contains(":project")) {
            q.setParameter("project", scope.projectId());
        }
        if (sql.contains(":day")) {
            q.setParameter("day", scope.at());
        }
        return q.getResultList();
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Double num(Map<String, IndicatorValue> v, String name) {
        IndicatorValue iv = v.get(name);
        return iv == null ? null : iv.number();
    }

}

package io.counterpower.query;

import io.counterpower.indicator.AssessmentService;
import io.counterpower.indicator.FigureQuery;
import io.counterpower.indicator.IndicatorService;
import io.counterpower.indicator.IndicatorValue;
import io.counterpower.indicator.IndicatorsView;
import io.counterpower.indicator.Methodology;
import io.counterpower.indicator.StageAssessment;
import io.counterpower.indicator.Window;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes ranking rows: a project's assessment and indicators, through the indicator services (and their cache). */
@ApplicationScoped
class RiskRows {
    /** The stages whose scores make capture_risk (section 4): its coverage counts their signals. */
    private static final Set<String> RISK_STAGES = Set.of("contribution", "direction", "capture");
    /** Indicator units that are not numbers, so that a ranking cannot be ordered by them. */
    private static final Set<String> NOT_NUMERIC = Set.of("organisation key", "organisation type", "share interval", "boolean",
            "met | unmet | unknown");

    /** A project as the ranking lists it, as recorded on the instant asked for. */
    record ProjectRef(long id, String slug, String name, String kind, String origin, String steward) {
    }

    /** A computed row, with every numeric indicator of the project (what {@code sort} may order by). */
    record Computed(long projectId, long dataVersion, RiskRow row, Map<String, Figure> figures) {
    }

    @Inject
    EntityManager em;
    @Inject
    AssessmentService assessments;
    @Inject
    IndicatorService indicators;

    /** Every project recorded on {@code asOf} (null: now) with its steward on {@code day}. */
    List<ProjectRef> projects(LocalDate day, Instant asOf) {
        var query = em.createNativeQuery("select p.id, p.slug, v.name, v.kind, v.origin,"
                        + " (select o.key from project_steward s join organisation o on o.id = s.organisation_id"
                        + " where s.project_id = p.id and " + visible("s", asOf)
                        + " and (s.valid_from is null or s.valid_from <= :day) and (s.valid_to is null or s.valid_to >= :day)"
                        + " order by s.valid_from desc nulls last limit 1)"
                        + " from project p join project_version v on v.id = p.id and " + visible("v", asOf)
                        + " order by p.slug")
                .setParameter("day", day);
        if (asOf != null) {
            query.setParameter("asof", asOf);
        }
        return query.getResultList().stream().map(r -> {
            Object[] row = (Object[]) r;
            return new ProjectRef(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4], (String) row[5]);
        }).toList();
    }

    private static String visible(String alias, Instant asOf) {
        return asOf == null ? alias + ".superseded_at is null"
                : "visible_at(" + alias + ".recorded_at, " + alias + ".superseded_at, :asof)";
    }

    Computed compute(ProjectRef p, LocalDate day, Instant asOf, Window window, Methodology.Version m) {
        FigureQuery query = FigureQuery.of(day, window, asOf, m);
        StageAssessment a = assessments.assess(p.slug(), query);
        IndicatorsView v = indicators.indicators(p.slug(), query);
        Map<String, IndicatorValue> byName = new LinkedHashMap<>();
        v.indicators().forEach(i -> byName.put(i.name(), i));

        long present = a.signals().stream().filter(s -> RISK_STAGES.contains(s.stage())).count();
        long missing = a.missing().stream().filter(s -> RISK_STAGES.contains(s.stage())).count();
        Figure risk = new Figure(a.captureRisk(), present + missing == 0 ? 0 : round((double) present / (present + missing)), present);
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.put("capture_risk", risk);
        for (IndicatorValue i : v.indicators()) {
            if (numeric(m, i.name())) {
                figures.put(i.name(), new Figure(i.value() instanceof Number ? i.value() : null, i.coverage(), i.n()));
            }
        }
        IndicatorValue topOrg = byName.get("top_org"), topShare = byName.get("top_org_share"), hosted = byName.get("foundation_hosted");
        IndicatorValue coverage = byName.get("affiliation_coverage");
        RiskRow.TopOrganisation top = topShare == null ? null : new RiskRow.TopOrganisation(
                topOrg == null || topOrg.value() == null ? null : String.valueOf(topOrg.value()), topShare.number(),
                topShare.coverage(), topShare.n());
        RiskRow row = new RiskRow(0, p.slug(), p.name(), p.kind(), p.origin(), p.steward(),
                hosted == null || !(hosted.value() instanceof Boolean b) ? null : b, a.stage(), a.unknownGatesBefore(),
                a.stageConfidence(), risk, a.trend(), top,
                coverage == null ? null : new Figure(coverage.value(), coverage.coverage(), coverage.n()),
                null, m.number(), a.dataVersion(), evidence(a), walkaway(m, byName));
        // The stored ranking reuses a row while this version stands (unpinned rows only; a pinned one is never stored).
        return new Computed(p.id(), a.dataVersion() == null ? -1 : a.dataVersion(), row, figures);
    }

    /**
     * The row's evidence: the assessment's per-family counts summed, as the badge reads them; null in
     * version 1, whose assessment counts no families (its answers keep the shape they had).
     */
    static RiskRow.Evidence evidence(StageAssessment a) {
        if (a.evidenceCounts() == null) {
            return null;
        }
        int present = 0, defined = 0;
        for (StageAssessment.FamilyEvidence f : a.evidenceCounts().values()) {
            present += f.present();
            defined += f.defined();
        }
        return new RiskRow.Evidence(present, defined, a.evidenceCounts());
    }

    /** The row's walk-away columns (version 2), from the indicators of the same request; null in version 1. */
    static RiskRow.Walkaway walkaway(Methodology.Version m, Map<String, IndicatorValue> byName) {
        IndicatorValue resilience = byName.get("walkaway_resilience");
        if (m.number() < 2 || resilience == null) {
            return null;
        }
        IndicatorValue share = byName.get("walkaway_share"), mergers = byName.get("walkaway_mergers"), forkable = byName.get("forkable");
        return new RiskRow.Walkaway(String.valueOf(resilience.value()), resilience.coverage(), figure(share), figure(mergers),
                forkable == null || !(forkable.value() instanceof Boolean b) ? null : b, forkable == null ? 0.0 : forkable.coverage());
    }

    private static Figure figure(IndicatorValue v) {
        return v == null ? null : new Figure(v.value() instanceof Number ? v.value() : null, v.coverage(), v.n());
    }

    /** Whether rankings may be ordered by this indicator: its unit is a number. */
    static boolean numeric(Methodology.Version m, String indicator) {
        for (var def : m.document().path("indicators")) {
            if (def.path("id").asText().equals(indicator)) {
                return !NOT_NUMERIC.contains(def.path("unit").asText());
            }
        }
        return false;
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000d) / 1_000_000d;
    }
}

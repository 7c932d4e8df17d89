package io.counterpower.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.Function;

/**
 * Per-project gauges on {@code /q/metrics}, read from the stored risk ranking (so scraping costs
 * nothing): {@code counterpower_project_capture_risk}, {@code counterpower_project_stage} (0
 * emergence .. 4 capture, with the stage's name as a tag), {@code counterpower_project_top_org_share}
 * (with the organisation as a tag), {@code counterpower_project_affiliation_coverage}, and the evidence
 * the stage and risk rest on: {@code counterpower_project_signals_present} of
 * {@code counterpower_project_signals_defined}. A project whose figure is unknown (an undetermined
 * stage included) has no sample rather than a 0.
 */
@ApplicationScoped
class ProjectGauges {
    static final List<String> STAGES = List.of("emergence", "adoption", "contribution", "direction", "capture");

    @Inject
    MeterRegistry registry;

    private MultiGauge risk, stage, topOrgShare, coverage, signalsPresent, signalsDefined;

    @PostConstruct
    void register() {
        risk = MultiGauge.builder("counterpower.project.capture.risk")
                .description("capture_risk (0..100) of the project in the stored risk ranking").register(registry);
        stage = MultiGauge.builder("counterpower.project.stage")
                .description("The project's stage: 0 emergence, 1 adoption, 2 contribution, 3 direction, 4 capture").register(registry);
        topOrgShare = MultiGauge.builder("counterpower.project.top.org.share")
                .description("Share of known contributions by the top organisation (0..1)").register(registry);
        signalsPresent = MultiGauge.builder("counterpower.project.signals.present")
                .description("Signals the project's stage and capture_risk rest on (present, coverage at least min_coverage)")
                .register(registry);
        signalsDefined = MultiGauge.builder("counterpower.project.signals.defined")
                .description("Signals the methodology defines for the stage and capture_risk (present or missing)").register(registry);
        coverage = MultiGauge.builder("counterpower.project.affiliation.coverage")
                .description("Share of contributions whose contributor's affiliation is known (0..1)").register(registry);
    }

    void show(RiskSnapshots.Snapshot snapshot) {
        List<RiskRow> rows = snapshot.rows().stream().map(RiskRows.Computed::row).toList();
        risk.register(gauge(rows, r -> Tags.of("project", r.project()), r -> r.captureRisk() == null ? null : r.captureRisk().number()), true);
        // An undetermined stage has no sample: it is not a stage on the 0..4 scale, and never -1.
        stage.register(gauge(rows, r -> Tags.of("project", r.project(), "stage", r.stage()),
                r -> r.stage() == null || !STAGES.contains(r.stage()) ? null : (double) STAGES.indexOf(r.stage())), true);
        signalsPresent.register(gauge(rows, r -> Tags.of("project", r.project()),
                r -> r.evidence() == null ? null : (double) r.evidence().present()), true);
        signalsDefined.register(gauge(rows, r -> Tags.of("project", r.project()),
                r -> r.evidence() == null ? null : (double) r.evidence().defined()), true);
        topOrgShare.register(gauge(rows, r -> Tags.of("project", r.project(), "organisation",
                        r.topOrg() == null || r.topOrg().organisation() == null ? "" : r.topOrg().organisation()),
                r -> r.topOrg() == null ? null : r.topOrg().share()), true);
        coverage.register(gauge(rows, r -> Tags.of("project", r.project()),
                r -> r.affiliationCoverage() == null ? null : r.affiliationCoverage().number()), true);
    }

    private static List<MultiGauge.Row<?>> gauge(List<RiskRow> rows, Function<RiskRow, Tags> tags, Function<RiskRow, Double> value) {
        return rows.stream().filter(r -> value.apply(r) != null)
                .<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(tags.apply(r), value.apply(r))).toList();
    }
}

package io.counterpower.license;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.Duplicates;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.PartialDate;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** License periods as a kind of fact; each carries the restrictiveness level its expression has. */
@ApplicationScoped
class LicensePeriods extends DescribedFactKind<LicensePeriod, LicensePeriods.Input, LicensePeriods.View> {
    static final Set<String> ARTIFACTS = Set.of("code", "weights", "data", "docs");
    static final Set<String> CHANGE_KINDS = Set.of("initial", "relicense", "new-release");

    /** A license period to record; an unknown license id is accepted, stored as given and shown as unknown. */
    record Input(@Size(max = 80) String project, @Size(max = 10) String artifact, @Size(max = 500) String expression,
                        @Size(max = 10) String date, @Size(max = 20) String changeKind, @Size(max = 200) String releaseLabel,
                        @Size(max = 4000) String note, @Size(max = 200) String evidenceRef, @Size(max = 64) String textSha256,
                        @NotNull @Valid SourceInput source, @Size(max = 2000) String reason, @Size(max = 80) String artifactName,
                        @Size(max = 10) String artifactClosedOn) implements FactInput {
    }

    /** An artifact's name: lower-case letters, digits, '.', '_' and '-', as {@code falcon-180b} or {@code llama-3.1}. */
    static final java.util.regex.Pattern ARTIFACT_NAME = java.util.regex.Pattern.compile("^[a-z0-9][a-z0-9._-]{0,79}$");

    /**
     * The restrictiveness of an expression (METHODOLOGY.md section 5): {@code level} is null when
     * unknown, and the bounds say how far the unknown parts could move it.
     */
    record Level(Integer level, String category, int lowerBound, int upperBound, List<String> unknownIds,
                        String normalisedExpression) {
        static Level of(ExpressionLevel l) {
            return new Level(l.level(), l.category().map(LicenseCategory::code).orElse(null), l.lowerBound(), l.upperBound(),
                    l.unknownIds(), l.normalised());
        }
    }

    record View(long id, String project, String artifact, String artifactName, String expression, Level restrictiveness,
                       String date, String datePrecision, String changeKind, String releaseLabel, String note, String evidenceRef,
                       String textSha256, String artifactClosedOn, String catalogVersion, Map<String, String> detail,
                       FactSource source, VersionInfo version) implements FactView {
    }

    @Inject
    ProjectService projects;
    @Inject
    LicenseExpressions expressions;
    @Inject
    LicenseCatalog catalog;

    LicensePeriods() {
        super("license-period", LicensePeriod.class, Input.class,
                Map.of("date", "f.validFrom", "artifact", "f.artifact", "level", "f.level", "recordedAt", "f.recordedAt", "id", "f.id"),
                "date");
    }

    @Override
    public LicensePeriod build(Input in, FieldErrors errors) {
        LicensePeriod p = new LicensePeriod();
        p.projectId = projects.resolve(in.project(), "project", errors);
        if (in.artifact() == null || !ARTIFACTS.contains(in.artifact())) {
            errors.add("artifact", "must be one of [code, data, docs, weights]");
        }
        p.artifact = in.artifact();
        p.artifactName = in.artifactName() == null ? "" : in.artifactName().strip();
        if (!p.artifactName.isEmpty() && !ARTIFACT_NAME.matcher(p.artifactName).matches()) {
            errors.add("artifactName", "must be empty or lower-case letters, digits, '.', '_' and '-' (at most 80), such as falcon-180b");
        }
        if (in.artifactClosedOn() != null && !in.artifactClosedOn().isBlank()) {
            try {
                p.artifactClosedOn = java.time.LocalDate.parse(in.artifactClosedOn().strip());
            } catch (java.time.format.DateTimeParseException e) {
                errors.add("artifactClosedOn", "must be a date YYYY-MM-DD");
            }
        }
        p.expression = Texts.trimmedOrNull(in.expression());
        if (p.expression == null) {
            errors.add("expression", "is required: an SPDX license expression such as Apache-2.0 or LicenseRef-Llama-3-Community");
        } else {
            ExpressionLevel level = expressions.evaluate(p.expression);
            if (level.malformed()) {
                errors.add("expression", "is not a valid SPDX expression: " + level.malformedReason());
            } else {
                applyLevel(p, level);
            }
        }
        PartialDate date = PartialDate.parse(in.date(), "date", errors);
        if (date != null) {
            p.validFrom = date.day();
            p.datePrecision = date.precision();
        }
        if (in.changeKind() == null || !CHANGE_KINDS.contains(in.changeKind())) {
            errors.add("changeKind", "must be one of [initial, new-release, relicense]");
        }
        p.changeKind = in.changeKind();
        p.releaseLabel = Texts.trimmedOrNull(in.releaseLabel());
        p.note = in.note();
        p.evidenceRef = Texts.trimmedOrNull(in.evidenceRef());
        p.textSha256 = Texts.trimmedOrNull(in.textSha256());
        if (p.textSha256 != null && !p.textSha256.matches("^[0-9a-f]{64}$")) {
            errors.add("textSha256", "must be 64 lower-case hex digits");
        }
        return p;
    }

    /** Stores the level an expression has under the current catalog. */
    void applyLevel(LicensePeriod p, ExpressionLevel level) {
        p.level = level.level() == null ? null : level.level().shortValue();
        p.levelLower = (short) level.lowerBound();
        p.levelUpper = (short) level.upperBound();
        p.catalogVersion = catalog.catalogVersion();
    }

    @Override
    public View view(LicensePeriod p) {
        return new View(p.id, projects.slugOf(p.projectId), p.artifact, emptyToNull(p.artifactName), p.expression,
                Level.of(expressions.evaluate(p.expression)), PartialDate.format(p.validFrom, p.datePrecision), p.datePrecision,
                p.changeKind, p.releaseLabel, p.note, p.evidenceRef, p.textSha256,
                p.artifactClosedOn == null ? null : p.artifactClosedOn.toString(), p.catalogVersion, p.detail,
                FactSource.of(p), VersionInfo.of(p));
    }

    @Override
    public Input input(LicensePeriod p) {
        return new Input(projects.slugOf(p.projectId), p.artifact, p.expression, PartialDate.format(p.validFrom, p.datePrecision),
                p.changeKind, p.releaseLabel, p.note, p.evidenceRef, p.textSha256, sourceOf(p), null, emptyToNull(p.artifactName),
                p.artifactClosedOn == null ? null : p.artifactClosedOn.toString());
    }

    @Override
    public String dataScope(LicensePeriod p) {
        return ChangeLog.projectScope(p.projectId);
    }

    @Override
    public List<String> stewards(LicensePeriod p) {
        return p.projectId == null || p.validFrom == null ? List.of() : projects.stewardKeysOn(p.projectId, p.validFrom);
    }

    /** The filters of a license period list, in the order their faults are reported. */
    record Filters(String project, String artifact, String artifactName, String changeKind, LocalDate from, LocalDate to) {
        static Filters of(FactFilters p) {
            return new Filters(p.project(), p.artifact(ARTIFACTS), p.artifactName(), p.changeKind(CHANGE_KINDS), p.from(), p.to());
        }
    }

    @Override
    public FactFilter<LicensePeriod> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> query.and("f.projectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.artifact = :artifact", "artifact", f.artifact())
                .and("f.artifactName = :artifactName", "artifactName", f.artifactName())
                .and("f.changeKind = :changeKind", "changeKind", f.changeKind())
                .and("f.validFrom >= :from", "from", f.from())
                .and("f.validFrom <= :to", "to", f.to());
    }

    @Override
    public String naturalKey(LicensePeriod p) {
        return p.projectId + "|" + p.artifact + "|" + p.artifactName + "|" + p.validFrom;
    }

    @Override
    public void checkUnique(LicensePeriod p, Long self) {
        Duplicates.refuse(LicensePeriod.class, "f.projectId = ?1 and f.artifact = ?2 and f.artifactName = ?3 and f.validFrom = ?4",
                self, "date", "A period of this artifact starting on this date", LicensePeriodResource.PATH,
                p.projectId, p.artifact, p.artifactName == null ? "" : p.artifactName, p.validFrom);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

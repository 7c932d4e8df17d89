package io.counterpower.openness;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.FactKind;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.project.ProjectKind;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Openness components as a kind of fact: one current status per model, component and rater (the
 * database enforces it too): the service's own record (no rater) and the imported ratings of the
 * European Open Source AI Index and the Model Openness Tool (METHODOLOGY.md section 6, migration V048). Only projects of kind {@code model} have them; the project's current stewards
 * may write them.
 */
@ApplicationScoped
class OpennessComponents implements FactKind<OpennessComponent, OpennessComponents.Input, OpennessComponents.View> {
    /**
     * The components of METHODOLOGY.md section 6, in its order, which follows the European Open Source
     * AI Index and the Model Openness Framework.
     */
    static final List<String> COMPONENTS = List.of("inference-code", "training-code", "weights", "training-data",
            "data-documentation", "evaluation", "model-card", "paper", "license");
    static final List<String> STATUSES = List.of("open", "partial", "closed", "unknown");
    /** The external indexes whose ratings are imported, one fact per component and rater. */
    static final List<String> RATERS = List.of("eu-open-source-ai-index", "model-openness-tool");

    record Input(@Size(max = 80) String project,
                        @Size(max = 40) String component,
                        @Size(max = 40) String rater,
                        @Size(max = 40) String status,
                        @Size(max = 4000) String note,
                        @NotNull @Valid SourceInput source,
                        @Size(max = 2000) String reason) implements FactInput {
    }

    record View(long id, String project, String component, String rater, String status, String note, FactSource source,
                       VersionInfo version) implements FactView {
    }

    @Inject
    ProjectService projects;

    @Override
    public String name() {
        return "openness-component";
    }

    @Override
    public Class<OpennessComponent> entityType() {
        return OpennessComponent.class;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    /** {@code component} sorts in the methodology's order, not alphabetically. */
    @Override
    public Map<String, String> sortable() {
        String order = COMPONENTS.stream().map(c -> "when '" + c + "' then " + COMPONENTS.indexOf(c))
                .collect(Collectors.joining(" ", "case f.component ", " end"));
        return Map.of("component", order, "status", "f.status", "recordedAt", "f.recordedAt", "id", "f.id");
    }

    @Override
    public String defaultSort() {
        return "id";
    }

    @Override
    public OpennessComponent build(Input in, FieldErrors errors) {
        OpennessComponent c = new OpennessComponent();
        c.projectId = projects.resolve(in.project(), "project", errors);
        if (c.projectId != null) {
            ProjectKind kind = projects.get(in.project().trim(), null).kind();
            if (kind != ProjectKind.MODEL) {
                errors.add("project", "is a " + kind + ", not a model: openness components are recorded for models only"
                        + " (METHODOLOGY.md section 6)");
            }
        }
        c.component = Texts.trimmedOrNull(in.component());
        if (c.component == null || !COMPONENTS.contains(c.component)) {
            errors.add("component", "must be one of " + COMPONENTS);
        }
        c.rater = Texts.trimmedOrNull(in.rater());
        if (c.rater != null && !RATERS.contains(c.rater)) {
            errors.add("rater", "must be one of " + RATERS + ", or left out for the service's own record");
        } else if (c.rater != null && (in.source() == null || in.source().kind() != io.counterpower.common.fact.SourceKind.IMPORT)) {
            errors.add("rater", "names an external index whose rating is imported: send source.kind import with it");
        }
        c.status = Texts.trimmedOrNull(in.status());
        if (c.status == null || !STATUSES.contains(c.status)) {
            errors.add("status", "must be one of " + STATUSES);
        }
        c.note = Texts.trimmedOrNull(in.note());
        if (c.note != null && c.note.length() > 4000) {
            errors.add("note", "must be at most 4000 characters");
        }
        return c;
    }

    @Override
    public View view(OpennessComponent c) {
        return new View(c.id, projects.slugOf(c.projectId), c.component, c.rater, c.status, c.note, FactSource.of(c),
                VersionInfo.of(c));
    }

    @Override
    public Input input(OpennessComponent c) {
        return new Input(projects.slugOf(c.projectId), c.component, c.rater, c.status, c.note,
                new SourceInput(c.sourceKind, c.sourceUrl, c.sourceNote, c.sourceQuote, c.confidence), null);
    }

    @Override
    public String dataScope(OpennessComponent c) {
        return ChangeLog.projectScope(c.projectId);
    }

    /** A status describes the model as it is now, so the stewards that count are today's. */
    @Override
    public List<String> stewards(OpennessComponent c) {
        return c.projectId == null ? List.of() : projects.stewardKeysOn(c.projectId, LocalDate.now(ZoneOffset.UTC));
    }

    /** The filters of an openness component list, in the order their faults are reported. */
    record Filters(String project, String component, String status) {
        static Filters of(FactFilters p) {
            return new Filters(p.project(), p.component(c -> oneOf(COMPONENTS, c)), p.status(s -> oneOf(STATUSES, s)));
        }
    }

    @Override
    public FactFilter<OpennessComponent> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> query.and("f.projectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.component = :component", "component", f.component())
                .and("f.status = :status", "status", f.status());
    }

    @Override
    public String naturalKey(OpennessComponent c) {
        return c.projectId + "|" + c.component + "|" + (c.rater == null ? "" : c.rater);
    }

    @Override
    public void checkUnique(OpennessComponent c, Long self) {
        List<OpennessComponent> same = OpennessComponent.list("projectId = ?1 and component = ?2 and supersededAt is null",
                c.projectId, c.component);
        for (OpennessComponent other : same) {
            if (!other.id.equals(self) && java.util.Objects.equals(other.rater, c.rater)) {
                throw ApiProblem.conflict("component", "openness component " + other.id + " already records the " + c.component
                        + " of '" + projects.slugOf(c.projectId) + "'; edit that record (PUT " + OpennessComponentResource.PATH
                        + "/" + other.id + ") instead");
            }
        }
    }

    private static String oneOf(List<String> values, String value) {
        if (!values.contains(value)) {
            throw new IllegalArgumentException("must be one of " + values);
        }
        return value;
    }

}

package io.counterpower.adoption;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Derivatives as a kind of fact. One current record per base project, derived name and relation
 * (the database enforces it too); the base project's stewards and the publishing organisation may
 * write it.
 */
@ApplicationScoped
class Derivatives extends DescribedFactKind<Derivative, Derivatives.Input, Derivatives.View> {
    /** The relations of METHODOLOGY.md section 2, in its order. */
    static final List<String> RELATIONS = List.of("finetune", "merge", "quantization", "adapter", "fork", "distillation");
    static final int MAX_NAME = 200;
    /** An artifact name as license periods write it (migration V035); the check of V054. */
    static final java.util.regex.Pattern BASE_ARTIFACT = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

    /** A derivative to record; {@code publishedAt} is a day, YYYY-MM-DD. */
    record Input(@Size(max = 80) String project,
                        @Size(max = 80) String derivedProject,
                        @Size(max = MAX_NAME) String derivedName,
                        @Size(max = 40) String relation,
                        @Size(max = 80) String publisherOrganisation,
                        @Size(max = MAX_NAME) String publisherName,
                        @Size(max = 10) String publishedAt,
                        @Size(max = MAX_NAME) String baseName,
                        @Size(max = 80) String baseArtifact,
                        @NotNull @Valid SourceInput source,
                        @Size(max = 2000) String reason) implements FactInput {
    }

    record View(long id, String project, String derivedProject, String derivedName, String relation,
                       String publisherOrganisation, String publisherName, LocalDate publishedAt, String baseName,
                       String baseArtifact, FactSource source, VersionInfo version) implements FactView {
    }

    @Inject
    ProjectService projects;
    @Inject
    OrganisationService organisations;

    Derivatives() {
        super("derivative", Derivative.class, Input.class, Map.of("publishedAt", "f.publishedAt", "derivedName", "f.derivedName", "relation", "f.relation",
                "recordedAt", "f.recordedAt", "id", "f.id"), "publishedAt");
    }

    @Override
    public Derivative build(Input in, FieldErrors errors) {
        Derivative d = new Derivative();
        d.projectId = projects.resolve(in.project(), "project", errors);
        String derivedProject = Texts.trimmedOrNull(in.derivedProject());
        if (derivedProject != null) {
            d.derivedProjectId = projects.resolve(derivedProject, "derivedProject", errors);
            if (d.derivedProjectId != null && d.derivedProjectId.equals(d.projectId)) {
                errors.add("derivedProject", "must differ from project: a project is not derived from itself");
            }
        }
        d.derivedName = Texts.trimmedOrNull(in.derivedName());
        if (d.derivedName == null) {
            errors.add("derivedName", "is required: the derivative's name as published, e.g. a Hugging Face repository id"
                    + " such as TheBloke/Llama-2-7B-GGUF");
        }
        BodyFields.maxLength(d.derivedName, MAX_NAME, "derivedName", errors);
        d.relation = Texts.trimmedOrNull(in.relation());
        if (d.relation == null || !RELATIONS.contains(d.relation)) {
            errors.add("relation", "must be one of " + RELATIONS);
        }
        String publisher = Texts.trimmedOrNull(in.publisherOrganisation());
        d.publisherOrganisationId = organisations.resolve(publisher, "publisherOrganisation", errors);
        d.publisherName = Texts.trimmedOrNull(in.publisherName());
        BodyFields.maxLength(d.publisherName, MAX_NAME, "publisherName", errors);
        d.publishedAt = BodyFields.parse(in.publishedAt(), "publishedAt", false, errors);
        BodyFields.notInFuture(d.publishedAt, "publishedAt", "a derivative once it is published", errors);
        d.baseName = Texts.trimmedOrNull(in.baseName());
        BodyFields.maxLength(d.baseName, MAX_NAME, "baseName", errors);
        d.baseArtifact = Texts.trimmedOrNull(in.baseArtifact());
        if (d.baseArtifact != null && !BASE_ARTIFACT.matcher(d.baseArtifact).matches()) {
            errors.add("baseArtifact", "must be a license period's artifact name: lower case letters, digits, '.', '_' or '-', "
                    + "at most 80 characters, e.g. llama-2");
        }
        return d;
    }

    @Override
    public View view(Derivative d) {
        return new View(d.id, projects.slugOf(d.projectId), slug(d.derivedProjectId), d.derivedName, d.relation,
                key(d.publisherOrganisationId), d.publisherName, d.publishedAt, d.baseName, d.baseArtifact, FactSource.of(d),
                VersionInfo.of(d));
    }

    @Override
    public Input input(Derivative d) {
        return new Input(projects.slugOf(d.projectId), slug(d.derivedProjectId), d.derivedName, d.relation,
                key(d.publisherOrganisationId), d.publisherName, d.publishedAt == null ? null : d.publishedAt.toString(),
                d.baseName, d.baseArtifact, new SourceInput(d.sourceKind, d.sourceUrl, d.sourceNote, d.sourceQuote, d.confidence), null);
    }

    @Override
    public String dataScope(Derivative d) {
        return ChangeLog.projectScope(d.projectId);
    }

    /** The base project's stewards on the day of publication (today when undated), and the publisher. */
    @Override
    public List<String> stewards(Derivative d) {
        List<String> keys = new ArrayList<>();
        if (d.projectId != null) {
            keys.addAll(projects.stewardKeysOn(d.projectId, d.publishedAt == null ? BodyFields.today() : d.publishedAt));
        }
        if (d.publisherOrganisationId != null) {
            keys.add(organisations.keyOf(d.publisherOrganisationId));
        }
        return keys;
    }

    /** The filters of a derivative list, in the order their faults are reported. */
    record Filters(String organisation, String project, String relation, LocalDate from, LocalDate to) {
        static Filters of(FactFilters p) {
            return new Filters(p.organisation(), p.project(), p.relation(Derivatives::relation), p.from(), p.to());
        }
    }

    @Override
    public FactFilter<Derivative> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> query.and("f.projectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.relation = :relation", "relation", f.relation())
                .and("f.publisherOrganisationId = :organisation", "organisation",
                        f.organisation() == null ? null : organisations.currentId(f.organisation()).orElse(-1L))
                .and("f.publishedAt >= :from", "from", f.from())
                .and("f.publishedAt <= :to", "to", f.to());
    }

    @Override
    public String naturalKey(Derivative d) {
        return d.projectId + "|" + d.derivedName + "|" + d.relation;
    }

    @Override
    public void checkUnique(Derivative d, Long self) {
        List<Derivative> same = Derivative.list("projectId = ?1 and derivedName = ?2 and relation = ?3 and supersededAt is null",
                d.projectId, d.derivedName, d.relation);
        for (Derivative other : same) {
            if (!other.id.equals(self)) {
                throw ApiProblem.conflict("derivedName", "derivative " + other.id + " already records '" + d.derivedName
                        + "' as a derivative (" + d.relation + ") of '" + projects.slugOf(d.projectId) + "'; edit that record (PUT "
                        + DerivativeResource.PATH + "/" + other.id + ") instead");
            }
        }
    }

    private static String relation(String code) {
        if (!RELATIONS.contains(code)) {
            throw new IllegalArgumentException("must be one of " + RELATIONS);
        }
        return code;
    }

    private String slug(Long projectId) {
        return projectId == null ? null : projects.slugOf(projectId);
    }

    private String key(Long organisationId) {
        return organisationId == null ? null : organisations.keyOf(organisationId);
    }
}

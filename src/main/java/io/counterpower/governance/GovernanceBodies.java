package io.counterpower.governance;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.Duplicates;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.FactVersions;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Governing bodies as a kind of fact. */
@ApplicationScoped
public class GovernanceBodies extends DescribedFactKind<GovernanceBody, GovernanceBodies.Input, GovernanceBodies.View> {
    static final Set<String> KINDS = Set.of("board", "steering-committee", "technical-committee", "maintainers", "security-team");

    /** A governing body to record. */
    record Input(@Size(max = 80) String project, @Size(max = 40) String kind, @Size(max = 300) String name,
                        @NotNull @Valid SourceInput source, @Size(max = 2000) String reason) implements FactInput {
    }

    record View(long id, String project, String kind, String name, FactSource source, VersionInfo version) implements FactView {
    }

    @Inject
    ProjectService projects;
    @Inject
    FactVersions facts;

    GovernanceBodies() {
        super("governance-body", GovernanceBody.class, Input.class,
                Map.of("id", "f.id", "kind", "f.kind", "name", "lower(f.name)", "recordedAt", "f.recordedAt"), "id");
    }

    /** The body's last recorded version, even if it was closed since: a seat read in the past still names it. */
    Optional<GovernanceBody> latest(long id) {
        List<GovernanceBody> versions = facts.history(GovernanceBody.class, id);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** The body with this stable id, as currently recorded. */
    Optional<GovernanceBody> current(long id) {
        return facts.find(GovernanceBody.class, id, null);
    }

    @Override
    public GovernanceBody build(Input in, FieldErrors errors) {
        GovernanceBody b = new GovernanceBody();
        b.projectId = projects.resolve(in.project(), "project", errors);
        if (in.kind() == null || !KINDS.contains(in.kind())) {
            errors.add("kind", "must be one of " + new java.util.TreeSet<>(KINDS));
        }
        b.kind = in.kind();
        b.name = Texts.trimmedOrNull(in.name());
        errors.check(b.name != null, "name", "is required");
        return b;
    }

    @Override
    public View view(GovernanceBody b) {
        return new View(b.id, projects.slugOf(b.projectId), b.kind, b.name, FactSource.of(b), VersionInfo.of(b));
    }

    @Override
    public Input input(GovernanceBody b) {
        return new Input(projects.slugOf(b.projectId), b.kind, b.name, sourceOf(b), null);
    }

    @Override
    public String dataScope(GovernanceBody b) {
        return ChangeLog.projectScope(b.projectId);
    }

    @Override
    public List<String> stewards(GovernanceBody b) {
        return b.projectId == null ? List.of() : projects.stewardKeysOn(b.projectId, LocalDate.now(ZoneOffset.UTC));
    }

    /** The filters of a governance body list. */
    record Filters(String project, String kind) {
        static Filters of(FactFilters p) {
            return new Filters(p.project(), p.kind(KINDS));
        }
    }

    @Override
    public FactFilter<GovernanceBody> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> query.and("f.projectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.kind = :kind", "kind", f.kind());
    }

    @Override
    public String naturalKey(GovernanceBody b) {
        return b.projectId + "|" + b.kind + "|" + b.name;
    }

    @Override
    public void checkUnique(GovernanceBody b, Long self) {
        Duplicates.refuse(GovernanceBody.class, "f.projectId = ?1 and f.kind = ?2 and f.name = ?3",
                self, "name", "This body", GovernanceBodyResource.PATH, b.projectId, b.kind, b.name);
    }
}

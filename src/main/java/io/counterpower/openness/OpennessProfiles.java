package io.counterpower.openness;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.project.ProjectKind;
import io.counterpower.project.ProjectService;
import io.counterpower.project.ProjectView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds openness profiles of models from their recorded components. */
@ApplicationScoped
class OpennessProfiles {
    /** The version of METHODOLOGY.md whose rules (sections 3 and 6) the value follows. */
    static final String METHODOLOGY_VERSION = "1";
    /** Section 6: a component the raters disagree on is {@code disputed}, counted as partial. */
    private static final Map<String, Double> SCORES = Map.of("open", 1.0, "partial", 0.5, "closed", 0.0, "disputed", 0.5);

    @Inject
    EntityManager em;
    @Inject
    ProjectService projects;

    /** The profile of a model as recorded now, or as recorded at {@code asOf}; 404 for an unknown project or one that is not a model. */
    OpennessProfile profile(String slug, Instant asOf) {
        ProjectView project = projects.get(slug, asOf);
        if (project.kind() != ProjectKind.MODEL) {
            throw ApiProblem.notFound("Project '" + slug + "' is a " + project.kind()
                    + ", not a model; openness profiles are kept for models only (METHODOLOGY.md section 6)");
        }
        Map<String, List<OpennessComponent>> recorded = new HashMap<>();
        ListQuery.facts(OpennessComponent.class, "OpennessComponent f", "f")
                .and("f.projectId = :project", "project", projects.idOrNull(slug))
                .visibleAt("f", asOf)
                .all(em, "f.recordedAt asc, f.rowId asc")
                .forEach(c -> recorded.computeIfAbsent(c.component, k -> new ArrayList<>()).add(c));
        List<OpennessProfile.Component> components = new ArrayList<>();
        // The value is computed from the very rows the answer shows, so that a reader can check it by hand.
        double sum = 0;
        int known = 0;
        for (String name : OpennessComponents.COMPONENTS) {
            List<OpennessComponent> facts = recorded.getOrDefault(name, List.of());
            if (facts.isEmpty()) {
                components.add(new OpennessProfile.Component(name, "unknown", null, null, null, null, List.of()));
                continue;
            }
            // The service's own record first, then the raters in a fixed order, so that the answer is stable.
            List<OpennessComponent> sorted = facts.stream().sorted(java.util.Comparator.comparing(
                    (OpennessComponent c) -> c.rater == null ? "" : c.rater)).toList();
            List<OpennessProfile.Rating> ratings = sorted.stream().map(c -> new OpennessProfile.Rating(c.rater, c.status, c.id,
                    c.note, FactSource.of(c), VersionInfo.of(c))).toList();
            String status = status(sorted);
            OpennessComponent only = sorted.size() == 1 ? sorted.get(0) : null;
            components.add(only != null
                    ? new OpennessProfile.Component(name, status, only.id, only.note, FactSource.of(only), VersionInfo.of(only), ratings)
                    : new OpennessProfile.Component(name, status, null, null, null, null, ratings));
            Double score = SCORES.get(status);
            if (score != null) {
                sum += score;
                known++;
            }
        }
        int all = OpennessComponents.COMPONENTS.size();
        OpennessProfile.Openness openness = new OpennessProfile.Openness(known == 0 ? null : sum / known,
                (double) known / all, known, METHODOLOGY_VERSION);
        return new OpennessProfile(project.slug(), components, openness);
    }

    /** The statuses the facts agree on, {@code disputed} when their known statuses differ, unknown when none is known. */
    static String status(List<OpennessComponent> facts) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        facts.stream().map(c -> c.status).filter(s -> !"unknown".equals(s)).forEach(known::add);
        if (known.size() > 1) {
            return "disputed";
        }
        return known.isEmpty() ? "unknown" : known.iterator().next();
    }
}

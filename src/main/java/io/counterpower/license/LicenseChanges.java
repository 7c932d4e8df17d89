package io.counterpower.license;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.PartialDate;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * License change events, derived from the periods of each artifact in date order: each period
 * after the first is a change from the one before, restrictive when the level rises, liberalising
 * when it falls (METHODOLOGY.md section 5). A period equal to the one before is no change. Only the periods in
 * force are read ({@code license_periods_effective}, V017): a period that a higher source tier covers (a git period
 * inside a curated one) makes no change, and the first period of an artifact is its {@code initial} terms, no change.
 */
@ApplicationScoped
public class LicenseChanges {

    /** One change of an artifact's terms, with the levels on both sides and the period that made it. */
    public record Change(String project, String artifact, String date, String datePrecision, String changeKind,
                         String fromExpression, String toExpression, Integer fromLevel, Integer toLevel,
                         LicenseChangeKind direction, long periodId, FactSource source, String artifactName) {
    }

    @Inject
    EntityManager em;
    @Inject
    ProjectService projects;
    @Inject
    LicenseExpressions expressions;

    /** The changes a list request asks for, oldest first (an unknown project has none). */
    List<Change> changes(LicenseChangeQuery q) {
        Long projectId = q.project() == null ? null : projects.idOrNull(q.project());
        return changes(projectId, q.artifact(), q.from(), q.to(), q.asOf()).stream()
                .filter(c -> q.direction() == null || c.direction() == q.direction())
                .toList();
    }

    /** Changes of the periods visible at {@code asOf} (current when null), oldest first. */
    public List<Change> changes(Long projectId, String artifact, LocalDate from, LocalDate to, Instant asOf) {
        List<LicensePeriod> periods = ListQuery.facts(LicensePeriod.class, "LicensePeriod f", "f").visibleAt("f", asOf)
                .and("f.projectId = :project", "project", projectId)
                .and("f.artifact = :artifact", "artifact", artifact)
                .all(em, "f.projectId, f.artifact, f.validFrom, f.artifactName, f.rowId");
        Set<Long> inForce = effectiveIds(projectId, asOf);
        periods = periods.stream().filter(p -> inForce.contains(p.id)).toList();
        Map<String, LicensePeriod> previous = new LinkedHashMap<>();
        Map<String, LicensePeriod> previousOfKind = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (LicensePeriod p : periods) {
            String name = p.artifactName == null ? "" : p.artifactName;
            LicensePeriod before = previous.put(p.projectId + "|" + p.artifact + "|" + name, p);
            LicensePeriod beforeOfKind = previousOfKind.put(p.projectId + "|" + p.artifact, p);
            if (before == null && "new-release".equals(p.changeKind)) {
                // A named release's first period: compared with the family's member of that kind before it
                // (Falcon-180B's terms after Falcon-40B's), as the unnamed artifact's new releases always were.
                before = beforeOfKind;
            }
            if (before == null) {
                continue;
            }
            if ((from != null && p.validFrom.isBefore(from)) || (to != null && p.validFrom.isAfter(to))) {
                continue;
            }
            if (before.expression.equals(p.expression)) {
                continue; // the same terms again (a lower tier's period uncovered, a repeated record): no change
            }
            LicenseChange change = expressions.change(before.expression, p.expression);
            changes.add(new Change(projects.slugOf(p.projectId), p.artifact, PartialDate.format(p.validFrom, p.datePrecision),
                    p.datePrecision, p.changeKind, before.expression, p.expression, change.previous().level(),
                    change.next().level(), change.kind(), p.id, FactSource.of(p), name.isEmpty() ? null : name));
        }
        return changes;
    }

    /** Ids of the periods in force, as recorded at {@code asOf} (now when null), of one project or all. */
    private Set<Long> effectiveIds(Long projectId, Instant asOf) {
        String sql = "select l.id from project p cross join license_periods_effective(p.id, "
                + (asOf == null ? "null" : "cast(:asof as timestamptz)") + ") l"
                + (projectId == null ? "" : " where p.id = :project");
        Query query = em.createNativeQuery(sql);
        if (asOf != null) {
            query.setParameter("asof", java.time.OffsetDateTime.ofInstant(asOf, java.time.ZoneOffset.UTC));
        }
        if (projectId != null) {
            query.setParameter("project", projectId);
        }
        Set<Long> ids = new HashSet<>();
        for (Object id : query.getResultList()) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }
}

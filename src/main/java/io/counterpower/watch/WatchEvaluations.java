package io.counterpower.watch;

import io.counterpower.common.audit.DataChanged;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The queue of evaluations. Every change of data adds a row naming its scope in the change's own
 * transaction ({@link #queue}), so a committed change always has its evaluation queued and a
 * rolled-back one never does. Workers of any instance claim every queued row of one scope at once
 * (a collection that bumps a scope a thousand times is evaluated once), evaluate the watches that
 * cover the scope, and delete the rows. A worker that dies leaves its claim, which is released after
 * {@link #CLAIM_LEASE_MINUTES}; evaluating twice is harmless, since only a change of state alerts.
 */
@ApplicationScoped
class WatchEvaluations {
    static final int CLAIM_LEASE_MINUTES = 15;
    /** The scope the schedule queues: every watch. */
    static final String ALL = "all";

    record Claim(String scope, List<Long> ids) {
    }

    /** A watch and one project it covers. */
    record Target(long watchId, long projectId) {
    }

    @Inject
    EntityManager em;
    @Inject
    ProjectService projects;
    @Inject
    OrganisationService organisations;
    @Inject
    WatchEvaluator evaluator;

    /** Queues the evaluation of what a change touched, in the change's transaction. */
    void queue(@Observes DataChanged change) {
        em.createNativeQuery("insert into watch_evaluation (scope) values (?1)").setParameter(1, change.scope()).executeUpdate();
    }

    /** Queues the evaluation of every watch (the schedule). */
    @Transactional
    void queueAll() {
        em.createNativeQuery("insert into watch_evaluation (scope) values (?1)").setParameter(1, ALL).executeUpdate();
    }

    /** One step of an evaluation worker: evaluates queued scopes until none is left. Returns the scopes evaluated. */
    int evaluateQueued(String worker) {
        releaseAbandoned();
        int scopes = 0;
        Claim claim;
        while ((claim = claim(worker)) != null) {
            for (Target t : targets(claim.scope())) {
                try {
                    evaluator.evaluate(t.watchId(), t.projectId());
                } catch (RuntimeException e) {
                    // One watch's failure must not stop the others; the schedule evaluates it again.
                    Log.errorf(e, "Watch %d could not be evaluated for project %d", t.watchId(), t.projectId());
                }
            }
            done(claim.ids());
            scopes++;
        }
        return scopes;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Claim claim(String worker) {
        List<?> rows = em.createNativeQuery("""
                        with picked as (select scope from watch_evaluation where claimed_at is null
                                        order by id limit 1 for update skip locked)
                        update watch_evaluation e set claimed_by = ?1, claimed_at = now()
                        from picked where e.scope = picked.scope and e.claimed_at is null
                        returning e.id, e.scope""")
                .setParameter(1, worker).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        String scope = null;
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            ids.add(((Number) r[0]).longValue());
            scope = (String) r[1];
        }
        return new Claim(scope, ids);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void done(List<Long> ids) {
        em.createNativeQuery("delete from watch_evaluation where id = any(?1)").setParameter(1, ids.toArray(new Long[0])).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void releaseAbandoned() {
        em.createNativeQuery("update watch_evaluation set claimed_at = null, claimed_by = null "
                + "where claimed_at < now() - interval '" + CLAIM_LEASE_MINUTES + " minutes'").executeUpdate();
    }

    /** The watches and projects a scope covers. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Target> targets(String scope) {
        List<Watch> watches;
        Long onlyProject = null;
        if (scope.startsWith("project:")) {
            long projectId = Long.parseLong(scope.substring("project:".length()));
            onlyProject = projectId;
            List<Long> stewards = projects.stewardKeysOn(projectId, today()).stream()
                    .map(k -> organisations.currentId(k).orElse(-1L)).toList();
            watches = Watch.list("deletedAt is null and active = true and (projectId = ?1 or organisationId in ?2)",
                    projectId, stewards.isEmpty() ? List.of(-1L) : stewards);
        } else if (scope.startsWith("watch:")) {
            watches = Watch.list("deletedAt is null and active = true and id = ?1", Long.parseLong(scope.substring("watch:".length())));
        } else if (scope.equals(ALL) || scope.equals("global")) {
            // Shared facts (organisations, affiliations) can move any project's figures.
            watches = Watch.list("deletedAt is null and active = true order by id");
        } else {
            return List.of();
        }
        Set<Target> out = new LinkedHashSet<>();
        for (Watch w : watches) {
            for (long projectId : projectsOf(w)) {
                if (onlyProject == null || onlyProject == projectId) {
                    out.add(new Target(w.id, projectId));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The projects a watch covers today: its project, or those its organisation stewards. */
    List<Long> projectsOf(Watch w) {
        if (w.projectId != null) {
            return List.of(w.projectId);
        }
        return projects.stewardedBy(w.organisationId, today());
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}

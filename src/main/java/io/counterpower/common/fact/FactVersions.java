package io.counterpower.common.fact;

import jakarta.enterprise.context.ApplicationScoped;
import io.counterpower.common.problem.ApiProblem;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The versioning rules shared by every fact table: read the current version or the version
 * "as recorded on" a past instant, record a new fact, supersede a version with a new one, close one.
 */
@ApplicationScoped
public class FactVersions {

    /**
     * JPQL predicate selecting the versions visible at {@code :asOf} for the alias given: the database's rule
     * (function visible_at, migration V063), which the planner inlines into the statement.
     */
    public static String visibleAt(String alias) {
        return "function('visible_at', " + alias + ".recordedAt, " + alias + ".supersededAt, :asOf) = true";
    }

    @Inject
    EntityManager em;

    /** The version visible at {@code asOf}, or the current one when {@code asOf} is null. */
    public <T extends VersionedFact> Optional<T> find(Class<T> type, long id, Instant asOf) {
        String jpql = "from " + type.getSimpleName() + " f where f.id = :id and "
                + (asOf == null ? "f.supersededAt is null" : visibleAt("f"));
        var query = em.createQuery(jpql, type).setParameter("id", id);
        if (asOf != null) {
            query.setParameter("asOf", asOf);
        }
        return query.setMaxResults(1).getResultList().stream().findFirst();
    }

    /** Every recorded version of a fact, oldest first. */
    public <T extends VersionedFact> List<T> history(Class<T> type, long id) {
        return em.createQuery("from " + type.getSimpleName() + " f where f.id = :id order by f.recordedAt, f.rowId", type)
                .setParameter("id", id)
                .getResultList();
    }

    /** A new stable id for a fact that has no header table. */
    public long newFactId() {
        return ((Number) em.createNativeQuery("select nextval('fact_id_seq')").getSingleResult()).longValue();
    }

    /** Records the first version of a fact whose stable id is already set. */
    public <T extends VersionedFact> T record(T fact, FactWrite write) {
        fact.provenance(write);
        fact.persist();
        return fact;
    }

    /** Closes {@code current} and records {@code next} as the new version of the same fact. */
    public <T extends VersionedFact> T supersede(T current, T next, FactWrite write) {
        close(current, write.at());
        next.id = current.id;
        return record(next, write);
    }

    /** Closes a version: the fact no longer holds from now on, but stays visible "as recorded on" before. */
    public <T extends VersionedFact> void close(T current, Instant at) {
        // Only a version that is still current may be closed. Two writers that read the same version
        // race here: the second waits for the first's row lock, then finds the row closed and gets
        // 412, instead of closing it again and losing the first write.
        em.flush();
        int closed = em.createQuery("update " + current.getClass().getSimpleName()
                        + " f set f.supersededAt = :at where f.rowId = :rowId and f.supersededAt is null")
                .setParameter("at", at)
                .setParameter("rowId", current.rowId)
                .executeUpdate();
        if (closed == 0) {
            throw ApiProblem.preconditionFailed("The fact changed since it was read: it was edited or closed by "
                    + "another request; read it again and retry");
        }
        em.refresh(current);
    }
}

package io.counterpower.common.fact;

import io.counterpower.common.problem.ApiProblem;
import io.quarkus.hibernate.orm.panache.Panache;

import java.util.List;

/**
 * Refuses a second current fact with the same natural key: it would be counted twice (two
 * funding events for one round, two license periods of one artifact on one day). The existing
 * fact is named so that the client edits it instead.
 */
public final class Duplicates {
    private Duplicates() {
    }

    /**
     * @param where   a JPQL condition on the alias {@code f} with positional parameters ?1, ?2, …
     * @param self    the id of the fact being edited, which may keep its own key (null on a create)
     * @param field   the request field the conflict is reported on
     * @param path    the collection path, to tell the client where to edit the existing fact
     */
    public static <E extends VersionedFact> void refuse(Class<E> type, String where, Long self, String field, String what,
                                                        String path, Object... params) {
        var query = Panache.getEntityManager().createQuery("select f.id from " + type.getSimpleName()
                + " f where f.supersededAt is null and " + where, Long.class);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        List<Long> ids = query.getResultList();
        for (Long id : ids) {
            if (!id.equals(self)) {
                throw ApiProblem.conflict(field, what + " is already recorded as " + id + "; edit it (PUT " + path + "/" + id
                        + ") instead of recording it twice");
            }
        }
    }
}

package io.counterpower.common.paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A JPQL list query assembled from optional filters, with paging and a total count. Clauses are
 * written by our code; client values only ever travel as parameters.
 */
public final class ListQuery<E> {
    private final Class<E> type;
    private final String from;
    private final String alias;
    private final String tieBreaker;
    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /**
     * @param from       e.g. "OrganisationVersion o"
     * @param tieBreaker a unique expression appended to every ordering so that pages are stable
     */
    public ListQuery(Class<E> type, String from, String alias, String tieBreaker) {
        this.type = type;
        this.from = from;
        this.alias = alias;
        this.tieBreaker = tieBreaker;
    }

    /** A query over versioned facts, ordered last by their revision. */
    public static <E> ListQuery<E> facts(Class<E> type, String from, String alias) {
        return new ListQuery<>(type, from, alias, alias + ".rowId");
    }

    public ListQuery<E> and(String clause) {
        where.append(where.isEmpty() ? " where " : " and ").append('(').append(clause).append(')');
        return this;
    }

    /** Adds the clause only when the value is present. */
    public ListQuery<E> and(String clause, String param, Object value) {
        if (value != null) {
            and(clause);
            params.put(param, value);
        }
        return this;
    }

    /** Keeps the versions visible at {@code asOf} ("as recorded on"), or the current ones when it is null. */
    public ListQuery<E> visibleAt(String factAlias, java.time.Instant asOf) {
        if (asOf == null) {
            return and(factAlias + ".supersededAt is null");
        }
        // the database's rule (function visible_at, migration V063; common.fact builds on paging, not the reverse)
        return and("function('visible_at', " + factAlias + ".recordedAt, " + factAlias + ".supersededAt, :asOf) = true")
                .param("asOf", asOf);
    }

    public ListQuery<E> param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public <R> Page<R> page(EntityManager em, PageRequest request, Function<E, R> mapper) {
        TypedQuery<E> query = em.createQuery("select " + alias + " from " + from + where
                + " order by " + request.orderBy() + ", " + tieBreaker + " asc", type);
        TypedQuery<Long> count = em.createQuery("select count(" + alias + ") from " + from + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<R> items = query.setFirstResult(request.offset()).setMaxResults(request.size())
                .getResultList().stream().map(mapper).toList();
        return new Page<>(items, request.page(), request.size(), count.getSingleResult());
    }

    public List<E> all(EntityManager em, String orderBy) {
        TypedQuery<E> query = em.createQuery("select " + alias + " from " + from + where + " order by " + orderBy, type);
        params.forEach(query::setParameter);
        return query.getResultList();
    }
}

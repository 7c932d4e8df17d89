package io.counterpower.common.fact;

import io.counterpower.common.paging.ListQuery;

/**
 * One kind's filters of a list or export, parsed once from the request by {@link FactKind#filters}; the store adds
 * their clauses to its list query (resolving slugs and keys to ids there, in the read's transaction).
 */
@FunctionalInterface
public interface FactFilter<E> {
    void addTo(ListQuery<E> query);
}

package io.counterpower.common.fact;

import io.counterpower.common.problem.FieldErrors;

import java.util.List;
import java.util.Map;

/**
 * What {@link FactStore} needs to know about one kind of fact (a governance event, a funding
 * event, a license period…) to create, version, list, import and export it the same way as every
 * other kind. A feature implements it next to its entity.
 *
 * @param <E> the entity (one version of the fact)
 * @param <I> the request body that records it
 * @param <V> the view the API returns
 */
public interface FactKind<E extends VersionedFact, I extends FactInput, V> {

    /** The name used in URLs, audit rows and errors, e.g. "governance-event". */
    String name();

    Class<E> entityType();

    Class<I> inputType();

    /** API sort field -> query expression on the alias {@code f}. */
    Map<String, String> sortable();

    String defaultSort();

    /** Validates the input and builds a new, unsaved version, adding every problem to {@code errors}. */
    E build(I input, FieldErrors errors);

    V view(E fact);

    /** The request body that would record this fact again (exports use it, so imports read them back). */
    I input(E fact);

    /** The data version scope the fact belongs to: a project's, or the global one. */
    String dataScope(E fact);

    /** Organisations whose steward keys may write this fact (on its date). */
    List<String> stewards(E fact);

    /**
     * Parses this kind's own filters of a list or export into its own record (a 400 naming the first that does not
     * parse, in the kind's order), returned as the clauses it adds to the list query on the alias {@code f}.
     */
    FactFilter<E> filters(FactFilters params);

    /**
     * The natural key of the fact: an import that meets a current fact with the same key updates
     * it (or leaves it alone when nothing changed) instead of recording a duplicate.
     */
    String naturalKey(E fact);

    /**
     * Refuses (409) a create or an edit that would record a second current fact with the same
     * natural key, for kinds that allow only one; {@code self} is the id of the fact being edited
     * (null on a create), which may keep its own key. Imports never call it: they match rows to
     * current facts by natural key instead. By default duplicates are allowed.
     */
    default void checkUnique(E fact, Long self) {
    }

    /**
     * Columns that the CSV export writes after the import columns, derived from the recorded
     * fields (e.g. a funding event's amount in USD), in order. The import accepts and ignores
     * them, so that an export can be imported again unchanged. None by default.
     */
    default List<String> exportOnlyColumns() {
        return List.of();
    }

    /**
     * The values of {@link #exportOnlyColumns()} for one exported row, keyed by column; a missing
     * or null value is an empty cell (unknown, never 0).
     */
    default Map<String, Object> exportOnlyValues(I row) {
        return Map.of();
    }
}

package io.counterpower.common.fact;

import java.util.Map;

/** A {@link FactKind} whose name, types and sorting are given once, in the subclass's constructor. */
public abstract class DescribedFactKind<E extends VersionedFact, I extends FactInput, V> implements FactKind<E, I, V> {
    private final String name;
    private final Class<E> entityType;
    private final Class<I> inputType;
    private final Map<String, String> sortable;
    private final String defaultSort;

    protected DescribedFactKind(String name, Class<E> entityType, Class<I> inputType, Map<String, String> sortable,
                                String defaultSort) {
        this.name = name;
        this.entityType = entityType;
        this.inputType = inputType;
        this.sortable = sortable;
        this.defaultSort = defaultSort;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<E> entityType() {
        return entityType;
    }

    @Override
    public Class<I> inputType() {
        return inputType;
    }

    @Override
    public Map<String, String> sortable() {
        return sortable;
    }

    @Override
    public String defaultSort() {
        return defaultSort;
    }


    protected static SourceInput sourceOf(VersionedFact fact) {
        return new SourceInput(fact.sourceKind, fact.sourceUrl, fact.sourceNote, fact.sourceQuote, fact.confidence);
    }
}

package io.counterpower.common.fact;

/** A request body that records a fact: it always says where the fact comes from, and may say why. */
public interface FactInput {
    SourceInput source();

    String reason();
}

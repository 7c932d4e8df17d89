package io.counterpower.common.fact;

/**
 * A kind of fact whose disputes {@link FactDisputes} can apply when a curator accepts them, for
 * kinds written outside {@link FactStore} (affiliations, organisations and their parent periods,
 * projects and their repositories). Kinds written through {@link FactStore}
 * need nothing: the store applies their disputes itself.
 */
public interface DisputeTarget {
    /** The fact kind's name, as disputes record it (e.g. "affiliation"). */
    String kind();

    /**
     * Applies an accepted dispute as the calling curator's write, with the reason given, and returns
     * the stable id of the fact it wrote or closed.
     */
    long apply(FactDispute dispute, String reason);
}

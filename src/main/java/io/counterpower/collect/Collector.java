package io.counterpower.collect;

/**
 * Collects one source ({@code git}, {@code github} or {@code huggingface}) for a job. The
 * worker pool finds it by {@link #source()}. It records facts with that source, whoever asked
 * for the collection: a steward's collection is still read from the source, not self-reported.
 */
public interface Collector {

    /** The job source this collector handles, as in {@code job.source}. */
    String source();

    /** Runs the collection; a problem the requester can act on is a {@link CollectionFailure}. */
    void collect(CollectionRun run) throws CollectionFailure;
}

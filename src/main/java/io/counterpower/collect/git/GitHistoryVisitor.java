package io.counterpower.collect.git;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Receives a repository's history as the reader walks it, one item at a time, so that memory does
 * not grow with the history: the reader keeps no commit after handing it over, and a caller that
 * writes to a database buffers a batch and flushes it (see {@link #commitsInBatches}).
 *
 * <p>Order of calls in one read: {@link #counted} once; every {@link #commit} in the requested order;
 * {@link #commitsDone} once; then, walking the branch's first-parent line oldest first, the
 * {@link #governanceDocChange}s and {@link #licenseObservation}s of each commit; then {@link #finished}
 * once. An exception thrown by
 * a callback stops the read and propagates unchanged.
 */
interface GitHistoryVisitor {

    /**
     * How many commits the read is about to hand over, before the first of them: the walk that orders
     * them has visited them all by then, so no separate counting walk is needed.
     */
    default void counted(long commits) {
    }

    default void commit(CommitRecord commit) {
    }

    /** After the last {@link #commit}, before the first-parent line is followed. */
    default void commitsDone() {
    }

    default void licenseObservation(LicenseObservation observation) {
    }

    default void governanceDocChange(GovernanceDocChange change) {
    }

    /** Called last, after every other callback of the read. */
    default void finished(ReadSummary summary) {
    }

    /**
     * A visitor that hands commits to {@code onBatch} in lists of at most {@code batchSize}
     * (the last batch at {@link #finished}); each list is a fresh immutable copy the consumer may
     * keep. Other callbacks are ignored.
     */
    static GitHistoryVisitor commitsInBatches(int batchSize, Consumer<List<CommitRecord>> onBatch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        return new GitHistoryVisitor() {
            private final List<CommitRecord> pending = new ArrayList<>(batchSize);

            @Override
            public void commit(CommitRecord commit) {
                pending.add(commit);
                if (pending.size() == batchSize) {
                    flush();
                }
            }

            @Override
            public void finished(ReadSummary summary) {
                flush();
            }

            private void flush() {
                if (!pending.isEmpty()) {
                    List<CommitRecord> batch = List.copyOf(pending);
                    pending.clear();
                    onBatch.accept(batch);
                }
            }
        };
    }
}

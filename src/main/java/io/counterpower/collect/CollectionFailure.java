package io.counterpower.collect;

/**
 * A collection that cannot go on, with a message for the person who asked for it (it becomes the
 * job's {@code error}): the path does not exist, the branch is missing, the remote is unreachable.
 * Data written before the failure stays consistent: every batch is its own transaction, and the
 * cursor moves only once a repository is complete.
 */
public class CollectionFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public CollectionFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public CollectionFailure(String message) {
        super(message);
    }
}

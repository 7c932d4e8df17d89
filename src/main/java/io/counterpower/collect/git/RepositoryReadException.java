package io.counterpower.collect.git;

/**
 * Why a repository could not be read (or not read as asked), with a message a person can act on.
 * The reason lets a caller decide: retry later, fall back to a full read, accept a shallow history,
 * or report bad input.
 */
class RepositoryReadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Reason {
        /** The local path does not exist. */
        PATH_NOT_FOUND,
        /** The location or URL is malformed. */
        INVALID_LOCATION,
        /** The directory exists but holds no git repository. */
        NOT_A_REPOSITORY,
        /** The repository has no commit at all. */
        EMPTY_REPOSITORY,
        /** The repository is a shallow clone: its history is incomplete (see {@code ReadRequest.acceptingShallowHistory}). */
        SHALLOW_CLONE,
        /** The remote could not be reached or refused the clone or fetch. */
        REMOTE_UNREACHABLE,
        /** The clone target is a non-empty directory that is not a bare clone of the same remote. */
        TARGET_OCCUPIED,
        /** The named branch (or the branch HEAD points to) has no commit. */
        BRANCH_NOT_FOUND,
        /** The fork-point commit is not in the repository or not in the branch's history. */
        FORK_POINT_NOT_FOUND,
        /**
         * The commit an incremental read starts after is gone or no longer in the branch's history
         * (a force-push rewrote it): the caller should discard what it read and read in full.
         */
        HISTORY_REWRITTEN,
        /** Objects could not be read (corrupt or missing pack, I/O error). */
        UNREADABLE
    }

    private final Reason reason;

    RepositoryReadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    RepositoryReadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}

package io.counterpower.collect.git;

import java.util.List;

/**
 * One commit as read from the repository: handed to the caller one at a time and never retained
 * by the reader.
 *
 * @param sha                 the commit id (40 hex digits)
 * @param parentShas          the parents as written in the commit, first parent first; read from
 *                            the raw commit so that a commit cut off by a shallow clone still shows
 *                            its real parents
 * @param author              who wrote the change
 * @param committer           who put it into the history (for web-UI merges GitHub itself)
 * @param coAuthors           the people the {@code Co-authored-by} trailers of a non-merge commit name, as git
 *                            reads trailers, deduplicated (one GitHub account, address or name each), without
 *                            the author
 * @param contributions       what the commit counts as: a merge of its author, or a commit of its
 *                            author plus one commit per co-author
 * @param message             the full message, leniently decoded
 * @param originalMessage     the message bytes when they are not valid UTF-8, otherwise null
 * @param changedTrackedPaths license and governance paths that differ from the first parent
 *                            (all such paths for a root commit), sorted; see {@code TrackedPaths}
 */
record CommitRecord(
        String sha,
        List<String> parentShas,
        Signature author,
        Signature committer,
        List<GitIdentity> coAuthors,
        List<Contribution> contributions,
        String message,
        OriginalBytes originalMessage,
        List<String> changedTrackedPaths) {

    public CommitRecord {
        parentShas = List.copyOf(parentShas);
        coAuthors = List.copyOf(coAuthors);
        contributions = List.copyOf(contributions);
        changedTrackedPaths = List.copyOf(changedTrackedPaths);
    }

    int parentCount() {
        return parentShas.size();
    }

    /** Two or more parents. */
    public boolean isMerge() {
        return parentShas.size() >= 2;
    }
}

package io.counterpower.collect.git;

import org.eclipse.jgit.lib.ObjectId;

import java.util.Locale;
import java.util.Objects;

/**
 * What to read. Start from {@link #defaultBranch()} and refine:
 * <pre>{@code
 * ReadRequest.defaultBranch()
 *         .onBranch("main")
 *         .afterForkPoint(project.forkPointSha())   // a fork: skip the upstream's commits
 *         .since(lastRun.tipSha())                  // incremental: only what is new
 *         .identifyingLicensesWith(catalog::identify);
 * }</pre>
 *
 * @param branch            a branch name ({@code main}) or full ref ({@code refs/heads/main});
 *                          null reads what HEAD points to, the default branch
 * @param order             the order commits reach {@link GitHistoryVisitor#commit}
 * @param forkPointSha      for a fork, the upstream commit it forked from; it and everything
 *                          reachable from it belong to the upstream and are skipped; may be null
 * @param sinceSha          the tip read last time; only commits not reachable from it are read;
 *                          may be null for a full read
 * @param shallowHistory    whether a shallow clone is refused or read as an incomplete history
 * @param licenseIdentifier identifies license texts for the license periods
 */
record ReadRequest(
        String branch,
        CommitOrder order,
        String forkPointSha,
        String sinceSha,
        ShallowHistory shallowHistory,
        LicenseTextIdentifier licenseIdentifier) {

    /** The order in which commits are visited. Both are topological. */
    enum CommitOrder {
        /** Parents before children: the order history happened in. */
        OLDEST_FIRST,
        /** Children before parents, as {@code git log --topo-order}. */
        NEWEST_FIRST
    }

    /** What to do with a shallow clone. */
    enum ShallowHistory {
        /** Fail with {@link RepositoryReadException.Reason#SHALLOW_CLONE}: counts would be wrong. */
        REJECT,
        /** Read what is there; the summary says the history is incomplete. */
        ACCEPT_INCOMPLETE
    }

    public ReadRequest {
        order = order == null ? CommitOrder.OLDEST_FIRST : order;
        shallowHistory = shallowHistory == null ? ShallowHistory.REJECT : shallowHistory;
        licenseIdentifier = licenseIdentifier == null ? LicenseTextIdentifier.NONE : licenseIdentifier;
        branch = branch == null || branch.isBlank() ? null : branch.strip();
        forkPointSha = commitId(forkPointSha, "forkPointSha");
        sinceSha = commitId(sinceSha, "sinceSha");
    }

    /** Everything reachable from HEAD, oldest first, shallow clones refused, licenses unidentified. */
    static ReadRequest defaultBranch() {
        return new ReadRequest(null, null, null, null, null, null);
    }

    ReadRequest onBranch(String name) {
        return new ReadRequest(name, order, forkPointSha, sinceSha, shallowHistory, licenseIdentifier);
    }

    ReadRequest ordered(CommitOrder newOrder) {
        return new ReadRequest(branch, newOrder, forkPointSha, sinceSha, shallowHistory, licenseIdentifier);
    }

    ReadRequest afterForkPoint(String sha) {
        return new ReadRequest(branch, order, sha, sinceSha, shallowHistory, licenseIdentifier);
    }

    ReadRequest since(String sha) {
        return new ReadRequest(branch, order, forkPointSha, sha, shallowHistory, licenseIdentifier);
    }

    ReadRequest acceptingShallowHistory() {
        return new ReadRequest(branch, order, forkPointSha, sinceSha, ShallowHistory.ACCEPT_INCOMPLETE,
                licenseIdentifier);
    }

    ReadRequest identifyingLicensesWith(LicenseTextIdentifier identifier) {
        return new ReadRequest(branch, order, forkPointSha, sinceSha, shallowHistory,
                Objects.requireNonNull(identifier, "identifier"));
    }

    private static String commitId(String sha, String field) {
        if (sha == null || sha.isBlank()) {
            return null;
        }
        String normalised = sha.strip().toLowerCase(Locale.ROOT);
        if (!ObjectId.isId(normalised)) {
            throw new IllegalArgumentException(field + " must be a full 40-hex-digit commit id: " + sha);
        }
        return normalised;
    }
}

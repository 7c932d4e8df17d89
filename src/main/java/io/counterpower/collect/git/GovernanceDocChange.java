package io.counterpower.collect.git;

import java.time.Instant;
import java.util.Locale;

/**
 * A dated change to a governance document on the branch: a {@code governance-doc-change} event
 * (METHODOLOGY.md section 2, "governance"), and when {@link #claChange()} is set also the evidence
 * for a {@code cla-introduced} event.
 *
 * @param commitSha    the first-parent commit that changed the branch's copy of the document
 * @param at           that commit's committer instant: when the branch started to say it
 * @param path         the document's path after the change (before it, for a deletion)
 * @param previousPath the path before a rename, otherwise null
 * @param docKind      which document
 * @param change       added, modified, deleted or renamed
 * @param claChange    for CONTRIBUTING documents, whether the change added or removed a mention of
 *                     a Contributor License Agreement; {@link ClaChange#NONE} otherwise
 */
record GovernanceDocChange(
        String commitSha,
        Instant at,
        String path,
        String previousPath,
        DocKind docKind,
        ChangeKind change,
        ClaChange claChange) {

    /** The governance documents followed. */
    enum DocKind {
        MAINTAINERS, CODEOWNERS, OWNERS, GOVERNANCE, CONTRIBUTING
    }

    /** How the document changed between the commit's first parent and the commit. */
    enum ChangeKind {
        ADDED, MODIFIED, DELETED, RENAMED;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether a change introduced or dropped a CLA mention. */
    enum ClaChange {
        NONE, INTRODUCED, REMOVED
    }
}

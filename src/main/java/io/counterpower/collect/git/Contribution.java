package io.counterpower.collect.git;

import java.time.Instant;

/**
 * One act of work found in git (METHODOLOGY.md section 2, "contribution"): the reading's output
 * that the caller stores per project.
 *
 * @param kind      commit or merge
 * @param identity  who did it (check {@link GitIdentity#isBot()} before counting)
 * @param at        the author instant of the commit: a commit counts at its author date
 * @param commitSha the commit, the contribution's reference; a merge is deduplicated by it
 */
record Contribution(Kind kind, GitIdentity identity, Instant at, String commitSha) {

    /** The contribution kinds git can evidence (reviews, issues and releases come from platforms). */
    enum Kind {
        /** Authoring a non-merge commit, or being named in its {@code Co-authored-by} trailer. */
        COMMIT,
        /** Authoring a merge commit (two or more parents): the merging person. */
        MERGE;

        /** The code stored in {@code contribution.kind}. */
        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

/**
 * The git collector. Its reading half turns a git repository into the facts of METHODOLOGY.md
 * section 2 (contributions with identities, license periods, governance events and seats) and
 * reports them without touching the database; {@link io.counterpower.collect.git.GitCollector}
 * and its writers record them for a collection job (rules in docs/decisions.md, "Git collection", and
 * docs/engineering.md, "Collection jobs").
 *
 * <h2>Use</h2>
 * Open a {@link io.counterpower.collect.git.GitRepositoryReader} (a local path, a {@code file:} URL,
 * or {@code cloneOrFetch} for a remote), describe the read with a
 * {@link io.counterpower.collect.git.ReadRequest}, and receive the history in a
 * {@link io.counterpower.collect.git.GitHistoryVisitor}; the returned
 * {@link io.counterpower.collect.git.ReadSummary} holds the tip to start from next time, the license
 * periods and the seats. Problems are a {@link io.counterpower.collect.git.RepositoryReadException}
 * with a reason, raised before anything is handed over.
 *
 * <h2>Rules this package decides (where the methodology is silent)</h2>
 * <ul>
 * <li><b>Identities.</b> The {@code .mailmap} of the tip of the branch read is applied to authors,
 * committers and co-authors (a history is read with the project's current knowledge of who is who);
 * the identity carries the resolved name and the lower-cased resolved email, the signature keeps what
 * the commit recorded. An incremental read reports whether {@code .mailmap} changed since the last
 * one, so that the caller can re-resolve older identities.</li>
 * <li><b>Platform accounts.</b> A GitHub noreply address, recorded or resolved, gives the login and,
 * when present, the numeric id (which survives login renames).</li>
 * <li><b>Bots.</b> Flagged per identity, not per role: names or logins ending in {@code [bot]}, a
 * documented list of automation accounts, and {@code noreply@github.com} (web UI). A web-UI commit
 * thus has a bot committer and a person as author. Bots' contributions are still reported, flagged,
 * because the methodology keeps bot identities and excludes them from indicators.</li>
 * <li><b>Co-authors.</b> Every {@code Co-authored-by} trailer git reads ({@link io.counterpower.collect.git.CommitTrailers}:
 * the trailer block after the title, git's rules, the key in any case, folded values), checked against git on
 * real histories. A value names a person by name and address ({@code Name <address>}, a comment after it
 * ignored), by address alone, or by name alone ({@code <Awni Hannun>}, {@code rootedbox}); an empty value names
 * no one. Duplicates and the author are dropped, two noreply addresses of one GitHub account being one person,
 * and co-authors join contributors exactly as authors do. Each is a {@code commit} contribution at the author
 * date.</li>
 * <li><b>Merges.</b> A commit with two or more parents is one {@code merge} contribution of its author
 * and no {@code commit} contribution: the merged commits carry the work and count on their own, and
 * counting the merge as a commit too would double the merger's share. Trailers of a merge's message
 * are not read, for the same reason. Squash and rebase merges are ordinary commits of the pull
 * request's author; who clicked the button is the GitHub collector's {@code merged_by}.</li>
 * <li><b>Forks and incremental reads.</b> The fork point and the last tip are excluded with everything
 * they reach. A last tip that is gone, or no longer in the branch's history, is
 * {@code HISTORY_REWRITTEN}: partial re-reads of rewritten history would leave stale commits behind.</li>
 * <li><b>License and governance history</b> follows the branch's first-parent line: it is the sequence
 * of states the branch itself went through, so a change made on a feature branch is dated when its
 * merge lands, at the committer instant of that commit. License files are compared as a set of
 * (path, content) per artifact, so a rename with the same text is an observation but continues the
 * period. A full read reports the whole state at its first commit: for a repository, the root commit
 * ("no license" for code when it has no license file); for a fork, its first own commit, since the
 * fork holds its inherited terms and seats from then on. An incremental read starts from the state at
 * its boundary and reports only changes.</li>
 * <li><b>Artifacts.</b> Code always has a state (no file is {@code NONE}, level 7); weights, data and
 * docs exist once they had a dedicated file, and losing it is an explicit {@code NONE} for that
 * artifact, which a manual period can override. Several files of one artifact are combined with
 * {@code AND}, the cautious reading; any unidentified file makes the artifact unidentified.</li>
 * <li><b>Seats.</b> A holder listed in any file of one kind (all CODEOWNERS locations, all MAINTAINERS
 * files) holds one seat of that kind, so moving CODEOWNERS to {@code .github/} changes no seat.
 * MAINTAINERS entries under headings such as "Emeritus" or "Alumni" are not seats. The list under a
 * "Technical Steering Committee" (or "TSC") heading of CONTRIBUTING and GOVERNANCE files holds the seats
 * of a {@code steering-committee} body (docs/decisions.md, "OpenTofu's TSC"). OWNERS files are
 * reported as document changes only (their format is the projects' own).</li>
 * <li><b>Encoding.</b> Commit bytes are decoded UTF-8 first, then with the commit's declared encoding,
 * then byte per character; bytes that are not UTF-8 are kept as
 * {@link io.counterpower.collect.git.OriginalBytes}. A malformed line never stops a read.</li>
 * </ul>
 */
package io.counterpower.collect.git;

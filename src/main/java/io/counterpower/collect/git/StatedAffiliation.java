package io.counterpower.collect.git;

import java.time.Instant;

/**
 * An affiliation a MAINTAINERS file states for a holder it lists, as a period: from the first-parent
 * commit that first states it to the one that stops listing the holder or states another
 * organisation. The file's own words are the evidence (docs/decisions.md, "Seat holders' stated
 * affiliations").
 *
 * @param holder        who the file lists
 * @param organisation  the organisation as the file writes it (matched to a recorded one by the writer)
 * @param row           the table row that states it, kept as the quote
 * @param path          the file's path in the repository
 * @param fromCommitSha the commit that first states it; null when it was already stated at the boundary
 *                      of an incremental read (the caller holds the start)
 * @param from          that commit's committer instant, null with {@code fromCommitSha}
 * @param toCommitSha   the commit that stopped stating it, null while still stated at the tip
 * @param to            that commit's committer instant, null while open
 */
record StatedAffiliation(
        SeatHolder holder,
        String organisation,
        String row,
        String path,
        String fromCommitSha,
        Instant from,
        String toCommitSha,
        Instant to) {
}

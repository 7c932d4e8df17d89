package io.counterpower.collect.git;

import java.time.Instant;
import java.util.Locale;

/**
 * A seat listed in a CODEOWNERS or MAINTAINERS file or a steering committee's section, as a period: it starts at the first-parent
 * commit that first lists the holder and ends at the one that stops listing them (METHODOLOGY.md
 * section 2, "governance": seats {@code body, holder, role, from, to}).
 *
 * @param source        which kind of file lists the seat; a holder listed in several files of the
 *                      same kind (root and {@code .github/CODEOWNERS}) holds one seat
 * @param holder        who holds it
 * @param fromCommitSha the commit that started listing the holder; null when the holder was already
 *                      listed at the boundary of an incremental read (the caller holds the start)
 * @param from          that commit's committer instant, null with {@code fromCommitSha}
 * @param toCommitSha   the commit that stopped listing the holder, null while still listed at the tip
 * @param to            that commit's committer instant, null while open
 */
record MaintainerSeat(
        Source source,
        SeatHolder holder,
        String fromCommitSha,
        Instant from,
        String toCommitSha,
        Instant to) {

    /** The file kind a seat comes from, and the role it implies. */
    enum Source {
        /** {@code CODEOWNERS}: the holder's review is required for some paths. */
        CODEOWNERS("code-owner"),
        /** {@code MAINTAINERS*}: the project says the holder maintains it. */
        MAINTAINERS("maintainer"),
        /**
         * A "Technical Steering Committee" section of {@code CONTRIBUTING*} or {@code GOVERNANCE*}: the
         * holder is a member of the project's steering committee (docs/decisions.md, "OpenTofu's TSC").
         */
        STEERING_COMMITTEE("member");

        private final String role;

        Source(String role) {
            this.role = role;
        }

        /** The role stored with the seat in the {@code maintainers} body. */
        String role() {
            return role;
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isOpen() {
        return to == null;
    }
}

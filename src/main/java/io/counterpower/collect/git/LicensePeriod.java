package io.counterpower.collect.git;

import java.time.Instant;

/**
 * A period during which the branch stated the same terms for an artifact (METHODOLOGY.md section
 * 2, "licenses"). Consecutive observations with the same identified expression (or, unidentified,
 * the same text) are one period: a copyright-year edit or a rename of {@code COPYING} to
 * {@code LICENSE.txt} does not start a new one. A period lasts until the next period of its artifact.
 *
 * @param artifact          the artifact
 * @param expression        the SPDX expression; {@value #NO_LICENSE} when the branch held no license
 *                          file for the artifact; null when the text is not identified
 * @param textSha256        the hash of the text that opened the period; null for no license
 * @param validFrom         the committer instant of the commit that opened it
 * @param evidenceCommitSha that commit
 */
public record LicensePeriod(
        LicenseArtifact artifact,
        String expression,
        String textSha256,
        Instant validFrom,
        String evidenceCommitSha) {

    /**
     * The expression of "no license file": SPDX's {@code NONE}, which the catalog places at level 7
     * (all rights reserved, METHODOLOGY.md section 5).
     */
    public static final String NO_LICENSE = "NONE";

    public boolean isIdentified() {
        return expression != null;
    }
}

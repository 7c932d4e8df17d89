package io.counterpower.collect.git;

import java.time.Instant;
import java.util.Map;

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
 * @param parameters        what the opening text's parameters were filled in with (BUSL-1.1), empty otherwise
 */
record ObservedLicensePeriod(
        LicenseArtifact artifact,
        String expression,
        String textSha256,
        Instant validFrom,
        String evidenceCommitSha,
        Map<String, String> parameters) {

    public ObservedLicensePeriod {
        parameters = Map.copyOf(parameters);
    }

    ObservedLicensePeriod(LicenseArtifact artifact, String expression, String textSha256, Instant validFrom,
            String evidenceCommitSha) {
        this(artifact, expression, textSha256, validFrom, evidenceCommitSha, Map.of());
    }

    /**
     * The expression of "no license file" once the artifact had one: the file was deleted, which ends
     * the period; what follows is unknown (METHODOLOGY.md section 2), recorded as {@code NOASSERTION}.
     * Before an artifact's first license file there is no period at all.
     */
    static final String NO_LICENSE = "NONE";

    public boolean isIdentified() {
        return expression != null;
    }
}

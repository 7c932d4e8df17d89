package io.counterpower.license;

import java.util.List;
import java.util.Optional;

/**
 * The result of identifying a license text.
 *
 * @param licenseId the catalog id the text was identified as, null when nothing matched (never guessed)
 * @param method how it was identified, {@code none} when it was not
 * @param score 1.0 for an exact or key-phrase match, the word-pair Dice coefficient for a template or similarity
 *     match; for no match the best coefficient among the candidates, 0 when none reached 0.80
 * @param normalisedSha256 SHA-256 of the normalised text, comparable with {@link FingerprintKind#NORMALISED_SHA256}
 * @param alternatives other ids the same evidence fits equally well (the text of {@code GPL-3.0-only} is also that
 *     of {@code GPL-3.0-or-later}: only a notice outside the license text tells them apart)
 */
public record LicenseTextMatch(String licenseId, MatchMethod method, double score, String normalisedSha256,
        List<String> alternatives) {

    public LicenseTextMatch {
        alternatives = List.copyOf(alternatives);
        if ((licenseId == null) != (method == MatchMethod.NONE)) {
            throw new IllegalArgumentException("a match has an id and a method; no match has neither");
        }
    }

    static LicenseTextMatch none(double bestScore, String normalisedSha256) {
        return new LicenseTextMatch(null, MatchMethod.NONE, bestScore, normalisedSha256, List.of());
    }

    /** True when the text was identified. */
    public boolean matched() {
        return licenseId != null;
    }

    /** The identified id, empty when nothing matched. */
    public Optional<String> matchedId() {
        return Optional.ofNullable(licenseId);
    }
}

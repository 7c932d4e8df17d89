package io.counterpower.license;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of identifying a license text.
 *
 * @param licenseId the catalog id the text was identified as or, for a text that grants a choice of licenses (Redis's
 *     "RSALv2 or SSPLv1"), the SPDX expression it grants; null when nothing matched (never guessed)
 * @param method how it was identified, {@code none} when it was not
 * @param score 1.0 for an exact or key-phrase match, the word-pair Dice coefficient for a template or similarity
 *     match; for no match the best coefficient among the candidates, 0 when none reached 0.80
 * @param normalisedSha256 SHA-256 of the normalised text, comparable with {@link FingerprintKind#NORMALISED_SHA256}
 * @param alternatives other ids the same evidence fits equally well (the text of {@code GPL-3.0-only} is also that
 *     of {@code GPL-3.0-or-later}: only a notice outside the license text tells them apart)
 * @param parameters what a license with parameters was filled in with (BUSL-1.1: licensor, licensedWork,
 *     additionalUseGrant, changeDate, changeLicense, and convertsTo, the SPDX id of the change license when the catalog
 *     knows it); empty for other texts
 */
public record LicenseTextMatch(String licenseId, MatchMethod method, double score, String normalisedSha256,
        List<String> alternatives, Map<String, String> parameters) {

    public LicenseTextMatch {
        alternatives = List.copyOf(alternatives);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if ((licenseId == null) != (method == MatchMethod.NONE)) {
            throw new IllegalArgumentException("a match has an id and a method; no match has neither");
        }
    }

    LicenseTextMatch(String licenseId, MatchMethod method, double score, String normalisedSha256,
            List<String> alternatives) {
        this(licenseId, method, score, normalisedSha256, alternatives, Map.of());
    }

    static LicenseTextMatch none(double bestScore, String normalisedSha256) {
        return new LicenseTextMatch(null, MatchMethod.NONE, bestScore, normalisedSha256, List.of());
    }

    /** True when the text was identified. */
    boolean matched() {
        return licenseId != null;
    }

    /** The identified id, empty when nothing matched. */
    public Optional<String> matchedId() {
        return Optional.ofNullable(licenseId);
    }
}

package io.counterpower.license;

import java.util.List;
import java.util.Optional;

/**
 * The restrictiveness of an SPDX license expression (METHODOLOGY.md section 5), with how sure it is.
 *
 * <p>{@code level} is null when the expression is unknown: it names a license the catalog does not know or has not
 * classified, and no known part decides the result. The bounds are always given: the level lies in
 * {@code [lowerBound, upperBound]} whatever the unknown licenses turn out to be ({@code MIT OR LicenseRef-Unknown}:
 * level null, bounds 0..1). A known level has equal bounds.
 *
 * @param expression the expression as given
 * @param normalised the expression with canonical ids, deprecated ids replaced, upper-case operators and only the
 *     parentheses precedence needs; null when malformed
 * @param level 0..7, null when unknown or malformed
 * @param lowerBound the least restrictive level the expression can have
 * @param upperBound the most restrictive level the expression can have
 * @param unknownIds ids (licenses and exceptions) that are not in the catalog or are not classified, as written
 * @param malformedReason why the expression could not be read, null when it could
 */
public record ExpressionLevel(
        String expression,
        String normalised,
        Integer level,
        int lowerBound,
        int upperBound,
        List<String> unknownIds,
        String malformedReason) {

    /**
     * The id that records "no license": a repository without a license file, all rights reserved (level 7). It is
     * an explicit input, distinct from an unknown or missing license.
     */
    static final String NO_LICENSE_ID = "LicenseRef-No-License";

    public ExpressionLevel {
        unknownIds = List.copyOf(unknownIds);
        if (lowerBound < LicenseCategory.LOWEST_LEVEL || upperBound > LicenseCategory.HIGHEST_LEVEL
                || lowerBound > upperBound) {
            throw new IllegalArgumentException("bounds " + lowerBound + ".." + upperBound + " are not within 0..7");
        }
        if (level != null && (level != lowerBound || level != upperBound)) {
            throw new IllegalArgumentException("a known level must equal both bounds");
        }
    }

    /** A repository with no license file: nothing is granted, level 7. */
    static ExpressionLevel noLicense() {
        int proprietary = LicenseCategory.PROPRIETARY.level();
        return new ExpressionLevel(NO_LICENSE_ID, NO_LICENSE_ID, proprietary, proprietary, proprietary, List.of(), null);
    }

    /** An expression that could not be read: unknown, anywhere between 0 and 7. */
    static ExpressionLevel malformed(String expression, String reason) {
        return new ExpressionLevel(expression, null, null, LicenseCategory.LOWEST_LEVEL,
                LicenseCategory.HIGHEST_LEVEL, List.of(), reason);
    }

    /** True when the level is known. */
    boolean known() {
        return level != null;
    }

    /** True when the expression could not be read. */
    boolean malformed() {
        return malformedReason != null;
    }

    /** The category of the level, empty when unknown. */
    Optional<LicenseCategory> category() {
        return LicenseCategory.ofLevel(level);
    }
}

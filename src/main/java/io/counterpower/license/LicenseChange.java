package io.counterpower.license;

import java.util.Objects;

/**
 * The change between two consecutive license periods of one artifact (METHODOLOGY.md section 5): a new period that
 * raises the level is restrictive, one that lowers it liberalising.
 *
 * <p>When a level is unknown the change is {@code unknown}, unless the bounds leave no doubt: from
 * {@code MIT OR LicenseRef-X} (0..1) to {@code BUSL-1.1} (5) the level rose whatever X is. The same normalised
 * expression is no change even when its level is unknown: the terms did not change.
 *
 * @param previous the level of the earlier period
 * @param next the level of the later period
 * @param kind the direction of the change
 */
record LicenseChange(ExpressionLevel previous, ExpressionLevel next, LicenseChangeKind kind) {

    public LicenseChange {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(kind, "kind");
    }

    /** Classifies the change from {@code previous} to {@code next}. */
    static LicenseChange between(ExpressionLevel previous, ExpressionLevel next) {
        return new LicenseChange(previous, next, kindOf(previous, next));
    }

    /** True when the level rose. */
    boolean restrictive() {
        return kind == LicenseChangeKind.RESTRICTIVE;
    }

    private static LicenseChangeKind kindOf(ExpressionLevel previous, ExpressionLevel next) {
        // SPDX matches ids whatever their case; the normalised operators are upper-case on both sides.
        if (!previous.malformed() && !next.malformed() && previous.normalised().equalsIgnoreCase(next.normalised())) {
            return LicenseChangeKind.NONE;
        }
        if (next.lowerBound() > previous.upperBound()) {
            return LicenseChangeKind.RESTRICTIVE;
        }
        if (next.upperBound() < previous.lowerBound()) {
            return LicenseChangeKind.LIBERALISING;
        }
        if (previous.known() && next.known()) {
            return LicenseChangeKind.NONE; // both known and neither above the other: the same level
        }
        return LicenseChangeKind.UNKNOWN;
    }
}

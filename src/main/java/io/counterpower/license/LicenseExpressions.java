package io.counterpower.license;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * Reads SPDX license expressions against the {@link LicenseCatalog} and computes their restrictiveness
 * (METHODOLOGY.md section 5; rules in docs/license-levels.md): {@code A OR B} has the level of its least
 * restrictive option, {@code A AND B} of its most restrictive part, {@code X WITH exception} the level of X except
 * that a linking exception lowers a strong copyleft to 2. Deprecated ids are read as their replacements
 * ({@code GPL-3.0} as {@code GPL-3.0-only}). A malformed expression is reported in the result, never thrown.
 */
@Singleton
public class LicenseExpressions {

    private final LicenseCatalog catalog;
    private volatile ExpressionEvaluator evaluator;

    @Inject
    LicenseExpressions(LicenseCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The level, bounds, unknown ids and normalised form of an expression; malformed input is reported. */
    public ExpressionLevel evaluate(String expression) {
        return evaluator().evaluate(expression);
    }

    /** The change between the expression of one period and that of the next period of the same artifact. */
    LicenseChange change(String previous, String next) {
        return LicenseChange.between(evaluate(previous), evaluate(next));
    }

    private ExpressionEvaluator evaluator() {
        ExpressionEvaluator current = evaluator;
        if (current == null) {
            // A race builds two evaluators over the same catalog; either is correct.
            current = new ExpressionEvaluator(catalog.vocabulary());
            evaluator = current;
        }
        return current;
    }
}

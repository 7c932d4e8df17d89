package io.counterpower.license;

import io.counterpower.license.ExpressionNode.Conjunction;
import io.counterpower.license.ExpressionNode.Disjunction;
import io.counterpower.license.ExpressionNode.ExceptionTerm;
import io.counterpower.license.ExpressionNode.LicenseTerm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Computes the level of a parsed expression (METHODOLOGY.md section 5, rules in docs/license-levels.md).
 *
 * <p>Every sub-expression carries an interval [low, high] of the levels it can have. A classified license is the
 * interval [level, level], an unknown one [0, 7]. A choice ({@code OR}) takes the minimum of both ends, since the
 * user may pick the least restrictive option; a conjunction ({@code AND}) the maximum. The level is known exactly
 * when the interval has shrunk to one point, which is how "a known option decides it" is computed: {@code CC0-1.0 OR
 * X} is [0, 0], {@code LicenseRef-No-License AND X} is [7, 7].
 */
final class ExpressionEvaluator {

    private static final int OR_PRECEDENCE = 1;
    private static final int AND_PRECEDENCE = 2;
    private static final int TERM_PRECEDENCE = 3;
    private static final int STRONG_COPYLEFT = LicenseCategory.STRONG_COPYLEFT.level();
    private static final int WEAK_COPYLEFT = LicenseCategory.WEAK_COPYLEFT.level();
    private static final Set<String> NO_ASSERTION = Set.of("NONE", "NOASSERTION");

    private final LicenseVocabulary vocabulary;
    private final Map<String, Optional<ExpressionNode>> replacements = new ConcurrentHashMap<>();

    ExpressionEvaluator(LicenseVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    ExpressionLevel evaluate(String expression) {
        ExpressionNode tree;
        try {
            tree = ExpressionParser.parse(expression);
        } catch (MalformedExpressionException e) {
            return ExpressionLevel.malformed(expression, e.getMessage());
        }
        Set<String> unknownIds = new LinkedHashSet<>();
        Interval result = evaluate(tree, unknownIds);
        return new ExpressionLevel(expression, result.text(), result.level(), result.low(), result.high(),
                new ArrayList<>(unknownIds), null);
    }

    private Interval evaluate(ExpressionNode node, Set<String> unknownIds) {
        if (node instanceof LicenseTerm term) {
            return term(term, unknownIds);
        }
        if (node instanceof ExceptionTerm exceptionTerm) {
            return withException(exceptionTerm, unknownIds);
        }
        if (node instanceof Conjunction conjunction) {
            List<Interval> parts = conjunction.parts().stream().map(part -> evaluate(part, unknownIds)).toList();
            return new Interval(
                    parts.stream().mapToInt(Interval::low).max().orElseThrow(),
                    parts.stream().mapToInt(Interval::high).max().orElseThrow(),
                    join(parts, " AND ", AND_PRECEDENCE), AND_PRECEDENCE);
        }
        Disjunction disjunction = (Disjunction) node;
        List<Interval> options = disjunction.options().stream().map(option -> evaluate(option, unknownIds)).toList();
        return new Interval(
                options.stream().mapToInt(Interval::low).min().orElseThrow(),
                options.stream().mapToInt(Interval::high).min().orElseThrow(),
                join(options, " OR ", OR_PRECEDENCE), OR_PRECEDENCE);
    }

    private Interval term(LicenseTerm term, Set<String> unknownIds) {
        String id = term.id();
        if (NO_ASSERTION.contains(id.toUpperCase(Locale.ROOT))) {
            return unknown(id.toUpperCase(Locale.ROOT), unknownIds);
        }
        if (!term.orLater()) {
            return vocabulary.license(id)
                    .map(entry -> entryInterval(entry, unknownIds))
                    .orElseGet(() -> unknown(id, unknownIds));
        }
        return orLater(id, unknownIds);
    }

    /**
     * {@code X+}: an SPDX id of its own when SPDX has one ({@code GPL-2.0+}, deprecated, read as
     * {@code GPL-2.0-or-later}), else the {@code -or-later} id of the family, else X's own level: "X or any later
     * version" lets the user stay on X, and later versions the catalog cannot know are not guessed.
     */
    private Interval orLater(String id, Set<String> unknownIds) {
        Optional<LicenseEntry> ownId = vocabulary.license(id + "+");
        if (ownId.isPresent()) {
            return entryInterval(ownId.get(), unknownIds);
        }
        Optional<LicenseEntry> found = vocabulary.license(id);
        if (found.isEmpty()) {
            return unknown(id + "+", unknownIds);
        }
        LicenseEntry base = singleReplacement(found.get()).orElse(found.get());
        String family = base.id().endsWith("-only") ? base.id().substring(0, base.id().length() - 5) : base.id();
        Optional<LicenseEntry> orLaterId = vocabulary.license(family + "-or-later");
        if (orLaterId.isPresent()) {
            return entryInterval(orLaterId.get(), unknownIds);
        }
        if (base.level() == null) {
            return unknown(base.id() + "+", unknownIds);
        }
        return new Interval(base.level(), base.level(), base.id() + "+", TERM_PRECEDENCE);
    }

    /**
     * {@code X WITH exception}. An exception only adds permissions; a curated linking exception lowers a strong
     * copyleft (3) to weak copyleft (2), any other leaves the level alone. An exception the catalog does not know
     * might be a linking one, so it widens the interval downwards by that much and no further.
     */
    private Interval withException(ExceptionTerm term, Set<String> unknownIds) {
        Interval license = term.license().orLater()
                ? orLater(term.license().id(), unknownIds)
                : licenseBeforeException(term.license(), unknownIds);
        Optional<String> exception = vocabulary.exception(term.exceptionId());
        String text = license.text() + " WITH " + exception.orElse(term.exceptionId());
        if (exception.isEmpty()) {
            unknownIds.add(term.exceptionId());
            return new Interval(linked(license.low()), license.high(), text, TERM_PRECEDENCE);
        }
        if (vocabulary.isLinkingException(exception.get())) {
            return new Interval(linked(license.low()), linked(license.high()), text, TERM_PRECEDENCE);
        }
        return new Interval(license.low(), license.high(), text, TERM_PRECEDENCE);
    }

    /**
     * The license part of {@code X WITH e}. A deprecated X is replaced only by a single id: its replacement may
     * already carry an exception ({@code GPL-2.0-with-classpath-exception}) and SPDX allows one WITH per license.
     */
    private Interval licenseBeforeException(LicenseTerm license, Set<String> unknownIds) {
        if (NO_ASSERTION.contains(license.id().toUpperCase(Locale.ROOT))) {
            return unknown(license.id().toUpperCase(Locale.ROOT), unknownIds);
        }
        Optional<LicenseEntry> found = vocabulary.license(license.id());
        if (found.isEmpty()) {
            return unknown(license.id(), unknownIds);
        }
        LicenseEntry entry = singleReplacement(found.get()).orElse(found.get());
        if (entry.level() == null) {
            return unknown(entry.id(), unknownIds);
        }
        return new Interval(entry.level(), entry.level(), entry.id(), TERM_PRECEDENCE);
    }

    private Interval entryInterval(LicenseEntry entry, Set<String> unknownIds) {
        if (entry.deprecated() && entry.replacedBy() != null) {
            Optional<ExpressionNode> replacement = replacement(entry);
            if (replacement.isPresent()) {
                return evaluate(replacement.get(), unknownIds);
            }
        }
        if (entry.level() == null) {
            return unknown(entry.id(), unknownIds);
        }
        return new Interval(entry.level(), entry.level(), entry.id(), TERM_PRECEDENCE);
    }

    private Optional<LicenseEntry> singleReplacement(LicenseEntry entry) {
        if (!entry.deprecated() || entry.replacedBy() == null) {
            return Optional.empty();
        }
        return replacement(entry)
                .filter(LicenseTerm.class::isInstance)
                .map(LicenseTerm.class::cast)
                .filter(term -> !term.orLater())
                .flatMap(term -> vocabulary.license(term.id()));
    }

    private Optional<ExpressionNode> replacement(LicenseEntry entry) {
        // The replacements are curated or derived from SPDX ids; one that does not parse leaves the id unexpanded.
        return replacements.computeIfAbsent(entry.id(), id -> {
            try {
                return Optional.of(ExpressionParser.parse(entry.replacedBy()));
            } catch (MalformedExpressionException e) {
                return Optional.empty();
            }
        });
    }

    private static Interval unknown(String id, Set<String> unknownIds) {
        unknownIds.add(id);
        return new Interval(LicenseCategory.LOWEST_LEVEL, LicenseCategory.HIGHEST_LEVEL, id, TERM_PRECEDENCE);
    }

    /** The effect of a linking exception on one level. Monotonic, so it can be applied to both interval ends. */
    private static int linked(int level) {
        return level == STRONG_COPYLEFT ? WEAK_COPYLEFT : level;
    }

    private static String join(List<Interval> operands, String operator, int precedence) {
        return operands.stream()
                .map(operand -> operand.precedence() < precedence ? "(" + operand.text() + ")" : operand.text())
                .collect(Collectors.joining(operator));
    }

    /** The levels a sub-expression can have, with its normalised text and how tightly that text binds. */
    private record Interval(int low, int high, String text, int precedence) {

        Integer level() {
            return low == high ? low : null;
        }
    }
}

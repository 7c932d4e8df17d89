package io.counterpower.license;

import static io.counterpower.license.SharedCatalog.CATALOG;
import static io.counterpower.license.SharedCatalog.EXPRESSIONS;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Generated expressions with a fixed seed, checked against an independent model of the rules: a choice is the
 * minimum of its options, a conjunction the maximum of its parts, and the bounds of an expression with unknown ids
 * are its levels with every unknown replaced by the least and by the most restrictive license.
 */
class RandomExpressionInvariantsTest {

    private static final int EXPRESSIONS_PER_TEST = 3000;
    private static final List<LicenseEntry> KNOWN = CATALOG.entries().stream()
            .filter(entry -> entry.classified() && !entry.deprecated())
            .toList();

    /** A generated expression: a leaf license, or an operator over children. */
    private record Node(String id, Integer level, boolean or, List<Node> children) {

        boolean leaf() {
            return children.isEmpty();
        }
    }

    @Test
    void choiceIsTheMinimumAndConjunctionTheMaximum() {
        Random random = new Random(42);
        for (int i = 0; i < EXPRESSIONS_PER_TEST; i++) {
            Node tree = generate(random, 0, 0.0);
            String expression = render(tree, random, node -> node.id());
            ExpressionLevel level = assertDoesNotThrow(() -> EXPRESSIONS.evaluate(expression), expression);
            Integer expected = expectedLevel(tree, node -> node.level());
            assertEquals(expected, level.level(), expression);
            assertEquals(expected, level.lowerBound(), expression);
            assertEquals(expected, level.upperBound(), expression);
            assertTrue(level.unknownIds().isEmpty(), expression);
            // The normalised form means the same thing.
            assertEquals(expected, EXPRESSIONS.evaluate(level.normalised()).level(), level.normalised());
        }
    }

    @Test
    void boundsAreTheLevelsWithUnknownsAtEitherExtreme() {
        Random random = new Random(42);
        for (int i = 0; i < EXPRESSIONS_PER_TEST; i++) {
            Node tree = generate(random, 0, 0.25);
            String expression = render(tree, random, node -> node.id());
            ExpressionLevel level = assertDoesNotThrow(() -> EXPRESSIONS.evaluate(expression), expression);
            int lowest = expectedLevel(tree, node -> node.level() == null ? 0 : node.level());
            int highest = expectedLevel(tree, node -> node.level() == null ? 7 : node.level());
            assertEquals(lowest, level.lowerBound(), expression);
            assertEquals(highest, level.upperBound(), expression);
            assertTrue(level.lowerBound() <= level.upperBound(), expression);
            if (level.known()) {
                assertTrue(level.lowerBound() <= level.level() && level.level() <= level.upperBound(), expression);
                assertEquals(lowest, level.level(), expression);
            } else {
                assertTrue(lowest < highest, expression);
            }
            // Substituting the extremes gives expressions without unknowns at exactly the bounds.
            assertEquals(lowest, EXPRESSIONS.evaluate(render(tree, new Random(i),
                    node -> node.level() == null ? "CC0-1.0" : node.id())).level(), expression);
            assertEquals(highest, EXPRESSIONS.evaluate(render(tree, new Random(i),
                    node -> node.level() == null ? ExpressionLevel.NO_LICENSE_ID : node.id())).level(), expression);
        }
    }

    @Test
    void arbitraryTokenSoupNeverThrows() {
        Random random = new Random(42);
        String[] tokens = {"MIT", "AND", "OR", "WITH", "(", ")", "+", "GPL-2.0", "Classpath-exception-2.0", "and",
            "LicenseRef-X", "NOASSERTION", "", " ", "-", ".", ":", "DocumentRef-a:", "\u00e9", "\t", "with"};
        for (int i = 0; i < EXPRESSIONS_PER_TEST; i++) {
            StringBuilder soup = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                soup.append(tokens[random.nextInt(tokens.length)]);
                if (random.nextBoolean()) {
                    soup.append(' ');
                }
            }
            String expression = soup.toString();
            ExpressionLevel level = assertDoesNotThrow(() -> EXPRESSIONS.evaluate(expression), expression);
            assertTrue(level.malformed() || level.normalised() != null, expression);
            assertTrue(level.lowerBound() <= level.upperBound(), expression);
        }
    }

    private static Node generate(Random random, int depth, double unknownShare) {
        if (depth >= 4 || random.nextInt(3) == 0) {
            if (random.nextDouble() < unknownShare) {
                return new Node("LicenseRef-Generated-" + random.nextInt(5), null, false, List.of());
            }
            LicenseEntry entry = KNOWN.get(random.nextInt(KNOWN.size()));
            return new Node(entry.id(), entry.level(), false, List.of());
        }
        List<Node> children = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            children.add(generate(random, depth + 1, unknownShare));
        }
        return new Node(null, null, random.nextBoolean(), children);
    }

    /** The model: min over a choice, max over a conjunction, with each leaf's level given by {@code leafLevel}. */
    private static Integer expectedLevel(Node node, Function<Node, Integer> leafLevel) {
        if (node.leaf()) {
            return leafLevel.apply(node);
        }
        List<Integer> levels = node.children().stream().map(child -> expectedLevel(child, leafLevel)).toList();
        if (levels.contains(null)) {
            return null;
        }
        return node.or() ? levels.stream().min(Integer::compare).orElseThrow()
                : levels.stream().max(Integer::compare).orElseThrow();
    }

    /** Always parenthesises inner operators, with random case and spacing, so that parsing is exercised too. */
    private static String render(Node node, Random random, Function<Node, String> leafText) {
        if (node.leaf()) {
            String id = leafText.apply(node);
            return random.nextInt(4) == 0 ? id.toLowerCase(Locale.ROOT) : id;
        }
        String operator = node.or() ? "OR" : "AND";
        if (random.nextInt(4) == 0) {
            operator = operator.toLowerCase(Locale.ROOT);
        }
        List<String> parts = new ArrayList<>();
        for (Node child : node.children()) {
            String text = render(child, random, leafText);
            parts.add(child.leaf() ? text : "(" + text + ")");
        }
        return String.join(random.nextBoolean() ? " " + operator + " " : "  " + operator + "\t", parts);
    }
}

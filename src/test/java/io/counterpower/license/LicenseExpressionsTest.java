package io.counterpower.license;

import static io.counterpower.license.SharedCatalog.EXPRESSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LicenseExpressionsTest {

    @Test
    void choiceTakesTheLeastRestrictiveOption() {
        // Redis 8: RSALv2 OR SSPLv1 OR AGPLv3 (METHODOLOGY.md section 5).
        assertKnown("LicenseRef-RSAL-2.0 OR SSPL-1.0 OR AGPL-3.0-only", 3);
        assertKnown("LicenseRef-RSAL-2.0 OR SSPL-1.0", 5);
    }

    @Test
    void conjunctionTakesTheMostRestrictivePart() {
        assertKnown("MIT AND CC-BY-NC-4.0", 6);
        assertKnown("(MIT OR GPL-3.0-only) AND Apache-2.0", 1);
        assertKnown("Apache-2.0 AND LicenseRef-Commons-Clause", 5);
    }

    @Test
    void withBindsTighterThanAndWhichBindsTighterThanOr() {
        // MIT OR (GPL AND BUSL) = min(1, 5) = 1; read left to right without precedence it would be 5.
        assertKnown("MIT OR GPL-3.0-only AND BUSL-1.1", 1);
        assertEquals("MIT OR GPL-3.0-only AND BUSL-1.1",
                EXPRESSIONS.evaluate("MIT OR (GPL-3.0-only AND BUSL-1.1)").normalised());
        assertEquals("(MIT OR GPL-3.0-only) AND BUSL-1.1",
                EXPRESSIONS.evaluate("(MIT OR GPL-3.0-only) AND BUSL-1.1").normalised());
        assertKnown("GPL-2.0-only WITH Classpath-exception-2.0 AND AGPL-3.0-only", 3);
    }

    @Test
    void linkingExceptionLowersStrongCopyleftOnly() {
        assertKnown("GPL-2.0-only WITH Classpath-exception-2.0", 2);
        assertKnown("GPL-3.0-or-later WITH GCC-exception-3.1", 2);
        assertKnown("Apache-2.0 WITH LLVM-exception", 1);
        assertKnown("LGPL-3.0-only WITH LGPL-3.0-linking-exception", 2);
        // An exception that only allows linking with other free software does not lower the level.
        assertKnown("GPL-2.0-only WITH Universal-FOSS-exception-1.0", 3);
    }

    @Test
    void unknownExceptionLeavesTheLevelBetweenItsPossibleEffects() {
        ExpressionLevel level = EXPRESSIONS.evaluate("GPL-3.0-only WITH LicenseRef-Our-Exception");
        assertNull(level.level());
        assertEquals(2, level.lowerBound());
        assertEquals(3, level.upperBound());
        assertEquals(List.of("LicenseRef-Our-Exception"), level.unknownIds());
        assertKnown("MIT WITH LicenseRef-Our-Exception", 1); // no exception can move a permissive license
    }

    @Test
    void readsDeprecatedIdsAsCurrentOnes() {
        ExpressionLevel gpl = EXPRESSIONS.evaluate("GPL-3.0");
        assertEquals("GPL-3.0-only", gpl.normalised());
        assertEquals(3, gpl.level());
        assertEquals("GPL-2.0-or-later", EXPRESSIONS.evaluate("GPL-2.0+").normalised());
        assertEquals("LGPL-2.1-only OR MIT", EXPRESSIONS.evaluate("LGPL-2.1 OR MIT").normalised());
        assertEquals("GPL-2.0-only WITH Classpath-exception-2.0",
                EXPRESSIONS.evaluate("GPL-2.0-with-classpath-exception").normalised());
        assertEquals("GPL-3.0-only WITH Classpath-exception-2.0",
                EXPRESSIONS.evaluate("GPL-3.0 WITH Classpath-exception-2.0").normalised());
    }

    @Test
    void readsOrLaterAsTheOrLaterIdWhenSpdxHasOne() {
        assertEquals("GPL-2.0-or-later", EXPRESSIONS.evaluate("GPL-2.0-only+").normalised());
        assertEquals("AGPL-3.0-or-later", EXPRESSIONS.evaluate("AGPL-3.0+").normalised());
        ExpressionLevel apache = EXPRESSIONS.evaluate("Apache-2.0+");
        assertEquals("Apache-2.0+", apache.normalised());
        assertEquals(1, apache.level());
    }

    @Test
    void isCaseInsensitiveAndNormalisesCase() {
        ExpressionLevel level = EXPRESSIONS.evaluate("mit and (apache-2.0 Or gpl-3.0-only)");
        assertEquals("MIT AND (Apache-2.0 OR GPL-3.0-only)", level.normalised());
        assertEquals(1, level.level());
        assertEquals("GPL-2.0-only WITH Classpath-exception-2.0",
                EXPRESSIONS.evaluate("gpl-2.0-only with classpath-exception-2.0").normalised());
    }

    @Test
    void unknownIdMakesTheResultUnknownWithBounds() {
        ExpressionLevel level = EXPRESSIONS.evaluate("MIT OR LicenseRef-Unknown");
        assertNull(level.level());
        assertFalse(level.known());
        assertEquals(0, level.lowerBound());
        assertEquals(1, level.upperBound());
        assertEquals(List.of("LicenseRef-Unknown"), level.unknownIds());
        assertEquals("MIT OR LicenseRef-Unknown", level.normalised());

        ExpressionLevel conjunction = EXPRESSIONS.evaluate("Apache-2.0 AND LicenseRef-Unknown");
        assertNull(conjunction.level());
        assertEquals(1, conjunction.lowerBound());
        assertEquals(7, conjunction.upperBound());
    }

    @Test
    void unclassifiedSpdxIdIsUnknownToo() {
        ExpressionLevel level = EXPRESSIONS.evaluate("Abstyles");
        assertNull(level.level());
        assertEquals(List.of("Abstyles"), level.unknownIds());
    }

    @Test
    void knownOptionOrPartCanDecideDespiteUnknowns() {
        assertKnown("CC0-1.0 OR LicenseRef-Unknown", 0);
        assertKnown("LicenseRef-Unknown AND LicenseRef-No-License", 7);
        // The unknown option can only lower a choice; BUSL's part already fixes the conjunction at 5 or more.
        assertKnown("BUSL-1.1 AND (MIT OR LicenseRef-Unknown)", 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOASSERTION", "NONE", "noassertion"})
    void noAssertionIsUnknownNotNoLicense(String expression) {
        ExpressionLevel level = EXPRESSIONS.evaluate(expression);
        assertNull(level.level());
        assertFalse(level.malformed());
        assertEquals(0, level.lowerBound());
        assertEquals(7, level.upperBound());
        assertEquals(List.of(expression.toUpperCase()), level.unknownIds());
    }

    @Test
    void noLicenseIsAnExplicitLevelSeven() {
        ExpressionLevel none = ExpressionLevel.noLicense();
        assertEquals(7, none.level());
        assertEquals(ExpressionLevel.NO_LICENSE_ID, none.expression());
        assertEquals(LicenseCategory.PROPRIETARY, none.category().orElseThrow());
        ExpressionLevel evaluated = EXPRESSIONS.evaluate(ExpressionLevel.NO_LICENSE_ID);
        assertEquals(none.level(), evaluated.level());
        assertEquals(none.normalised(), evaluated.normalised());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MIT OR", "(MIT", "AND", "", "   ", "MIT)", "MIT MIT", "OR MIT", "MIT AND AND GPL-3.0-only",
        "()", "(MIT) WITH Classpath-exception-2.0", "MIT WITH", "MIT WITH (Classpath-exception-2.0)",
        "MIT WITH Classpath-exception-2.0 WITH LLVM-exception", "MIT_2.0", "MIT/Apache-2.0", "MIT, Apache-2.0",
        "(MIT OR Apache-2.0) WITH LLVM-exception", "GPL-2.0-only WITH GCC-exception-2.0+"})
    void reportsMalformedExpressions(String expression) {
        ExpressionLevel level = EXPRESSIONS.evaluate(expression);
        assertTrue(level.malformed(), expression + " -> " + level);
        assertNotNull(level.malformedReason());
        assertNull(level.level());
        assertNull(level.normalised());
        assertEquals(0, level.lowerBound());
        assertEquals(7, level.upperBound());
    }

    @Test
    void reportsNullAndHostileInputWithoutThrowing() {
        assertTrue(EXPRESSIONS.evaluate(null).malformed());
        String deep = "(".repeat(10_000) + "MIT" + ")".repeat(10_000);
        assertTrue(EXPRESSIONS.evaluate(deep).malformedReason().contains("nested"));
        String wide = String.join(" OR ", java.util.Collections.nCopies(20_000, "MIT"));
        assertEquals(1, EXPRESSIONS.evaluate(wide).level());
    }

    @Test
    void explainsWhereAnExpressionBreaks() {
        assertEquals("the expression ends where a license id was expected",
                EXPRESSIONS.evaluate("MIT OR").malformedReason());
        assertEquals("the parenthesis opened at character 1 is never closed",
                EXPRESSIONS.evaluate("(MIT").malformedReason());
        assertEquals("expected a license id at character 1 but found 'AND'",
                EXPRESSIONS.evaluate("AND").malformedReason());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2 | DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
        "( MIT )  |  MIT",
        "((MIT OR Apache-2.0)) AND (BSD-3-Clause) | (MIT OR Apache-2.0) AND BSD-3-Clause",
        "MIT OR (Apache-2.0 OR ISC) | MIT OR Apache-2.0 OR ISC"})
    void normalisesSyntax(String expression, String normalised) {
        assertEquals(normalised, EXPRESSIONS.evaluate(expression).normalised());
    }

    private static void assertKnown(String expression, int level) {
        ExpressionLevel evaluated = EXPRESSIONS.evaluate(expression);
        assertEquals(level, evaluated.level(), expression + " -> " + evaluated);
        assertEquals(level, evaluated.lowerBound());
        assertEquals(level, evaluated.upperBound());
        assertFalse(evaluated.malformed());
    }
}

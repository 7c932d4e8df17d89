package io.counterpower.watch;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rule presets on hand-made figures (the indicator values themselves are tested in indicator/). */
class GovernanceRuleTest {
    private static final double MIN_COVERAGE = 0.5;

    @Test
    void oneThirdOfAGoverningBodyIsCheckedPerBodyNotOverThePooledSeats() {
        GovernanceRule rule = GovernanceRule.SEAT_SHARE_ONE_THIRD;
        // Pooled 0.3 would hold; one body is half one employer's: fails.
        assertEquals(GovernanceRule.FAILS, rule.check(0.3, 1.0, 10, Map.of("largestBodyShare", 0.5), MIN_COVERAGE).status());
        // Exactly a third holds ("no more than one third").
        assertEquals(GovernanceRule.HOLDS, rule.check(0.3, 1.0, 9, Map.of("largestBodyShare", 1.0 / 3), MIN_COVERAGE).status());
        // Too few known seats: unknown, never "holds".
        assertEquals(GovernanceRule.UNKNOWN, rule.check(0.2, 0.25, 8, Map.of("largestBodyShare", 0.2), MIN_COVERAGE).status());
        // Nothing known: unknown.
        assertEquals(GovernanceRule.UNKNOWN, rule.check(null, 0.0, 0, null, MIN_COVERAGE).status());
    }

    @Test
    void countsThatKnownRecordsAlreadyReachHoldWhateverTheCoverage() {
        GovernanceRule rule = GovernanceRule.INDEPENDENT_COMMITTERS_THREE;
        assertEquals(GovernanceRule.HOLDS, rule.check(0.1, 0.2, 40, Map.of("independent_contributors", 3), MIN_COVERAGE).status());
        assertEquals(GovernanceRule.UNKNOWN, rule.check(0.1, 0.2, 40, Map.of("independent_contributors", 2), MIN_COVERAGE).status());
        assertEquals(GovernanceRule.FAILS, rule.check(0.1, 0.9, 40, Map.of("independent_contributors", 2), MIN_COVERAGE).status());
    }
}

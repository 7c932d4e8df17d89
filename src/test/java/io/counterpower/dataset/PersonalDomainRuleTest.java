package io.counterpower.dataset;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The personal-domain rule of DomainCoverage on hand-made cases (docs/decisions.md, issue #20 part 4). */
class PersonalDomainRuleTest {

    @Test
    void oneAddressWhoseNameIsInTheDomainsLabelIsPersonal() {
        assertTrue(DomainCoverage.personal("paulstack.co.uk", Set.of("a"), Set.of("Paul Stack")));
        assertTrue(DomainCoverage.personal("phinze.com", Set.of("a"), Set.of("Paul Hinze")));
        assertTrue(DomainCoverage.personal("james-humphries.co.uk", Set.of("a"), Set.of("James Humphries")));
        assertTrue(DomainCoverage.personal("soderqvist.se", Set.of("a"), Set.of("Viktor Söderqvist")), "accents dropped");
        assertTrue(DomainCoverage.personal("andypan.me", Set.of("a"), Set.of("Andy Pan")), "short parts run together");
    }

    @Test
    void aLabelThatIsNotTheNameOrMoreThanOneAddressIsNot() {
        assertFalse(DomainCoverage.personal("degeneration.co.uk", Set.of("a"), Set.of("Martin Atkins")), "nothing read says whose");
        assertFalse(DomainCoverage.personal("bashton.com", Set.of("a", "b"), Set.of("Sam Bashton")), "two addresses: a firm's");
        assertFalse(DomainCoverage.personal("xbox.com", Set.of("a"), Set.of("Don Box")), "parts under four letters alone never match");
        assertFalse(DomainCoverage.personal("cursor.com", Set.of("a"), Set.of("Cursor")), "a one-word name is not a person's name");
        assertFalse(DomainCoverage.personal("stack.io", Set.of(), Set.of("Paul Stack")));
        assertFalse(DomainCoverage.personal("stack.io", null, Set.of("Paul Stack")));
    }

    @Test
    void seededRandomNamesMatchOnlyTheirOwnLabel() {
        Random random = new Random(20);
        for (int i = 0; i < 500; i++) {
            String first = word(random), last = word(random) + "x";
            String own = (random.nextBoolean() ? first : "") + last + ".example";
            assertTrue(DomainCoverage.personal(own, Set.of("x"), Set.of(first + " " + last)), own);
            assertFalse(DomainCoverage.personal(own, Set.of("x", "y"), Set.of(first + " " + last)), own);
            String other = "q" + word(random).replace(last, "") + "z.example";
            if (!other.contains(first) && !other.contains(last)) {
                assertFalse(DomainCoverage.personal(other, Set.of("x"), Set.of(first + " " + last)), other);
            }
        }
    }

    private static String word(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 3 + random.nextInt(5); i > 0; i--) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}

package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.indicator.LicensePrecedenceTest.period;
import static io.counterpower.support.Fixtures.organisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated datasets (fixed seed) for the walk-away measures of METHODOLOGY.md section 7: walkaway_share equals
 * 1 - top_org_share and a Java count over the same rows; walkaway_mergers equals the Java count of mergers outside the
 * top organisation; forkable is false whenever an artifact at level 4 or above is in force, true when every one is at
 * 0-3; walkaway_resilience is met exactly when the three inputs pass and unmet exactly when one fails.
 */
@QuarkusTest
class RandomWalkawayInvariantsTest {
    record Person(long id, String org) {
    }

    @Test
    void walkawayFiguresEqualAJavaComputationAndTheReadingFollowsItsInputs() {
        Random random = new Random(2323);
        List<String> companies = List.of(organisation("company"), organisation("company"), organisation("company"));
        for (int dataset = 0; dataset < 5; dataset++) {
            Dataset d = Dataset.project("community");
            List<Person> people = new ArrayList<>();
            for (int i = 0, size = 3 + random.nextInt(6); i < size; i++) {
                long id = Dataset.person();
                int kind = random.nextInt(5);
                String org = kind < 3 ? companies.get(kind) : null;
                Dataset.affiliate(id, org, "2020-01-01", null);   // every contribution is known: independents included
                people.add(new Person(id, org));
            }
            Map<String, Integer> byOrg = new HashMap<>();
            int known = 0;
            Map<Person, Boolean> merged = new HashMap<>();
            for (Person p : people) {
                int n = random.nextInt(6);
                if (n > 0) {
                    d.contribute(p.id(), LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString(), n);
                    known += n;
                    if (p.org() != null) {
                        byOrg.merge(p.org(), n, Integer::sum);
                    }
                }
                if (random.nextInt(3) == 0) {
                    d.contribute(p.id(), LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString(), 1, "merge");
                    merged.put(p, true);
                }
            }
            // Levels of the artifacts in force: 0-7, one artifact (the last period of the line is in force).
            int level = random.nextInt(8);
            period(d, "LicenseRef-Generated-" + dataset, "2019-01-01", "initial", "manual", level);

            JsonPath r = indicators(d.slug, Map.of("at", "2024-12-31",
                    "names", "top_org,top_org_share,walkaway_share,walkaway_mergers,forkable,walkaway_resilience"));
            String top = byOrg.entrySet().stream().sorted((x, y) -> y.getValue() != x.getValue().intValue()
                    ? y.getValue() - x.getValue() : x.getKey().compareTo(y.getKey())).map(Map.Entry::getKey).findFirst().orElse(null);
            if (known == 0 || top == null) {
                assertNull(value(r, "walkaway_share"), "no top organisation: unknown, not 1");
            } else {
                double expected = 1.0 - (double) byOrg.get(top) / known;
                assertEquals(expected, ((Number) value(r, "walkaway_share")).doubleValue(), 1e-6);
                assertEquals(1.0 - ((Number) value(r, "top_org_share")).doubleValue(), ((Number) value(r, "walkaway_share")).doubleValue(), 1e-6);
                Set<Long> outside = new HashSet<>();
                merged.keySet().stream().filter(p -> !top.equals(p.org())).forEach(p -> outside.add(p.id()));
                assertEquals((long) outside.size(), ((Number) value(r, "walkaway_mergers")).longValue());
            }
            Object forkable = value(r, "forkable");
            assertEquals(level <= 3, forkable, "forkable false whenever a level >= 4 artifact is in force");
            Double share = value(r, "walkaway_share") == null ? null : ((Number) value(r, "walkaway_share")).doubleValue();
            Long mergers = value(r, "walkaway_mergers") == null ? null : ((Number) value(r, "walkaway_mergers")).longValue();
            boolean fails = Boolean.FALSE.equals(forkable) || share != null && share < 0.3 || mergers != null && mergers < 2;
            boolean passes = Boolean.TRUE.equals(forkable) && share != null && share >= 0.3 && mergers != null && mergers >= 2;
            String reading = (String) value(r, "walkaway_resilience");
            assertEquals(fails ? "unmet" : passes ? "met" : "unknown", reading);
            double coverage = ((Number) indicator(r, "walkaway_resilience").get("coverage")).doubleValue();
            assertTrue(coverage >= 0 && coverage <= 1);
            if (share != null) {
                assertTrue(share >= 0 && share <= 1);
            }
        }
    }
}

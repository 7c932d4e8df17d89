package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.support.Fixtures.organisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated datasets (fixed seed): the SQL results equal a straightforward Java computation over the
 * same rows, and the invariants of section 3 hold (shares in [0, 1], HHI in (0, 1], elephant factor
 * between 1 and the number of entities, bus factor at most the number of contributors).
 */
@QuarkusTest
class RandomIndicatorInvariantsTest {

    record Person(long id, String org, boolean independent, boolean company) {
    }

    @Test
    void sqlEqualsAJavaComputationOverTheSameRows() {
        Random random = new Random(42);
        List<String> companies = List.of(organisation("company"), organisation("company"), organisation("company"));
        String academic = organisation("academic");
        for (int dataset = 0; dataset < 4; dataset++) {
            Dataset d = Dataset.project("community");
            List<Person> people = new ArrayList<>();
            int size = 3 + random.nextInt(6);
            for (int i = 0; i < size; i++) {
                long id = Dataset.person();
                int kind = random.nextInt(6);
                String org = kind < 3 ? companies.get(kind) : kind == 3 ? academic : null;
                boolean independent = kind == 4;
                if (org != null || independent) {
                    Dataset.affiliate(id, org, "2020-01-01", null);
                }
                people.add(new Person(id, org, independent, kind < 3));
            }
            // counts per person, all inside P12M at 2024-12-31
            Map<Person, Integer> counts = new HashMap<>();
            for (Person p : people) {
                int n = random.nextInt(7);
                if (n > 0) {
                    d.contribute(p.id(), LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString(), n);
                    counts.put(p, n);
                }
            }
            JsonPath r = indicators(d.slug, Map.of("at", "2024-12-31"));
            check(r, counts);
        }
    }

    private static void check(JsonPath r, Map<Person, Integer> counts) {
        long all = counts.values().stream().mapToLong(Integer::intValue).sum();
        if (all == 0) {
            return;
        }
        Map<String, Long> entities = new TreeMap<>();
        long known = 0, company = 0;
        for (Map.Entry<Person, Integer> e : counts.entrySet()) {
            Person p = e.getKey();
            if (p.org() == null && !p.independent()) {
                continue;
            }
            known += e.getValue();
            company += p.company() ? e.getValue() : 0;
            entities.merge(p.org() != null ? p.org() : "independent:" + p.id(), (long) e.getValue(), Long::sum);
        }
        assertEquals((double) known / all, num(r, "affiliation_coverage"), 1e-6);
        List<Long> people = counts.values().stream().map(Integer::longValue).sorted(Comparator.reverseOrder()).toList();
        int bus = 0;
        for (long cum = 0; 2 * cum < all; bus++) {
            cum += people.get(bus);
        }
        assertEquals(bus, num(r, "bus_factor"));
        assertTrue(bus <= counts.size());
        if (known == 0) {
            assertEquals(null, value(r, "org_hhi"));
            return;
        }
        List<Long> sizes = entities.values().stream().sorted(Comparator.reverseOrder()).toList();
        double hhi = 0;
        for (long s : sizes) {
            hhi += Math.pow((double) s / known, 2);
        }
        int elephant = 0;
        for (long cum = 0; 2 * cum < known; elephant++) {
            cum += sizes.get(elephant);
        }
        String topOrg = entities.entrySet().stream().filter(e -> !e.getKey().startsWith("independent:"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        assertEquals(hhi, num(r, "org_hhi"), 1e-6);
        assertTrue(hhi > 0 && hhi <= 1);
        assertEquals(elephant, num(r, "elephant_factor"));
        assertTrue(elephant >= 1 && elephant <= entities.size());
        assertEquals((double) company / known, num(r, "corporate_share"), 1e-6);
        assertEquals(topOrg, value(r, "top_org"));
        for (String share : List.of("corporate_share", "independent_share", "top_org_share", "affiliation_coverage", "walkaway_share")) {
            double v = num(r, share);
            assertTrue(v >= 0 && v <= 1, share);
        }
    }

    private static double num(JsonPath r, String name) {
        return ((Number) value(r, name)).doubleValue();
    }
}

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

    /** One contribution day of a generated series: who, when, how many, and the entity it counts for (null: unknown). */
    record Act(long person, LocalDate day, int count, String entity) {
    }

    /**
     * A monthly series with six-month windows over two years of generated contributions, with
     * affiliations that change mid-way (a window then counts a person for two entities): at every
     * step the SQL's slices and count levels give what a direct count of the window's rows gives.
     */
    @Test
    void aSeriesEqualsAJavaComputationAtEveryStep() {
        Random random = new Random(7);
        List<String> companies = List.of(organisation("company"), organisation("company"), organisation("company"));
        Dataset d = Dataset.project("community");
        List<Act> acts = new ArrayList<>();
        LocalDate first = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 24; i++) {
            long id = Dataset.person();
            int kind = random.nextInt(5);  // 0-2 a company, 3 independent, 4 unknown
            String entity = kind < 3 ? companies.get(kind) : kind == 3 ? "independent:" + id : null;
            LocalDate change = null;
            String later = null;
            if (kind < 4) {
                boolean changes = random.nextInt(3) == 0;
                change = changes ? first.plusDays(100 + random.nextInt(500)) : null;
                Dataset.affiliate(id, kind < 3 ? entity : null, "2020-01-01", change == null ? null : change.minusDays(1).toString());
                if (changes) {
                    later = companies.get(random.nextInt(3));
                    Dataset.affiliate(id, later, change.toString(), null);
                }
            }
            Map<LocalDate, Integer> days = new TreeMap<>();
            for (int k = random.nextInt(9); k > 0; k--) {
                days.merge(first.plusDays(random.nextInt(730)), 1 + random.nextInt(4), Integer::sum);
            }
            d.contributeOnDays(id, days);
            for (Map.Entry<LocalDate, Integer> e : days.entrySet()) {
                acts.add(new Act(id, e.getKey(), e.getValue(), change != null && !e.getKey().isBefore(change) ? later : entity));
            }
        }
        JsonPath s = IndicatorSeriesTest.series(d.slug, Map.of("from", "2023-01-01", "to", "2024-12-31", "step", "month",
                "window", "P6M", "names", "contributors_active,bus_factor,elephant_factor,org_hhi,top_org,org_count"));
        List<String> dates = s.getList("indicators[0].points.at");
        assertEquals(24, dates.size());
        for (String date : dates) {
            LocalDate at = LocalDate.parse(date);
            LocalDate lo = at.minusMonths(6);
            Map<Long, Long> people = new HashMap<>();
            Map<String, Long> entities = new TreeMap<>();
            long known = 0;
            for (Act a : acts) {
                if (a.day().isAfter(lo) && !a.day().isAfter(at)) {
                    people.merge(a.person(), (long) a.count(), Long::sum);
                    if (a.entity() != null) {
                        entities.merge(a.entity(), (long) a.count(), Long::sum);
                        known += a.count();
                    }
                }
            }
            long all = people.values().stream().mapToLong(Long::longValue).sum();
            String where = " at " + date;
            assertEquals(people.size(), IndicatorSeriesTest.num(s, "contributors_active", date), where);
            if (all == 0) {
                assertEquals(null, IndicatorSeriesTest.point(s, "bus_factor", date, "value"), where);
                continue;
            }
            assertEquals(factor(people.values(), all), IndicatorSeriesTest.num(s, "bus_factor", date), where);
            if (known == 0) {
                assertEquals(null, IndicatorSeriesTest.point(s, "elephant_factor", date, "value"), where);
                continue;
            }
            assertEquals(factor(entities.values(), known), IndicatorSeriesTest.num(s, "elephant_factor", date), where);
            double hhi = 0;
            for (long n : entities.values()) {
                hhi += Math.pow((double) n / known, 2);
            }
            assertEquals(hhi, IndicatorSeriesTest.num(s, "org_hhi", date), 1e-6, where);
            assertEquals(entities.keySet().stream().filter(e -> !e.startsWith("independent:")).count(),
                    IndicatorSeriesTest.num(s, "org_count", date), where);
            String top = entities.entrySet().stream().filter(e -> !e.getKey().startsWith("independent:"))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            assertEquals(top, IndicatorSeriesTest.point(s, "top_org", date, "value"), where);
        }
    }

    /** The fewest holders, largest first, whose counts reach half of {@code total}. */
    private static int factor(java.util.Collection<Long> counts, long total) {
        List<Long> sorted = counts.stream().sorted(Comparator.reverseOrder()).toList();
        int n = 0;
        for (long cum = 0; 2 * cum < total; n++) {
            cum += sorted.get(n);
        }
        return n;
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
        int bus = factor(counts.values().stream().map(Integer::longValue).toList(), all);
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
        int elephant = factor(sizes, known);
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

package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.counterpower.indicator.CompostAndBodiesTest.derivative;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.indicator.FactIndicatorsTest.body;
import static io.counterpower.indicator.FactIndicatorsTest.seat;
import static io.counterpower.support.Fixtures.organisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated datasets (fixed seed) for section 7's compost heap and seat over-representation: the SQL
 * equals a Java count over the same rows (publishers, their HHI, the independent share, the largest
 * over-representation), and the invariants hold: HHI in [1/publishers, 1], independent share in [0, 1]
 * and null when every publisher's kind is unknown, over-representation in [-1, 1].
 */
@QuarkusTest
class RandomCompostAndBodiesInvariantsTest {

    @Test
    void compostFiguresEqualAJavaCountAndStayInTheirBounds() {
        Random random = new Random(23);
        List<String> orgs = List.of(organisation("company"), organisation("community"), organisation("nonprofit"));
        Map<String, String> types = Map.of(orgs.get(0), "company", orgs.get(1), "community", orgs.get(2), "nonprofit");
        List<Long> people = List.of(Dataset.person(), Dataset.person());
        for (int dataset = 0; dataset < 4; dataset++) {
            Dataset d = Dataset.project("corporate");
            int size = 1 + random.nextInt(9);
            Map<String, Integer> byEntity = new HashMap<>();
            int kindKnown = 0, independent = 0;
            for (int i = 0; i < size; i++) {
                int who = random.nextInt(dataset == 3 ? 1 : 7); // the last dataset: bare names only
                String org = null, name = null;
                Long person = null;
                String entity;
                if (who == 0) {
                    name = "user" + random.nextInt(3);
                    entity = "name:" + name;
                } else if (who <= 3) {
                    org = orgs.get(who - 1);
                    entity = "org:" + org;
                    kindKnown++;
                    independent += types.get(org).equals("community") ? 1 : 0;
                } else if (who <= 5) {
                    person = people.get(who - 4);
                    entity = "person:" + person;
                    kindKnown++;
                    independent++;
                } else {
                    entity = null;
                }
                if (entity != null) {
                    byEntity.merge(entity, 1, Integer::sum);
                }
                derivative(d.projectId, "gen/d" + dataset + "-" + i, "finetune", org, person, name,
                        LocalDate.of(2024, 1 + random.nextInt(6), 1 + random.nextInt(28)).toString(), null);
            }
            JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
            int attributed = byEntity.values().stream().mapToInt(Integer::intValue).sum();
            if (attributed == 0) {
                assertNull(value(r, "derivative_publishers"), "no publisher named: unknown, not 0");
                assertNull(value(r, "derivative_publisher_hhi"));
            } else {
                assertEquals(byEntity.size(), ((Number) value(r, "derivative_publishers")).intValue(), "dataset " + dataset);
                double hhi = byEntity.values().stream().mapToDouble(n -> Math.pow((double) n / attributed, 2)).sum();
                double got = ((Number) value(r, "derivative_publisher_hhi")).doubleValue();
                assertEquals(hhi, got, 1e-6, "dataset " + dataset);
                assertTrue(got >= 1.0 / byEntity.size() - 1e-6 && got <= 1.0 + 1e-9, "HHI in [1/n, 1]");
            }
            Object share = value(r, "independent_derivative_share");
            if (kindKnown == 0) {
                assertNull(share, "every publisher's kind is unknown: null, never independent");
            } else {
                double s = ((Number) share).doubleValue();
                assertEquals((double) independent / kindKnown, s, 1e-6, "dataset " + dataset);
                assertTrue(s >= 0 && s <= 1);
            }
            assertEquals(size, ((Number) indicator(r, "derivative_publishers").get("n")).intValue());
        }
    }

    @Test
    void overRepresentationEqualsAJavaMaximumWithinMinusOneAndOne() {
        Random random = new Random(7);
        List<String> orgs = List.of(organisation("company"), organisation("company"), organisation("academic"));
        for (int dataset = 0; dataset < 3; dataset++) {
            String slug = io.counterpower.support.Fixtures.project(organisation("foundation"));
            Dataset d = QuarkusTransaction.requiringNew().call(() -> new Dataset(slug));
            // people: one per organisation and one independent
            List<Long> people = new ArrayList<>();
            List<String> personOrg = new ArrayList<>();
            for (int i = 0; i <= orgs.size(); i++) {
                long p = Dataset.person();
                String org = i < orgs.size() ? orgs.get(i) : null;
                Dataset.affiliate(p, org, "2020-01-01", null);
                people.add(p);
                personOrg.add(org);
            }
            Map<String, Integer> contributions = new HashMap<>();
            int known = 0;
            for (int i = 0; i < people.size(); i++) {
                int n = random.nextInt(5);
                if (n > 0) {
                    d.contribute(people.get(i), LocalDate.of(2023, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString(), n);
                    known += n;
                    if (personOrg.get(i) != null) {
                        contributions.merge(personOrg.get(i), n, Integer::sum);
                    }
                }
            }
            if (known == 0) {
                d.contribute(people.get(0), "2023-06-01", 1);
                known = 1;
                contributions.merge(personOrg.get(0), 1, Integer::sum);
            }
            double best = Double.NEGATIVE_INFINITY;
            int bodies = 1 + random.nextInt(2);
            for (int b = 0; b < bodies; b++) {
                long id = body(slug, b == 0 ? "board" : "technical-committee");
                // distinct holders: one person holds one seat of a body
                List<Integer> holders = new ArrayList<>(List.of(0, 1, 2, 3));
                java.util.Collections.shuffle(holders, random);
                int seats = 1 + random.nextInt(4);
                Map<String, Integer> held = new HashMap<>();
                for (int s = 0; s < seats; s++) {
                    int i = holders.get(s);
                    seat(id, people.get(i), null, "2023-01-01");
                    if (personOrg.get(i) != null) {
                        held.merge(personOrg.get(i), 1, Integer::sum);
                    }
                }
                for (String org : orgs) {
                    if (held.containsKey(org) || contributions.containsKey(org)) {
                        best = Math.max(best, (double) held.getOrDefault(org, 0) / seats
                                - (double) contributions.getOrDefault(org, 0) / known);
                    }
                }
            }
            JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
            Object got = value(r, "seat_overrepresentation");
            if (best == Double.NEGATIVE_INFINITY) {
                assertNull(got, "dataset " + dataset + ": no organisation holds a seat or contributes");
                continue;
            }
            double v = ((Number) got).doubleValue();
            assertEquals(best, v, 1e-6, "dataset " + dataset);
            assertTrue(v >= -1 && v <= 1, "over-representation in [-1, 1]");
        }
    }
}

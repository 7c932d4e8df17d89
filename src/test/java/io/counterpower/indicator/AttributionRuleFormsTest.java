package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.counterpower.indicator.Dataset.em;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attribution rule (METHODOLOGY.md section 2) has a per-row and a set form of each of its two parts (migration
 * V066): affiliation_on / affiliations_on and top_organisation_on / top_organisations. On seeded random organisations,
 * parent periods (chains, cycles, superseded and later-recorded versions) and affiliations (every source tier,
 * overlapping across tiers, independents, unknowns), both forms answer the same for every (contributor or
 * organisation, day) pair at every "as recorded on" instant. The data is written in a transaction that is rolled back.
 */
@QuarkusTest
class AttributionRuleFormsTest {
    private static final List<String> AS_OF = List.of("infinity", "2021-06-01 00:00:00+00", "2023-06-01 00:00:00+00");
    private static final List<String> KINDS = List.of("manual", "import", "git", "email-domain");
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2015, 3, 1), LocalDate.of(2019, 12, 31),
            LocalDate.of(2020, 1, 1), LocalDate.of(2021, 7, 15), LocalDate.of(2022, 2, 28), LocalDate.of(2023, 9, 30),
            LocalDate.of(2024, 6, 30), LocalDate.of(2026, 1, 1));

    @Test
    void theSetFormsAnswerAsThePerRowFormsOnRandomData() {
        for (long seed : new long[]{66, 67, 68}) {
            QuarkusTransaction.begin();
            try {
                check(new Random(seed));
            } finally {
                QuarkusTransaction.rollback();   // nothing of the generated data stays for the other tests
            }
        }
    }

    private static void check(Random random) {
        EntityManager em = em();
        List<Long> orgs = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            orgs.add(((Number) em.createNativeQuery("insert into organisation (key) values (?1) returning id")
                    .setParameter(1, "forms-" + random.nextLong()).getSingleResult()).longValue());
        }
        // Parent periods: each organisation's current periods split the timeline at a random day (they may not
        // overlap); a superseded version and a version recorded later add what "as recorded on" must tell apart.
        for (long org : orgs) {
            int shape = random.nextInt(4);
            LocalDate split = LocalDate.of(2018 + random.nextInt(7), 1 + random.nextInt(12), 1);
            if (shape >= 1) {
                parent(em, org, other(random, orgs, org), null, split.minusDays(1), "2020-01-01", null);
            }
            if (shape >= 2) {
                parent(em, org, other(random, orgs, org), split, null, "2022-01-01", null);
            }
            if (shape == 3) {
                parent(em, org, other(random, orgs, org), null, null, "2019-01-01", "2022-01-01");
            }
        }
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long person = ((Number) em.createNativeQuery("insert into contributor default values returning id").getSingleResult()).longValue();
            people.add(person);
            // A few have no affiliation at all (unknown); the others have one to three tiers, each cut at a random day.
            if (random.nextInt(6) == 0) {
                continue;
            }
            List<String> kinds = new ArrayList<>(KINDS);
            java.util.Collections.shuffle(kinds, random);   // record order is not tier order: the tier must decide
            for (String kind : kinds) {
                if (random.nextInt(2) == 0) {
                    continue;
                }
                LocalDate cut = LocalDate.of(2017 + random.nextInt(9), 1 + random.nextInt(12), 1);
                Long first = random.nextInt(4) == 0 ? null : orgs.get(random.nextInt(orgs.size()));   // null: independent
                affiliation(em, person, first, kind, null, cut.minusDays(1), "2020-06-01", null);
                if (random.nextBoolean()) {
                    affiliation(em, person, orgs.get(random.nextInt(orgs.size())), kind, cut, null, "2022-06-01", null);
                }
                if (random.nextInt(3) == 0) {
                    affiliation(em, person, orgs.get(random.nextInt(orgs.size())), kind, null, null, "2019-06-01", "2023-01-01");
                }
            }
        }

        int known = 0, independent = 0, rolledUp = 0, twoLevels = 0;
        for (String asOf : AS_OF) {
            Map<String, String> perRow = rows(em, """
                    select p.c || ' ' || p.d, case when a.known then coalesce(cast(a.organisation_id as text), 'independent') end
                    from unnest(cast(?1 as bigint[]), cast(?2 as date[])) as p(c, d)
                    left join lateral affiliation_on(p.c, p.d, cast(?3 as timestamptz)) a on true""", people, asOf);
            Map<String, String> set = new HashMap<>();
            perRow.keySet().forEach(k -> set.put(k, null));
            set.putAll(rows(em, """
                    select t.contributor_id || ' ' || t.on_day, coalesce(cast(t.organisation_id as text), 'independent')
                    from affiliations_on(cast(?1 as bigint[]), cast(?2 as date[]), cast(?3 as timestamptz)) t""", people, asOf));
            assertEquals(perRow, set, "affiliation_on and affiliations_on as recorded on " + asOf);
            known += (int) perRow.values().stream().filter(v -> v != null).count();
            independent += (int) perRow.values().stream().filter("independent"::equals).count();

            Map<String, String> topPerRow = rows(em, """
                    select p.o || ' ' || p.d, cast(t.top_organisation_id as text)
                    from unnest(cast(?1 as bigint[]), cast(?2 as date[])) as p(o, d)
                    cross join lateral top_organisation_on(p.o, p.d, cast(?3 as timestamptz)) t""", orgs, asOf);
            Map<String, String> topSet = rows(em, """
                    select t.organisation_id || ' ' || t.on_day, cast(t.top_organisation_id as text)
                    from top_organisations(cast(?1 as bigint[]), cast(?2 as date[]), cast(?3 as timestamptz)) t""", orgs, asOf);
            assertEquals(topPerRow, topSet, "top_organisation_on and top_organisations as recorded on " + asOf);
            for (Map.Entry<String, String> e : topPerRow.entrySet()) {
                String org = e.getKey().split(" ")[0];
                if (!org.equals(e.getValue())) {
                    rolledUp++;
                    Object direct = em.createNativeQuery("""
                            select count(*) from organisation_parent p where p.organisation_id = ?1 and p.parent_id = ?2""")
                            .setParameter(1, Long.parseLong(org)).setParameter(2, Long.parseLong(e.getValue())).getSingleResult();
                    if (((Number) direct).longValue() == 0) {
                        twoLevels++;
                    }
                }
            }
        }
        // The data reached every branch the forms must agree on; a degenerate dataset would prove nothing.
        assertTrue(known > 0 && independent > 0, "known " + known + ", independent " + independent);
        assertTrue(rolledUp > 0 && twoLevels > 0, "rolled up " + rolledUp + ", over two levels or more " + twoLevels);
    }

    private static long other(Random random, List<Long> orgs, long org) {
        long pick;
        do {
            pick = orgs.get(random.nextInt(orgs.size()));
        } while (pick == org);
        return pick;
    }

    private static void parent(EntityManager em, long org, long parent, LocalDate from, LocalDate to, String recorded, String superseded) {
        em.createNativeQuery("""
                insert into organisation_parent (organisation_id, parent_id, valid_from, valid_to, source_kind, confidence,
                                                 recorded_at, superseded_at)
                values (?1, ?2, ?3, ?4, 'import', 'verified', cast(?5 as timestamptz), cast(?6 as timestamptz))""")
                .setParameter(1, org).setParameter(2, parent).setParameter(3, from).setParameter(4, to)
                .setParameter(5, recorded).setParameter(6, superseded).executeUpdate();
    }

    private static void affiliation(EntityManager em, long person, Long org, String kind, LocalDate from, LocalDate to,
                                    String recorded, String superseded) {
        em.createNativeQuery("""
                insert into affiliation (contributor_id, organisation_id, valid_from, valid_to, source_kind, source_url, confidence,
                                         recorded_at, superseded_at)
                values (?1, ?2, ?3, ?4, ?5, 'https://example.org/forms', 'reported', cast(?6 as timestamptz), cast(?7 as timestamptz))""")
                .setParameter(1, person).setParameter(2, org).setParameter(3, from).setParameter(4, to).setParameter(5, kind)
                .setParameter(6, recorded).setParameter(7, superseded).executeUpdate();
    }

    /** The statement's (pair, answer) rows over every id on every one of DAYS: ?1 the ids, ?2 the days, in parallel. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> rows(EntityManager em, String sql, List<Long> ids, String asOf) {
        List<String> idColumn = new ArrayList<>(), dayColumn = new ArrayList<>();
        for (long id : ids) {
            for (LocalDate day : DAYS) {
                idColumn.add(String.valueOf(id));
                dayColumn.add(day.toString());
            }
        }
        List<Object[]> out = em.createNativeQuery(sql)
                .setParameter(1, "{" + String.join(",", idColumn) + "}")
                .setParameter(2, "{" + String.join(",", dayColumn) + "}")
                .setParameter(3, asOf).getResultList();
        Map<String, String> map = new HashMap<>();
        for (Object[] r : out) {
            assertEquals(null, map.put((String) r[0], (String) r[1]), "one answer per pair: " + r[0]);
        }
        return map;
    }
}

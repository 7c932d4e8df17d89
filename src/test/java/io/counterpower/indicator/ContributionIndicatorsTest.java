package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.parent;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contribution indicators (METHODOLOGY.md section 3) on hand-built datasets, expected values computed by hand. */
@QuarkusTest
class ContributionIndicatorsTest {

    static JsonPath indicators(String slug, Map<String, String> params) {
        return anonymous().queryParams(params).get("/api/v1/projects/" + slug + "/indicators")
                .then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> indicator(JsonPath body, String name) {
        return body.getMap("indicators.find { it.name == '" + name + "' }");
    }

    static Object value(JsonPath body, String name) {
        return indicator(body, name).get("value");
    }

    static double number(JsonPath body, String name) {
        return ((Number) value(body, name)).doubleValue();
    }

    @Test
    void sixThreeOneFromOrgAOrgBAndAnIndependent() {
        Dataset d = Dataset.project("community");
        String a = organisation("company");
        String b = organisation("academic");
        long pa1 = person(), pa2 = person(), pb = person(), pi = person();
        affiliate(pa1, a, "2020-01-01", null);
        affiliate(pa2, a, "2020-01-01", null);
        affiliate(pb, b, "2020-01-01", null);
        affiliate(pi, null, "2020-01-01", null);
        d.contribute(pa1, "2024-03-01", 4).contribute(pa2, "2024-04-01", 2).contribute(pb, "2024-05-01", 3)
                .contribute(pi, "2024-06-01", 1);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        // 10 commits, all known. Entities: A 6, B 3, independent 1.
        assertEquals(4, number(r, "contributors_active"));
        assertEquals(1.0, number(r, "affiliation_coverage"));
        assertEquals(0.6, number(r, "corporate_share"), 1e-9);            // A is a company: 6 / 10
        assertEquals(List.of(0.6, 0.6), value(r, "corporate_share_bounds"));  // no unknown: [6/10, 6/10]
        assertEquals(0.1, number(r, "independent_share"), 1e-9);          // 1 / 10
        assertEquals(a, value(r, "top_org"));
        assertEquals(0.6, number(r, "top_org_share"), 1e-9);              // 6 / 10
        assertEquals(1, number(r, "elephant_factor"));                    // A alone reaches 60% >= 50%
        assertEquals(0.46, number(r, "org_hhi"), 1e-9);                   // 0.36 + 0.09 + 0.01
        assertEquals(2, number(r, "org_count"));                          // A and B (the independent is not an organisation)
        assertEquals(2, number(r, "bus_factor"));                         // 4 (pa1) < 5, 4 + 3 (pb) = 7 >= 5
        assertEquals(2, number(r, "new_orgs"));                           // A and B first contributed in the window
        assertEquals(0.4, number(r, "walkaway_share"), 1e-9);             // 1 - 0.6
        assertEquals(10, ((Number) indicator(r, "org_hhi").get("n")).intValue());
        assertEquals(1.0, ((Number) indicator(r, "org_hhi").get("coverage")).doubleValue());
        assertEquals("/api/v1/methodology/2#org_hhi", indicator(r, "org_hhi").get("definition"));
        assertEquals(2, ((Number) indicator(r, "org_hhi").get("methodologyVersion")).intValue());
    }

    @Test
    void noContributionsGiveNullsNotZeros() {
        Dataset d = Dataset.project("community");
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        for (String name : List.of("contributors_active", "affiliation_coverage", "corporate_share", "org_hhi",
                "elephant_factor", "bus_factor", "top_org_share", "org_count", "new_orgs", "hired_contributors")) {
            assertNull(value(r, name), name);
            assertEquals(0, ((Number) indicator(r, name).get("n")).intValue(), name);
            assertEquals(0.0, ((Number) indicator(r, name).get("coverage")).doubleValue(), name);
        }
    }

    @Test
    void noKnownAffiliationHasCoverageZeroAndNullShares() {
        Dataset d = Dataset.project("community");
        long p1 = person(), p2 = person();
        d.contribute(p1, "2024-05-01", 3).contribute(p2, "2024-05-02", 1);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(2, number(r, "contributors_active"));
        assertEquals(0.0, number(r, "affiliation_coverage"));            // 0 known of 4
        for (String name : List.of("corporate_share", "independent_share", "top_org", "top_org_share", "elephant_factor",
                "org_hhi", "org_count")) {
            assertNull(value(r, name), name);
            assertEquals(0.0, ((Number) indicator(r, name).get("coverage")).doubleValue(), name);
        }
        // Unknown is not independent: the bounds span everything, [0/4, (0 + 4)/4].
        assertEquals(List.of(0.0, 1.0), value(r, "corporate_share_bounds"));
        assertEquals(1, number(r, "bus_factor"));                          // p1 alone: 3 >= 2
    }

    @Test
    void oneContributor() {
        Dataset d = Dataset.project("community");
        String a = organisation("company");
        long p = person();
        affiliate(p, a, null, null);
        d.contribute(p, "2024-05-01", 5);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(1, number(r, "contributors_active"));
        assertEquals(1, number(r, "elephant_factor"));
        assertEquals(1.0, number(r, "org_hhi"));                           // 1^2
        assertEquals(1, number(r, "bus_factor"));
        assertEquals(1.0, number(r, "top_org_share"));
        assertEquals(0.0, number(r, "walkaway_share"));
    }

    @Test
    void tiesAreBrokenByOrganisationKey() {
        Dataset d = Dataset.project("community");
        String first = "a" + organisation("company").substring(1);
        // Keys decide ties: create two organisations whose keys sort in a known order.
        String x = organisation("company"), y = organisation("company");
        String low = x.compareTo(y) < 0 ? x : y, high = low.equals(x) ? y : x;
        long p1 = person(), p2 = person();
        affiliate(p1, high, null, null);
        affiliate(p2, low, null, null);
        d.contribute(p1, "2024-05-01", 2).contribute(p2, "2024-05-01", 2);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(low, value(r, "top_org"));                             // 2 each: the lower key wins
        assertEquals(0.5, number(r, "top_org_share"));                     // 2 / 4
        assertEquals(1, number(r, "elephant_factor"));                     // 2 / 4 reaches 50%
        assertEquals(0.5, number(r, "org_hhi"));                           // 0.25 + 0.25
        assertTrue(first.startsWith("a"));
    }

    @Test
    void anAffiliationChangingInsideTheWindowSplitsTheWork() {
        Dataset d = Dataset.project("community");
        String a = organisation("company"), b = organisation("company");
        long p = person();
        affiliate(p, a, "2020-01-01", "2024-03-31");
        affiliate(p, b, "2024-04-01", null);
        d.contribute(p, "2024-03-31", 3).contribute(p, "2024-04-01", 1);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(a, value(r, "top_org"));                               // A 3, B 1
        assertEquals(0.75, number(r, "top_org_share"));                    // 3 / 4
        assertEquals(0.625, number(r, "org_hhi"));                         // 0.5625 + 0.0625
        assertEquals(2, number(r, "org_count"));
    }

    @Test
    void theBestTierWinsAcrossTiers() {
        Dataset d = Dataset.project("community");
        String a = organisation("company"), b = organisation("company");
        long p = person();
        affiliate(p, a, "2020-01-01", null);  // manual, tier 1
        // An email-domain guess (tier 5) saying B is recorded by the service itself; simulate it by SQL.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> Dataset.em().createNativeQuery("""
                        insert into affiliation (contributor_id, organisation_id, valid_from, source_kind, confidence)
                        select ?1, id, date '2020-01-01', 'email-domain', 'inferred' from organisation where key = ?2""")
                .setParameter(1, p).setParameter(2, b).executeUpdate());
        d.contribute(p, "2024-05-01", 2);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(a, value(r, "top_org"));
        assertEquals(1, number(r, "org_count"));
    }

    @Test
    void organisationsRollUpToTheirParentOnTheDateOfTheAct() {
        Dataset d = Dataset.project("community");
        String big = organisation("company"), small = organisation("company"), other = organisation("company");
        parent(small, big, "2024-04-01", null);  // big acquires small on 2024-04-01
        long ps = person(), pb = person(), po = person();
        affiliate(ps, small, null, null);
        affiliate(pb, big, null, null);
        affiliate(po, other, null, null);
        d.contribute(ps, "2024-03-15", 2)   // before the acquisition: small
                .contribute(ps, "2024-05-15", 2)   // after: big
                .contribute(pb, "2024-05-15", 1)
                .contribute(po, "2024-05-15", 2);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        // Entities: small 2, big 2 + 1 = 3, other 2; 7 known.
        assertEquals(big, value(r, "top_org"));
        assertEquals(3.0 / 7, number(r, "top_org_share"), 1e-6);
        assertEquals(3, number(r, "org_count"));
        assertEquals((4 + 9 + 4) / 49.0, number(r, "org_hhi"), 1e-6);     // (2/7)^2 + (3/7)^2 + (2/7)^2 = 17/49
        // Before the acquisition only small contributed.
        JsonPath before = indicators(d.slug, Map.of("at", "2024-03-31"));
        assertEquals(small, value(before, "top_org"));
    }

    @Test
    void parentsRollUpRecursively() {
        Dataset d = Dataset.project("community");
        String top = organisation("company"), mid = organisation("company"), leaf = organisation("company");
        parent(leaf, mid, null, null);
        parent(mid, top, "2023-01-01", null);
        long p = person();
        affiliate(p, leaf, null, null);
        d.contribute(p, "2022-06-01", 1).contribute(p, "2024-06-01", 1);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30", "window", "ALL"));
        // 2022: leaf -> mid (mid had no parent yet); 2024: leaf -> mid -> top.
        assertEquals(2, number(r, "org_count"));
        assertEquals(0.5, number(r, "org_hhi"));
        assertEquals(mid.compareTo(top) < 0 ? mid : top, value(r, "top_org"));
    }

    @Test
    void botsAreExcluded() {
        Dataset d = Dataset.project("community");
        String a = organisation("company");
        long human = person(), bot = person();
        affiliate(human, a, null, null);
        Dataset.bot(bot);
        d.contribute(human, "2024-05-01", 2).contribute(bot, "2024-05-01", 50);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(1, number(r, "contributors_active"));
        assertEquals(1.0, number(r, "affiliation_coverage"));              // the bot's 50 are not in the input
        assertEquals(2, ((Number) indicator(r, "bus_factor").get("n")).intValue());
    }

    @Test
    void theWindowIsHalfOpenAtTheEndOfTheDay() {
        Dataset d = Dataset.project("community");
        long p = person();
        affiliate(p, null, null, null);
        // P3M at 2024-06-30: (2024-03-30T23:59:59.999999Z, 2024-06-30T23:59:59.999999Z]
        d.contributeAt(p, OffsetDateTime.of(2024, 3, 30, 23, 59, 0, 0, ZoneOffset.UTC), "commit", "edge-out", "git")
                .contributeAt(p, OffsetDateTime.of(2024, 3, 31, 0, 0, 0, 0, ZoneOffset.UTC), "commit", "edge-in", "git")
                .contributeAt(p, OffsetDateTime.of(2024, 6, 30, 23, 59, 59, 0, ZoneOffset.UTC), "commit", "end-in", "git")
                .contributeAt(p, OffsetDateTime.of(2024, 7, 1, 0, 0, 0, 0, ZoneOffset.UTC), "commit", "after", "git");
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30", "window", "P3M"));
        assertEquals(2, ((Number) indicator(r, "independent_share").get("n")).intValue());
        assertEquals(1.0, number(r, "independent_share"));
        assertEquals(0, number(r, "org_count"));
        assertEquals(0.0, number(r, "top_org_share"));                     // no organisation: the largest holds 0
        assertNull(value(r, "top_org"));
    }

    @Test
    void hiredContributorsAndMergesCountOnce() {
        Dataset d = Dataset.project("community");
        String a = organisation("company"), uni = organisation("academic");
        long hired = person(), always = person(), student = person();
        affiliate(hired, null, "2020-01-01", "2023-12-31");
        affiliate(hired, a, "2024-01-01", null);
        affiliate(always, a, "2020-01-01", null);
        affiliate(student, uni, "2020-01-01", "2022-12-31");
        affiliate(student, a, "2023-01-01", null);
        d.contribute(hired, "2023-06-01", 1).contribute(hired, "2024-02-01", 1)
                .contribute(always, "2023-06-01", 1).contribute(always, "2024-02-01", 1)
                .contribute(student, "2022-06-01", 1).contribute(student, "2023-02-01", 1);
        // P12M at 2024-06-30: hired joined A in the window after independent work; student joined in 2023 (outside).
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(1, number(r, "hired_contributors"));
        assertEquals(0, number(r, "new_orgs"));                            // A first contributed in 2023
        JsonPath all = indicators(d.slug, Map.of("at", "2024-06-30", "window", "ALL"));
        assertEquals(2, number(all, "hired_contributors"));                // hired and student
        // One merge recorded twice (the commit's author and GitHub's merged_by): counted once, for merged_by.
        OffsetDateTime at = OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        d.contributeAt(always, at, "merge", "sha-1", "git").contributeAt(hired, at, "merge", "sha-1", "github");
        JsonPath merges = indicators(d.slug, Map.of("at", "2024-06-30", "kinds", "merge"));
        assertEquals(1, number(merges, "contributors_active"));
        assertEquals(1, ((Number) indicator(merges, "bus_factor").get("n")).intValue());
    }
}

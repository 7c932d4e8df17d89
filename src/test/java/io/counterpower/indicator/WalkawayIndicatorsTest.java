package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.indicator.FactIndicatorsTest.sql;
import static io.counterpower.indicator.LicensePrecedenceTest.period;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walk-away resilience (METHODOLOGY.md section 7, methodology 2) on hand-computed fixtures: walkaway_share,
 * walkaway_mergers, forkable (with last_open_state and BUSL's converts_to) and walkaway_resilience, whose unknown
 * is never unmet; and the assessment's resistance to capture, which reads it.
 */
@QuarkusTest
class WalkawayIndicatorsTest {
    static final String NAMES = "walkaway_share,walkaway_mergers,forkable,walkaway_resilience";

    static JsonPath walkaway(String slug, String at) {
        return indicators(slug, Map.of("at", at, "names", NAMES));
    }

    /** Company A: a1 (6 commits, merges), a2 (2); independents i1 (1 commit, merges) and i2; company B: b1 (1 commit, merges). */
    static Dataset contributions(String a, String b) {
        Dataset d = Dataset.project("community");
        long a1 = person(), a2 = person(), i1 = person(), b1 = person();
        affiliate(a1, a, null, null);
        affiliate(a2, a, null, null);
        affiliate(i1, null, null, null);
        affiliate(b1, b, null, null);
        d.contribute(a1, "2024-03-01", 6).contribute(a2, "2024-03-02", 2).contribute(i1, "2024-03-03", 1).contribute(b1, "2024-03-04", 1);
        d.contribute(a1, "2024-04-01", 3, "merge").contribute(i1, "2024-04-02", 1, "merge").contribute(b1, "2024-04-03", 2, "merge");
        return d;
    }

    @Test
    void aDominantCompanyLeavesAWalkawayShareBelowTheThresholdAndTheReadingUnmet() {
        String a = organisation("company"), b = organisation("company");
        Dataset d = contributions(a, b);
        period(d, "MPL-2.0", "2014-07-01", "initial", "manual", 2);
        JsonPath r = walkaway(d.slug, "2024-06-30");
        // Known 10 commits, top organisation A with 8: 1 - 8/10.
        assertEquals(0.2, ((Number) value(r, "walkaway_share")).doubleValue(), 1e-9);
        // Mergers a1, i1, b1; outside A: i1 and b1.
        assertEquals(2, ((Number) value(r, "walkaway_mergers")).intValue());
        assertEquals(3, ((Number) indicator(r, "walkaway_mergers").get("n")).intValue());
        assertEquals(true, value(r, "forkable"));
        assertEquals("unmet", value(r, "walkaway_resilience"));
        assertEquals(List.of("walkaway_share"), ((Map<?, ?>) indicator(r, "walkaway_resilience").get("detail")).get("failing"));
        assertEquals(1.0, ((Number) indicator(r, "walkaway_resilience").get("coverage")).doubleValue());
    }

    @Test
    void anOpenProjectWithWorkAndMergersOutsideTheTopOrganisationIsMet() {
        String a = organisation("company"), b = organisation("company");
        Dataset d = contributions(a, b);
        long i2 = person();
        affiliate(i2, null, null, null);
        d.contribute(i2, "2024-05-01", 4);
        period(d, "Apache-2.0", "2020-01-01", "initial", "manual", 1);
        JsonPath r = walkaway(d.slug, "2024-06-30");
        // Known 14, A 8: 6/14 >= 0.3; mergers outside A: 2 >= 2; every artifact at level 0-3.
        assertEquals(6.0 / 14, ((Number) value(r, "walkaway_share")).doubleValue(), 1e-6);
        assertEquals("met", value(r, "walkaway_resilience"));
    }

    @Test
    void aBuslRelicenseIsNotForkableAndNamesTheLastOpenStateAndTheConversion() {
        Dataset d = Dataset.project("corporate");
        period(d, "MPL-2.0", "2014-07-01", "initial", "manual", 2);
        long busl = period(d, "BUSL-1.1", "2023-08-10", "relicense", "manual", 5);
        sql("update license_period set detail = cast(?1 as jsonb) where id = ?2",
                "{\"changeDate\": \"2027-08-10\", \"changeLicense\": \"Mozilla Public License, version 2.0\", \"convertsTo\": \"MPL-2.0\"}", busl);
        JsonPath r = walkaway(d.slug, "2024-06-30");
        assertEquals(false, value(r, "forkable"));
        Map<?, ?> detail = (Map<?, ?>) indicator(r, "forkable").get("detail");
        assertEquals("2023-08-09", detail.get("last_open_state"));
        List<?> converts = (List<?>) detail.get("converts_to");
        assertEquals(1, converts.size());
        assertEquals("2027-08-10", ((Map<?, ?>) converts.get(0)).get("changeDate"));
        assertEquals("MPL-2.0", ((Map<?, ?>) converts.get(0)).get("convertsTo"));
        // Not forkable fails on evidence: unmet, whatever the unknown contributions.
        assertNull(value(r, "walkaway_share"));
        assertEquals("unmet", value(r, "walkaway_resilience"));
        assertEquals(List.of("forkable"), ((Map<?, ?>) indicator(r, "walkaway_resilience").get("detail")).get("failing"));
        // Before the relicense it was forkable.
        assertEquals(true, value(walkaway(d.slug, "2023-08-09"), "forkable"));
    }

    @Test
    void nothingKnownIsUnknownNeverUnmetOrZero() {
        Dataset d = Dataset.project("community");
        JsonPath r = walkaway(d.slug, "2024-06-30");
        assertNull(value(r, "walkaway_share"));
        assertNull(value(r, "walkaway_mergers"));
        assertNull(value(r, "forkable"));
        assertEquals("unknown", value(r, "walkaway_resilience"));
        assertEquals(0.0, ((Number) indicator(r, "walkaway_resilience").get("coverage")).doubleValue());
        // An unknown license beside no restrictive one leaves forkable unknown, not false.
        period(d, "LicenseRef-Unrecognised-0123456789ab", "2020-01-01", "initial", "git", null);
        assertNull(value(walkaway(d.slug, "2024-06-30"), "forkable"));
    }

    @Test
    void noMergeInTheWindowIsZeroOnlyWhenMergesAreRecorded() {
        String a = organisation("company"), b = organisation("company");
        Dataset d = contributions(a, b);
        // The merges were in April 2024; a window ending in April 2026 holds none, though merges are recorded.
        long a1 = person();
        affiliate(a1, a, null, null);
        d.contribute(a1, "2026-01-01", 1);
        JsonPath r = walkaway(d.slug, "2026-04-30");
        assertEquals(0, ((Number) value(r, "walkaway_mergers")).intValue());
    }

    @Test
    void resistanceToCaptureReadsWalkawayResilience() {
        assertEquals("met", CounterPowerProfile.resistanceToCapture("met", "met"));
        assertEquals("partial", CounterPowerProfile.resistanceToCapture("met", "unknown"));
        assertEquals("partial", CounterPowerProfile.resistanceToCapture("met", "unmet"));
        assertEquals("partial", CounterPowerProfile.resistanceToCapture("unknown", "met"));
        assertEquals("partial", CounterPowerProfile.resistanceToCapture("unmet", "met"));
        assertEquals("unmet", CounterPowerProfile.resistanceToCapture("unmet", "unknown"));
        assertEquals("unmet", CounterPowerProfile.resistanceToCapture("unknown", "unmet"));
        assertEquals("unknown", CounterPowerProfile.resistanceToCapture("unknown", "unknown"));

        String a = organisation("company"), b = organisation("company");
        Dataset d = contributions(a, b);
        period(d, "MPL-2.0", "2014-07-01", "initial", "manual", 2);
        JsonPath r = anonymous().queryParam("at", "2024-06-30").get("/api/v1/projects/" + d.slug + "/assessment")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("unmet", r.getString("walkaway.walkaway_resilience.value"));
        assertEquals("unmet", r.getString("counterPower.resistance_to_capture.values.walkaway_resilience"));
        assertTrue(r.getMap("walkaway").containsKey("forkable"));
    }
}

package io.counterpower.indicator;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.indicator.FactIndicatorsTest.sql;
import static io.counterpower.support.Api.anonymous;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * METHODOLOGY.md section 3, "License": a period of a higher source tier covers the dates it spans, whatever a git
 * collection says about them, in the indicators and in /license-changes alike (license_periods_effective, V017); and
 * unknown is null, never 0.
 */
@QuarkusTest
class LicensePrecedenceTest {

    static long period(Dataset d, String expression, String from, String kind, String source, Integer level) {
        sql("""
                insert into license_period (project_id, artifact, expression, valid_from, change_kind, source_kind, source_url,
                                            confidence, level, level_lower, level_upper)
                values (?, 'code', ?, cast(? as date), ?, ?, 'https://example.org/terms', 'verified', ?, ?, ?)""",
                d.projectId, expression, from, kind, source, level, level == null ? 0 : level, level == null ? 7 : level);
        return ((Number) Dataset.em().createNativeQuery(
                "select id from license_period where project_id = ?1 and valid_from = cast(?2 as date) and source_kind = ?3")
                .setParameter(1, d.projectId).setParameter(2, from).setParameter(3, source).getSingleResult()).longValue();
    }

    static List<Map<String, Object>> changes(String slug) {
        return anonymous().queryParam("project", slug).get("/api/v1/license-changes").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void aGitCollectionLeavesTheCuratedBuslPeriodInForce() {
        Dataset d = Dataset.project("corporate");
        // Curated: MPL-2.0 from 2014, BUSL-1.1 from 2023-08-10 (the reference dataset's Terraform).
        period(d, "MPL-2.0", "2014-07-28", "initial", "reference-dataset", 2);
        long busl = period(d, "BUSL-1.1", "2023-08-10", "relicense", "reference-dataset", 5);
        // What a collection found before this release: the same MPL a day later, an unrecognised text the day of the
        // change, then a removed file. Each lies within a curated period, so none is in force.
        period(d, "MPL-2.0", "2014-07-29", "initial", "git", 2);
        period(d, "LicenseRef-Unrecognised-0123456789ab", "2023-08-10", "relicense", "git", null);
        period(d, "NOASSERTION", "2023-11-07", "relicense", "git", null);

        JsonPath on = indicators(d.slug, Map.of("at", "2024-06-30", "window", "P24M"));
        assertEquals(5, ((Number) value(on, "license_restrictiveness")).intValue());
        assertEquals(1.0, ((Number) indicator(on, "license_restrictiveness").get("coverage")).doubleValue());
        assertEquals(1, ((Number) value(on, "restrictive_relicenses")).intValue());
        assertEquals(List.of(busl), longs(indicator(on, "restrictive_relicenses")));

        JsonPath all = indicators(d.slug, Map.of("at", "2024-06-30", "window", "ALL"));
        assertEquals(1, ((Number) value(all, "restrictive_relicenses")).intValue());
        assertEquals(List.of(busl), longs(indicator(all, "restrictive_relicenses"))); // the evidence is never empty

        List<Map<String, Object>> changes = changes(d.slug);
        assertEquals(1, changes.size(), changes.toString());
        assertEquals("MPL-2.0", changes.get(0).get("fromExpression"));
        assertEquals("BUSL-1.1", changes.get(0).get("toExpression"));
        assertEquals("restrictive", changes.get(0).get("direction"));
    }

    @Test
    void gitPeriodsBeforeTheFirstCuratedOneStillCount() {
        Dataset d = Dataset.project("corporate");
        period(d, "MIT", "2019-01-01", "initial", "git", 1);
        period(d, "CC-BY-NC-4.0", "2022-03-01", "relicense", "manual", 6);
        period(d, "MIT", "2022-06-01", "relicense", "git", 1); // inside the manual period: not in force

        JsonPath r = indicators(d.slug, Map.of("at", "2023-01-01", "window", "P24M"));
        assertEquals(6, ((Number) value(r, "license_restrictiveness")).intValue());
        assertEquals(1, ((Number) value(r, "restrictive_relicenses")).intValue());
        List<Map<String, Object>> changes = changes(d.slug);
        assertEquals(List.of("CC-BY-NC-4.0"), changes.stream().map(c -> c.get("toExpression")).toList());
    }

    @Test
    void restrictiveRelicensesAreUnknownWhenTheChangesAreUnknown() {
        Dataset d = Dataset.project("corporate");
        period(d, "LicenseRef-Unrecognised-aaaaaaaaaaaa", "2022-01-01", "initial", "git", null);
        period(d, "LicenseRef-Unrecognised-bbbbbbbbbbbb", "2023-01-01", "relicense", "git", null);

        JsonPath r = indicators(d.slug, Map.of("at", "2023-06-30", "window", "P12M"));
        assertNull(value(r, "license_restrictiveness"));
        assertNull(value(r, "restrictive_relicenses"));                    // not {"value": 0, "coverage": 0}
    }

    @SuppressWarnings("unchecked")
    static List<Long> longs(Map<String, Object> indicator) {
        return ((List<Number>) ((Map<String, Object>) indicator.get("detail")).get("periods")).stream()
                .map(Number::longValue).toList();
    }
}

package io.counterpower.indicator;

import io.counterpower.license.PinnedLicenseLevels;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.counterpower.indicator.Dataset.em;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A methodology version pins its rules, not only its thresholds (METHODOLOGY.md section 8): the currency
 * rate table and the license levels. Each version's statements read its own rates
 * (methodology/v&lt;N&gt;/currency-rates.json) and its own levels (methodology/v&lt;N&gt;/license-levels.json); a change
 * of version 2's moves version 2's figure and leaves version 1's where it was.
 */
@QuarkusTest
class VersionPinsTest {
    @Inject
    PinnedLicenseLevels levels;

    @Test
    void aChangeOfVersionTwosRatesCannotMoveAVersionOneFigure() {
        String lab = organisation("company");
        String investor = organisation("company");
        String slug = project(lab);
        Map<String, Object> body = new HashMap<>();
        body.put("recipientOrganisation", lab);
        body.put("funder", investor);
        body.put("type", "investment");
        body.put("amount", 15_000_000);
        body.put("currency", "EUR");
        body.put("amountScope", "funder");
        body.put("date", "2024-02-26");
        body.put("source", source());
        admin().body(body).post("/api/v1/funding-events").then().statusCode(201);
        // 15,000,000 EUR in 2024 at the ECB's 2024 average of 1.0824 USD per EUR = 16,236,000 USD, in both versions.
        assertEquals(16_236_000.0, total(slug, "1"), 0.005);
        assertEquals(16_236_000.0, total(slug, "2"), 0.005);
        try {
            // A later edition of version 2 with another EUR rate for 2024 (2 USD per EUR): 30,000,000 USD.
            setVersionTwoEuroRate("2");
            assertEquals(30_000_000.0, total(slug, "2"), 0.005);
            assertEquals(16_236_000.0, total(slug, "1"), 0.005);
        } finally {
            setVersionTwoEuroRate("1.0824");
        }
    }

    private static void setVersionTwoEuroRate(String rate) {
        QuarkusTransaction.requiringNew().run(() -> assertEquals(1, em().createNativeQuery(
                        "update methodology_currency_rate set usd_per_unit = cast(?1 as numeric) where methodology_version = 2 and currency = 'EUR' and year = 2024")
                .setParameter(1, rate).executeUpdate()));
    }

    /** funding_total_usd at 2024-06-30; a fresh asRecordedOn each time, so that no cached figure answers. */
    private static double total(String slug, String methodology) {
        return anonymous().queryParam("at", "2024-06-30").queryParam("names", "funding_total_usd").queryParam("methodology", methodology)
                .queryParam("asRecordedOn", Instant.now().toString())
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200)
                .extract().jsonPath().getDouble("indicators[0].value");
    }

    @Test
    void aChangeOfVersionTwosLicenseLevelsCannotMoveAVersionOneFigure() {
        String slug = project(null);
        admin().body(Map.of("project", slug, "artifact", "code", "expression", "Apache-2.0", "date", "2022-06-15",
                "changeKind", "initial", "source", source())).post("/api/v1/license-periods").then().statusCode(201);
        // Apache-2.0 is permissive, level 1, in both versions' tables (and the catalog's).
        assertEquals(1, level(slug, "1"));
        assertEquals(1, level(slug, "2"));
        try {
            // A later edition of version 2 that reads this period at level 5.
            setVersionTwoLevel(slug, "5");
            assertEquals(5, level(slug, "2"));
            assertEquals(1, level(slug, "1"));
        } finally {
            setVersionTwoLevel(slug, "1");
        }
    }

    @Test
    void pinnedLevelsReadExpressionsByTheCatalogsRules() {
        Map<String, Integer> pinned = new HashMap<>(levels.catalogLevels());
        assertEquals(1, pinned.get("Apache-2.0"));
        assertEquals(5, pinned.get("BUSL-1.1"));
        // A choice has the level of its least restrictive option: min(1, 5) = 1 with the catalog's levels...
        assertEquals(1, levels.evaluate("Apache-2.0 OR BUSL-1.1", pinned).level());
        // ... and min(6, 5) = 5 with a table that puts Apache-2.0 at 6; a conjunction takes the highest: 6.
        pinned.put("Apache-2.0", 6);
        assertEquals(5, levels.evaluate("Apache-2.0 OR BUSL-1.1", pinned).level());
        assertEquals(6, levels.evaluate("Apache-2.0 AND BUSL-1.1", pinned).level());
        // A license the table does not classify is unknown, never guessed.
        pinned.remove("MIT");
        assertEquals(null, levels.evaluate("MIT", pinned).level());
    }

    private static void setVersionTwoLevel(String slug, String level) {
        QuarkusTransaction.requiringNew().run(() -> assertEquals(1, em().createNativeQuery("""
                        update license_period_level set level = cast(?1 as smallint), level_lower = cast(?1 as smallint),
                            level_upper = cast(?1 as smallint)
                        where methodology_version = 2 and period_row_id in (
                            select l.row_id from license_period l join project p on p.id = l.project_id where p.slug = ?2)""")
                .setParameter(1, level).setParameter(2, slug).executeUpdate()));
    }

    /** license_restrictiveness at 2024-06-30; a fresh asRecordedOn each time, so that no cached figure answers. */
    private static int level(String slug, String methodology) {
        return anonymous().queryParam("at", "2024-06-30").queryParam("names", "license_restrictiveness").queryParam("methodology", methodology)
                .queryParam("asRecordedOn", Instant.now().toString())
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200)
                .extract().jsonPath().getInt("indicators[0].value");
    }
}

package io.counterpower.funding;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.counterpower.funding.FundingResourceTest.funding;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.organisation;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The funding CSV carries the USD conversion the JSON gives ({@code amountUsd}, {@code usdRate}),
 * as plain decimals, and those derived columns do not stop the export from importing again.
 */
@QuarkusTest
class FundingCsvTest {

    @Test
    void aEuroEventShowsItsUsdAmountAndTheRateYearAndImportsAgainUnchanged() throws IOException {
        String lab = organisation("company");
        String investor = organisation("company");
        // 105,000,000.50 EUR in 2024 at the ECB's 2024 average of 1.0824 USD per EUR
        // = 113,652,000.5412 USD, rounded to the cent: 113652000.54.
        admin().body(funding(lab, investor, "investment", new BigDecimal("105000000.50"), "EUR", "2024-02-26")).post("/api/v1/funding-events")
                .then().statusCode(201);
        // An undisclosed amount has no USD figure: empty cells, never 0.
        admin().body(funding(lab, investor, "grant", null, null, "2023")).post("/api/v1/funding-events")
                .then().statusCode(201);

        String text = anonymous().queryParam("organisation", lab).queryParam("format", "csv").get("/api/v1/funding-events")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertFalse(text.contains("E+"), text);
        List<Map<String, String>> rows = rows(text);
        assertEquals(2, rows.size(), text);
        assertTrue(text.lines().findFirst().orElseThrow().endsWith(",reason,amountUsd,usdRate.usdPerUnit,usdRate.year"), text);
        Map<String, String> euros = rows.stream().filter(r -> r.get("type").equals("investment")).findFirst().orElseThrow();
        assertEquals("105000000.5", euros.get("amount"));
        assertEquals("113652000.54", euros.get("amountUsd"));
        assertEquals("1.0824", euros.get("usdRate.usdPerUnit"));
        assertEquals("2024", euros.get("usdRate.year"));
        Map<String, String> undisclosed = rows.stream().filter(r -> r.get("type").equals("grant")).findFirst().orElseThrow();
        assertEquals("", undisclosed.get("amountUsd"));
        assertEquals("", undisclosed.get("usdRate.year"));

        // The export endpoint writes the same file.
        String exported = anonymous().queryParam("organisation", lab).queryParam("format", "csv").get("/api/v1/funding-events/export")
                .then().statusCode(200).extract().asString();
        assertEquals(text, exported);

        // Imported again as it is: accepted, nothing changes, the data version stays.
        String before = anonymous().get("/api/v1/funding-events?size=1").then().statusCode(200)
                .extract().header("Counterpower-Data-Version");
        admin().contentType("text/csv").body(text).post("/api/v1/funding-events/import").then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(2));
        String after = anonymous().get("/api/v1/funding-events?size=1").then().statusCode(200)
                .extract().header("Counterpower-Data-Version");
        assertEquals(before, after);
    }

    @Test
    void theDerivedColumnsAreIgnoredOnImportAndOtherUnknownColumnsStillRefused() throws IOException {
        String lab = organisation("company");
        String investor = organisation("company");
        // A wrong USD figure in the file is not taken: the service recomputes it from amount, currency and year.
        String file = "recipientOrganisation,funder,type,amount,currency,date,source.kind,source.url,source.confidence,amountUsd,usdRate.usdPerUnit,usdRate.year\n"
                + lab + "," + investor + ",grant,1000,EUR,2024-03,import,https://example.org/grant,reported,1,2,1999\n";
        admin().contentType("text/csv").body(file).post("/api/v1/funding-events/import").then().statusCode(200)
                .body("created", equalTo(1));
        anonymous().queryParam("organisation", lab).get("/api/v1/funding-events").then().statusCode(200)
                .body("items[0].amountUsd", closeTo(1082.40, 0.001)).body("items[0].usdRate.year", equalTo(2024));

        invalidAsAdmin().contentType("text/csv").body(file.replace("usdRate.year", "usdRate.month"))
                .post("/api/v1/funding-events/import").then().statusCode(400)
                .body("errors.field", hasItem("line 1: usdRate.month"));
    }

    private static List<Map<String, String>> rows(String text) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            return it.readAll();
        }
    }
}

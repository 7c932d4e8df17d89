package io.counterpower.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code format=csv} is served (or refused), never silently ignored; amounts in CSV are plain
 * decimals; a USD amount's conversion names the event's year. Read from the default dataset.
 */
@QuarkusTest
class CsvListsTest {
    private static String csv(String path) {
        return anonymous().accept("text/csv").get(path).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
    }

    @Test
    void licenseChangesAsCsv() {
        List<String> lines = csv("/api/v1/license-changes?project=terraform&format=csv").lines().toList();
        assertTrue(lines.get(0).startsWith("project,artifact,date,"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("terraform,code,2023-08-10,") && l.contains("MPL-2.0,BUSL-1.1")),
                String.join("\n", lines));
        invalid().get("/api/v1/license-changes?format=xml").then().statusCode(400).body("errors.field", hasItem("format"));
    }

    @Test
    void organisationsAsCsvAreEveryMatchingOneNotAPage() {
        String text = csv("/api/v1/organisations?format=csv&size=1&domain=meta.com");
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("key,name,type,aliases,domains,"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("meta,")), text);
        long all = anonymous().get("/api/v1/organisations?size=1").then().statusCode(200).extract().jsonPath().getLong("totalItems");
        assertTrue(csv("/api/v1/organisations?format=csv&size=1").lines().count() >= all + 1, "one line per organisation and a header");
        invalid().get("/api/v1/organisations?format=xml").then().statusCode(400).body("errors.field", hasItem("format"));
    }

    @Test
    void fundingAmountsArePlainDecimals() {
        String text = csv("/api/v1/funding-events?organisation=mistral&format=csv");
        assertFalse(text.contains("E+"), text);
        assertTrue(text.contains(",105000000,") || text.contains(",105000000.00,"), text);
    }

    @Test
    void aUsdAmountIsConvertedAtTheEventsYear() {
        var events = anonymous().get("/api/v1/funding-events?organisation=anthropic&size=50").then().statusCode(200)
                .extract().jsonPath();
        List<Integer> years = events.getList("items.findAll { it.amount != null }.usdRate.year");
        List<String> dates = events.getList("items.findAll { it.amount != null }.date");
        assertFalse(years.isEmpty());
        for (int i = 0; i < years.size(); i++) {
            assertEquals(Integer.parseInt(dates.get(i).substring(0, 4)), years.get(i), dates.get(i));
        }
    }
}

package io.counterpower.funding;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class FundingResourceTest {

    static Map<String, Object> funding(String recipient, String funder, String type, Object amount, String currency, String date) {
        Map<String, Object> body = new HashMap<>();
        body.put("recipientOrganisation", recipient);
        body.put("funder", funder);
        body.put("type", type);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("amountScope", amount == null ? null : "funder");
        body.put("date", date);
        body.put("source", source());
        return body;
    }

    @Test
    void anEuroAmountIsConvertedAtTheRateOfItsYear() {
        String lab = organisation("company");
        String investor = organisation("company");
        // 15,000,000 EUR in 2024 at the ECB's 2024 average of 1.0824 USD per EUR = 16,236,000 USD.
        admin().body(funding(lab, investor, "investment", 15_000_000, "EUR", "2024-02-26")).post("/api/v1/funding-events")
                .then().statusCode(201)
                .body("amountUsd", closeTo(16_236_000.0, 0.01))
                .body("usdRate.year", equalTo(2024))
                .body("usdRate.currency", equalTo("EUR"))
                .body("date", equalTo("2024-02-26"));
        // An undisclosed amount stays undisclosed: no USD figure, never 0.
        admin().body(funding(lab, investor, "grant", null, null, "2023")).post("/api/v1/funding-events")
                .then().statusCode(201).body("amount", nullValue()).body("amountUsd", nullValue()).body("usdRate", nullValue());
        anonymous().queryParam("organisation", lab).get("/api/v1/funding-events").then().body("totalItems", equalTo(2));
        anonymous().queryParam("funder", investor).queryParam("type", "grant").get("/api/v1/funding-events")
                .then().body("totalItems", equalTo(1));
    }

    @Test
    void editsAreVersioned() {
        String lab = organisation("company");
        String investor = organisation("company");
        long id = admin().body(funding(lab, investor, "investment", 1_000_000, "USD", "2022-05")).post("/api/v1/funding-events")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Instant before = Moments.between();
        admin().body(io.counterpower.support.Fixtures.withReason(funding(lab, investor, "investment", 2_000_000, "USD", "2022-05"), "the amount was 2 million")).put("/api/v1/funding-events/" + id)
                .then().statusCode(200).body("amount", closeTo(2_000_000.0, 0.001));
        anonymous().queryParam("asRecordedOn", before.toString()).get("/api/v1/funding-events/" + id)
                .then().body("amount", closeTo(1_000_000.0, 0.001));
        anonymous().get("/api/v1/funding-events/" + id + "/history").then().body("$", hasSize(2));
        admin().queryParam("reason", "recorded in error").delete("/api/v1/funding-events/" + id).then().statusCode(204);
    }

    @Test
    void theSameEventRecordedTwiceIsAConflictNotADoubleCount() {
        String lab = organisation("company");
        String investor = organisation("company");
        long id = admin().body(funding(lab, investor, "grant", 50_000, "USD", "2023-03-01")).post("/api/v1/funding-events")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(funding(lab, investor, "grant", 60_000, "USD", "2023-03-01")).post("/api/v1/funding-events")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(String.valueOf(id)));
        anonymous().queryParam("organisation", lab).get("/api/v1/funding-events").then().body("totalItems", equalTo(1));
    }

    @Test
    void badFundingIsRejected() {
        String lab = organisation("company");
        String investor = organisation("company");
        invalidAsAdmin().contentType("application/json").body(funding(lab, investor, "investment", -5, "USD", "2022"))
                .post("/api/v1/funding-events").then().statusCode(400).body("errors[0].field", equalTo("amount"));
        invalidAsAdmin().contentType("application/json").body(funding(lab, investor, "investment", 5, "XYZ", "2022"))
                .post("/api/v1/funding-events").then().statusCode(400).body("errors[0].field", equalTo("currency"));
        invalidAsAdmin().contentType("application/json").body(funding(lab, investor, "loan", 5, "USD", "2022"))
                .post("/api/v1/funding-events").then().statusCode(400).body("errors[0].field", equalTo("type"));
        invalidAsAdmin().contentType("application/json").body(funding(lab, investor, "grant", 5, "USD", "2999-01-01"))
                .post("/api/v1/funding-events").then().statusCode(400).body("errors[0].field", equalTo("date"));
        Map<String, Object> period = funding(lab, investor, "membership", null, null, "2022-09-12");
        period.put("periodFrom", "2022-09-12");
        period.put("periodTo", "2021-01-01");
        invalidAsAdmin().contentType("application/json").body(period)
                .post("/api/v1/funding-events").then().statusCode(400).body("errors[0].field", equalTo("periodTo"));
        Map<String, Object> both = funding(lab, investor, "grant", null, null, "2022");
        both.put("recipientProject", project(null));
        invalidAsAdmin().contentType("application/json").body(both)
                .post("/api/v1/funding-events").then().statusCode(400).body("errors[0].field", equalTo("recipientOrganisation"));
        anonymous().queryParam("organisation", lab).get("/api/v1/funding-events").then().body("totalItems", equalTo(0));
    }

    @Test
    void theFunderAndTheRecipientMaySelfReportButNobodyElse() {
        String lab = organisation("company");
        String investor = organisation("company");
        as(key("steward:" + investor)).body(funding(lab, investor, "donation", 10_000, "USD", "2021")).post("/api/v1/funding-events")
                .then().statusCode(201).body("source.kind", equalTo("self-reported"));
        as(key("steward:" + organisation("company"))).body(funding(lab, investor, "donation", 10, "USD", "2020"))
                .post("/api/v1/funding-events").then().statusCode(403);
    }

    @Test
    void theReferenceDatasetsRoundsKeepTheirScope() {
        anonymous().queryParam("organisation", "huggingface").queryParam("funder", "salesforce").get("/api/v1/funding-events")
                .then().body("items[0].amountScope", equalTo("round")).body("items[0].amount", closeTo(235_000_000.0, 0.001))
                .body("items.type", hasItem("investment"));
    }
}

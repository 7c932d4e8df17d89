package io.counterpower.indicator;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Version 2 (docs/decisions.md, "Disputed facts beyond affiliations"): a governance, funding, license or
 * adoption figure that reads a fact under an open dispute carries {@code disputed_fact}, from the fact's start
 * on, while the dispute is open (and as recorded then); only the figures that read that kind of fact do.
 * Version 1 is frozen: it flags disputed affiliations only.
 */
@QuarkusTest
class DisputedFactFlagTest {

    @SuppressWarnings("unchecked")
    private static List<String> flags(JsonPath body, String name) {
        return (List<String>) ContributionIndicatorsTest.indicator(body, name).get("flags");
    }

    private static long period(String project, String expression, String date) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("expression", expression);
        body.put("date", date);
        body.put("artifact", "code");
        body.put("changeKind", "initial".equals(expression) ? "initial" : "relicense");
        body.put("source", source());
        return admin().body(body).post("/api/v1/license-periods").then().log().ifValidationFails().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void aStewardsDisputeOfALicensePeriodFlagsTheFiguresThatReadItFromItsStartUntilACuratorDecides() {
        String company = organisation("company");
        String slug = project(company);
        String steward = key("steward:" + company);
        Map<String, Object> first = new HashMap<>(Map.of("project", slug, "expression", "Apache-2.0", "date", "2020-01-01",
                "artifact", "code", "changeKind", "initial", "source", source()));
        admin().body(first).post("/api/v1/license-periods").then().log().ifValidationFails().statusCode(201);
        long busl = period(slug, "BUSL-1.1", "2023-08-10");
        String names = "license_restrictiveness,forkable,restrictive_license_in_force,seats_total,funding_total_usd,adopter_orgs";
        Map<String, String> mid2024 = Map.of("at", "2024-06-30", "names", names);
        JsonPath before = ContributionIndicatorsTest.indicators(slug, mid2024);
        for (String name : names.split(",")) {
            assertFalse(flags(before, name).contains("disputed_fact"), name);
        }

        // The steward did not record the period: its close is a dispute, the period stands until a curator decides.
        long dispute = as(steward).queryParam("reason", "we never shipped that license").delete("/api/v1/license-periods/" + busl)
                .then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath disputed = ContributionIndicatorsTest.indicators(slug, mid2024);
        for (String name : List.of("license_restrictiveness", "forkable", "restrictive_license_in_force")) {
            assertTrue(flags(disputed, name).contains("disputed_fact"), name);
        }
        for (String name : List.of("seats_total", "funding_total_usd", "adopter_orgs")) {
            assertFalse(flags(disputed, name).contains("disputed_fact"), name + " reads no license period");
        }
        // Before the disputed period starts, the figures do not read it.
        JsonPath earlier = ContributionIndicatorsTest.indicators(slug, Map.of("at", "2022-06-30", "names", "license_restrictiveness"));
        assertFalse(flags(earlier, "license_restrictiveness").contains("disputed_fact"));
        // Version 1 is frozen: it flags disputed affiliations only.
        JsonPath v1 = ContributionIndicatorsTest.indicators(slug, Map.of("at", "2024-06-30", "names", "license_restrictiveness",
                "methodology", "1"));
        assertFalse(flags(v1, "license_restrictiveness").contains("disputed_fact"));
        Instant whileOpen = Moments.between();

        admin().body(Map.of("reason", "the license file at the release commit is the BUSL")).post("/api/v1/disputes/" + dispute + "/reject")
                .then().statusCode(200);
        assertFalse(flags(ContributionIndicatorsTest.indicators(slug, mid2024), "license_restrictiveness").contains("disputed_fact"));
        JsonPath then = ContributionIndicatorsTest.indicators(slug, Map.of("at", "2024-06-30", "names", "license_restrictiveness",
                "asRecordedOn", whileOpen.toString()));
        assertTrue(flags(then, "license_restrictiveness").contains("disputed_fact"), "as recorded while the dispute was open");

        // The rejection changed no fact but the figures' flags: the errata feed lists it under the project.
        JsonPath feed = io.counterpower.support.Api.anonymous().queryParams(Map.of("project", slug, "kind", "license-period"))
                .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
        assertTrue(feed.getList("items.action").contains("reject-dispute"), feed.prettify());
        assertTrue(feed.getList("items.find { it.action == 'reject-dispute' }.affects.projects").contains(slug));
    }

    @Test
    void aDisputedTrademarkEventFlagsTheTrademarkFigureAndNotTheStewardFigure() {
        String company = organisation("company");
        String slug = project(company);
        String steward = key("steward:" + company);
        Map<String, Object> trademark = new HashMap<>(Map.of("project", slug, "kind", "trademark", "date", "2021-05-01",
                "toOrganisation", company, "source", source()));
        long event = admin().body(trademark).post("/api/v1/governance-events").then().log().ifValidationFails().statusCode(201)
                .extract().jsonPath().getLong("id");
        Map<String, String> query = Map.of("at", "2024-06-30", "names", "trademark_holder_type,cla_relicensing,foundation_hosted");
        assertFalse(flags(ContributionIndicatorsTest.indicators(slug, query), "trademark_holder_type").contains("disputed_fact"));

        as(steward).queryParam("reason", "the mark is held by the foundation").delete("/api/v1/governance-events/" + event)
                .then().statusCode(202);
        JsonPath disputed = ContributionIndicatorsTest.indicators(slug, query);
        assertTrue(flags(disputed, "trademark_holder_type").contains("disputed_fact"));
        assertFalse(flags(disputed, "foundation_hosted").contains("disputed_fact"), "the steward period is not disputed");
    }
}

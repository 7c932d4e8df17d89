package io.counterpower.query.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.projectBody;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front page in Chromium (issue #20 part 8): a newcomer sees the ranking with each project's
 * stage, risk and evidence (signals known of those defined), the recent license changes with their
 * sources, and reaches a project's page from either. The expected texts are read from the API.
 */
@QuarkusTest
class FrontPageBrowserTest {
    @TestHTTPResource("/")
    URL page;

    /** A project relicensed from MIT to BUSL-1.1 (the newest change recorded), with its stored ranking row. */
    private static String relicensed(String name) {
        String slug = unique("front");
        Map<String, Object> body = projectBody(slug);
        body.put("name", name);
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        admin().body(Map.of("project", slug, "artifact", "code", "expression", "MIT", "date", "2020-01-01",
                "changeKind", "initial", "source", source())).post("/api/v1/license-periods").then().statusCode(201);
        admin().body(Map.of("project", slug, "artifact", "code", "expression", "BUSL-1.1",
                "date", LocalDate.now(ZoneOffset.UTC).toString(), "changeKind", "relicense",
                "source", Map.of("url", "https://example.org/relicensing-announcement", "quote", "The sentence.", "confidence", "verified")))
                .post("/api/v1/license-periods").then().statusCode(201);
        return slug;
    }

    /** The stored ranking's row of a project once the ranking covers the data as it is now. */
    private static Map<String, Object> rankingRow(String slug) {
        long version = Long.parseLong(anonymous().get("/api/v1/projects/" + slug).getHeader("Counterpower-Data-Version"));
        admin().post("/api/v1/risk/refresh").then().statusCode(202);
        // The refresh runs in the background: wait until the stored ranking has caught up with the project.
        Response r = Awaitility.await("the stored ranking catching up with data version " + version)
                .atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(200))
                .until(() -> anonymous().queryParams(Map.of("size", "200", "stage", anonymous().get("/api/v1/projects/" + slug
                        + "/assessment").jsonPath().getString("stage"))).get("/api/v1/risk"),
                        got -> got.statusCode() == 200 && got.jsonPath().getLong("snapshot.dataVersion") >= version);
        // Read page by page: the suite's other projects may fill more than one page of that stage.
        String stage = anonymous().get("/api/v1/projects/" + slug + "/assessment").jsonPath().getString("stage");
        for (int page = 0; ; page++) {
            List<Map<String, Object>> rows = page == 0 ? r.jsonPath().getList("items")
                    : anonymous().queryParams(Map.of("size", "200", "stage", stage, "page", String.valueOf(page))).get("/api/v1/risk")
                            .then().statusCode(200).extract().jsonPath().getList("items");
            var row = rows.stream().filter(x -> slug.equals(x.get("project"))).findFirst();
            if (row.isPresent() || rows.isEmpty()) {
                return row.orElseThrow();
            }
        }
    }

    @Test
    void aNewcomerSeesTheRankingWithEvidenceAndRecentLicenseChanges() throws Exception {
        String name = "Front page project " + unique("n");
        String slug = relicensed(name);
        Map<String, Object> row = rankingRow(slug);
        Map<?, ?> evidence = (Map<?, ?>) row.get("evidence");
        String signals = evidence.get("present") + "/" + evidence.get("defined") + " signals";
        Object risk = ((Map<?, ?>) row.get("captureRisk")).get("value");
        JsonPath assessment = anonymous().get("/api/v1/projects/" + slug + "/assessment").then().statusCode(200).extract().jsonPath();

        WebPageBrowserTest.withBrowser(driver -> {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            By myRow = By.xpath("//table[@id='ranking']//tr[td/a[text()='" + name + "']]");
            wait.until(d -> !d.findElements(myRow).isEmpty());
            assertTrue(driver.findElement(By.id("front")).isDisplayed());
            assertFalse(driver.findElement(By.id("content")).isDisplayed());
            List<WebElement> cells = driver.findElement(myRow).findElements(By.tagName("td"));
            assertEquals(row.get("stage"), cells.get(2).getText());
            assertEquals(risk == null ? "unknown (insufficient evidence)" : String.valueOf(risk), cells.get(3).getText());
            assertEquals(signals, cells.get(4).getText());
            String href = cells.get(1).findElement(By.tagName("a")).getAttribute("href");
            assertTrue(href.endsWith("#project=" + slug), href);

            // Unknown risks are listed after the known ones.
            List<WebElement> riskCells = driver.findElements(By.cssSelector("#ranking tbody tr td:nth-child(4)"));
            boolean unknownSeen = false;
            for (WebElement c : riskCells) {
                boolean unknown = c.getText().startsWith("unknown");
                assertFalse(unknownSeen && !unknown, "a known risk after an unknown one");
                unknownSeen |= unknown;
            }

            // The newest license change, with its source as a link.
            By change = By.xpath("//table[@id='recent-changes']//tr[td/a[text()='" + name + "']]");
            wait.until(d -> !d.findElements(change).isEmpty());
            WebElement changeRow = driver.findElement(change);
            assertTrue(changeRow.getText().contains("MIT") && changeRow.getText().contains("BUSL-1.1"), changeRow.getText());
            assertTrue(changeRow.getText().contains("restrictive"), changeRow.getText());
            assertEquals("https://example.org/relicensing-announcement",
                    changeRow.findElement(By.cssSelector("td:last-child a")).getAttribute("href"));

            // From the ranking to the project's page, which states the same evidence, and back.
            cells.get(1).findElement(By.tagName("a")).click();
            wait.until(d -> d.findElement(By.id("content")).isDisplayed());
            wait.until(d -> !d.findElement(By.id("evidence-counts")).getText().isEmpty());
            assertEquals(assessment.getString("stage"), driver.findElement(By.id("stage")).getText());
            assertTrue(driver.findElement(By.id("evidence-counts")).getText().startsWith(signals),
                    driver.findElement(By.id("evidence-counts")).getText());
            assertFalse(driver.findElement(By.id("front")).isDisplayed());
            driver.findElement(By.id("back")).click();
            wait.until(d -> d.findElement(By.id("front")).isDisplayed());
            assertFalse(driver.findElement(By.id("content")).isDisplayed());
            return null;
        });
    }
}

package io.counterpower.adoption;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class DownloadCountResourceTest {
    private static final String PATH = "/api/v1/downloads";

    static Map<String, Object> count(String project, String platform, String from, String to, Object downloads) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("platform", platform);
        body.put("periodFrom", from);
        body.put("periodTo", to);
        body.put("downloads", downloads);
        body.put("source", source());
        return body;
    }

    static long create(Map<String, Object> body) {
        return admin().body(body).post(PATH).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void recordsReadsAndListsCountsWithEachFilter() {
        String slug = project(null);
        long may = admin().body(count(slug, "HuggingFace", "2024-05-01", "2024-05-31", 1_250_000)).post(PATH).then()
                .statusCode(201).header("Location", containsString(PATH + "/")).header("ETag", notNullValue())
                .body("platform", equalTo("huggingface")).body("periodFrom", equalTo("2024-05-01"))
                .body("periodTo", equalTo("2024-05-31")).body("downloads", equalTo(1_250_000))
                .extract().jsonPath().getLong("id");
        long june = create(count(slug, "huggingface", "2024-06-01", "2024-06-30", 900_000));
        long pypi = create(count(slug, "pypi", "2024-05-01", "2024-05-31", 0));
        // A yearly figure may overlap the monthly ones: the filters keep periods wholly inside the range.
        long year = create(count(slug, "huggingface", "2024-01-01", "2024-12-31", 12_000_000_000L));

        anonymous().get(PATH + "/" + pypi).then().statusCode(200).header("ETag", notNullValue()).body("downloads", equalTo(0));
        anonymous().get(PATH + "/" + year).then().body("downloads", equalTo(12_000_000_000L));
        anonymous().queryParam("project", slug).get(PATH).then().statusCode(200).body("totalItems", equalTo(4))
                .body("items.project", everyItem(equalTo(slug)));
        anonymous().queryParam("project", slug).queryParam("platform", "HUGGINGFACE").get(PATH).then()
                .body("totalItems", equalTo(3)).body("items.platform", everyItem(equalTo("huggingface")));
        anonymous().queryParam("project", slug).queryParam("from", "2024-05-01").queryParam("to", "2024-05-31")
                .get(PATH).then().body("totalItems", equalTo(2)).body("items.id", hasItems((int) may, (int) pypi));
        anonymous().queryParam("project", slug).queryParam("from", "2024-06-01").get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) june));
        anonymous().queryParam("project", slug).queryParam("to", "2024-06-30").queryParam("sort", "-downloads")
                .get(PATH).then().body("totalItems", equalTo(3))
                .body("items.downloads", equalTo(List.of(1_250_000, 900_000, 0)));
        anonymous().queryParam("project", "no-such-project").get(PATH).then().body("totalItems", equalTo(0));
    }

    @Test
    void anEditIsANewVersionAndTheOldOneStaysReadable() {
        String slug = project(null);
        long id = create(count(slug, "pypi", "2024-01-01", "2024-01-31", 1000));
        Instant before = Moments.between();
        Map<String, Object> corrected = count(slug, "pypi", "2024-01-01", "2024-01-31", 1500);
        corrected.put("reason", "the mirror downloads were missing");
        admin().body(corrected).put(PATH + "/" + id).then().statusCode(200).body("downloads", equalTo(1500));
        anonymous().queryParam("asRecordedOn", before.toString()).get(PATH + "/" + id).then().body("downloads", equalTo(1000));
        anonymous().queryParam("project", slug).queryParam("asRecordedOn", before.toString()).get(PATH).then()
                .body("items[0].downloads", equalTo(1000));
        anonymous().get(PATH + "/" + id + "/history").then().body("$", hasSize(2))
                .body("downloads", equalTo(List.of(1000, 1500)));
        admin().queryParam("reason", "recorded in error").delete(PATH + "/" + id).then().statusCode(204);
        anonymous().get(PATH + "/" + id).then().statusCode(404);
        anonymous().get(PATH + "/" + id + "/history").then().body("$", hasSize(2));
    }

    @Test
    void theSamePeriodTwiceIsAConflict() {
        String slug = project(null);
        long id = create(count(slug, "pypi", "2024-02-01", "2024-02-29", 10));
        admin().body(count(slug, "PyPI", "2024-02-01", "2024-02-29", 11)).post(PATH).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("download count " + id));
        create(count(slug, "pypi", "2024-02-01", "2024-02-28", 11));
    }

    @Test
    void theProjectsStewardOnTheLastDayMayWriteOthersMayNot() {
        String steward = organisation("foundation");
        String slug = project(steward);
        String stranger = organisation("company");
        String stewardKey = key("steward:" + steward);
        long id = as(stewardKey).body(count(slug, "pypi", "2024-03-01", "2024-03-31", 5)).post(PATH)
                .then().statusCode(201).body("source.kind", equalTo("self-reported")).extract().jsonPath().getLong("id");
        as(stewardKey).body(io.counterpower.support.Fixtures.withReason(count(slug, "pypi", "2024-03-01", "2024-03-31", 6), "one more")).put(PATH + "/" + id)
                .then().statusCode(200).body("source.kind", equalTo("self-reported"));
        // Its steward period begins in 2020: a period that ended before is not its to report.
        as(key("steward:" + steward)).body(count(slug, "pypi", "2019-03-01", "2019-03-31", 5)).post(PATH)
                .then().statusCode(403);
        as(key("steward:" + stranger)).body(count(slug, "pypi", "2024-04-01", "2024-04-30", 5)).post(PATH)
                .then().statusCode(403).contentType("application/problem+json");
        as(key("steward:" + stranger)).queryParam("reason", "recorded in error").delete(PATH + "/" + id).then().statusCode(403);
        invalid().contentType(ContentType.JSON).body(count(slug, "pypi", "2024-04-01", "2024-04-30", 5)).post(PATH)
                .then().statusCode(401);
        // A curator's figure is not replaced by a self-reported one: the edit is a dispute (issue 17).
        long manual = create(count(slug, "npm", "2024-03-01", "2024-03-31", 7));
        as(stewardKey).body(io.counterpower.support.Fixtures.withReason(count(slug, "npm", "2024-03-01", "2024-03-31", 8), "our figure")).put(PATH + "/" + manual)
                .then().statusCode(202).body("action", equalTo("edit"));
        anonymous().get(PATH + "/" + manual).then().statusCode(200).body("downloads", equalTo(7));
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsWritten() {
        String slug = project(null);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        expectField(count(slug, "pypi", "2024-01-01", "2024-01-31", -1), "downloads");
        expectField(count(slug, "pypi", "2024-01-01", "2024-01-31", 1.5), "downloads");
        expectField(count(slug, "pypi", "2024-01-01", "2024-01-31", 5_000_000_000_000L), "downloads");
        expectField(count(slug, "pypi", "2024-01-01", "2024-01-31", new java.math.BigInteger("99999999999999999999999")), "downloads");
        expectField(count(slug, "pypi", "2024-01-01", "2024-01-31", null), "downloads");
        expectField(count(slug, "pypi", "2024-02-01", "2024-01-31", 1), "periodTo");
        expectField(count(slug, "pypi", today, tomorrow, 1), "periodTo");
        expectField(count(slug, "pypi", "2024-01", "2024-01-31", 1), "periodFrom");
        expectField(count(slug, "pypi", null, "2024-01-31", 1), "periodFrom");
        expectField(count(slug, " ", "2024-01-01", "2024-01-31", 1), "platform");
        expectField(count(slug, "x".repeat(41), "2024-01-01", "2024-01-31", 1), "platform");
        expectField(count("no-such-project", "pypi", "2024-01-01", "2024-01-31", 1), "project");
        invalidAsAdmin().contentType(ContentType.JSON).body(count(slug, "pypi", "2024-01-01", "2024-01-31", "many"))
                .post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("downloads"));
        anonymous().queryParam("project", slug).get(PATH).then().body("totalItems", equalTo(0));
        // One day is a period too.
        create(count(slug, "pypi", today, today, 3));
    }

    @Test
    void aCsvExportImportsBackUnchanged() {
        String slug = project(null);
        create(count(slug, "huggingface", "2024-05-01", "2024-05-31", 1_250_000));
        create(count(slug, "pypi", "2024-05-01", "2024-05-31", 42));
        String csv = anonymous().accept("text/csv").queryParam("project", slug).get(PATH).then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        admin().contentType("text/csv").body(csv).post(PATH + "/import").then().statusCode(200)
                .body("kind", equalTo("download-count")).body("unchanged", equalTo(2));
        List<Map<String, Object>> json = anonymous().queryParam("project", slug).get(PATH + "/export").then()
                .statusCode(200).extract().jsonPath().getList("$");
        admin().body(json).post(PATH + "/import").then().statusCode(200).body("unchanged", equalTo(2));
        // A changed figure in the same period is a new version of the same fact.
        String changed = csv.replace(",42,", ",43,");
        // An update is an edit: it says why (issue 17), here for the whole import.
        admin().contentType("text/csv").queryParam("reason", "the registry corrected May").body(changed).post(PATH + "/import")
                .then().statusCode(200).body("updated", equalTo(1)).body("unchanged", equalTo(1));
        anonymous().queryParam("project", slug).get(PATH).then().body("totalItems", equalTo(2));
    }

    @Test
    void anImportWithOneBadRowWritesNothingAndNamesTheLine() {
        String slug = project(null);
        invalidAsAdmin().contentType(ContentType.JSON)
                .body(List.of(count(slug, "pypi", "2024-01-01", "2024-01-31", 1),
                        count(slug, "pypi", "2024-02-01", "2024-02-29", 2),
                        count(slug, "pypi", "2024-03-01", "2024-03-31", -3)))
                .post(PATH + "/import").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 3: downloads"));
        anonymous().queryParam("project", slug).get(PATH).then().body("totalItems", equalTo(0));
    }

    private static void expectField(Map<String, Object> body, String field) {
        invalidAsAdmin().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }
}

package io.counterpower.contributor;

import io.counterpower.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.organisation;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7's bad input for enrolment imports, each refused with a clear report and nothing
 * written: malformed lines, dates out of order, unknown columns, duplicate rows, overlaps, wrong
 * encodings, and imports over the configured limits (the test profile sets 8 MB and 60,000 rows);
 * and an import larger than the general 2 MB body limit, which streams through.
 */
@QuarkusTest
class EnrolmentImportBadInputTest {
    private static final String HEADER = String.join(",", EnrolmentCsv.COLUMNS) + "\n";

    private static String csvRow(long contributor, String organisation, String from, String to, String note) {
        return contributor + ",,," + organisation + ",false," + from + "," + to + ",,import,https://example.org/enrolments," + note
                + ",,reported\n";
    }

    private static ValidatableResponse importing(String format, String contentType, byte[] body) {
        return invalidAsAdmin().contentType(contentType).queryParam("format", format).body(body)
                .post("/api/v1/affiliations/import").then();
    }

    private static int affiliationsOf(long contributor) {
        return anonymous().get("/api/v1/contributors/" + contributor + "/affiliations").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    private static int contributorsWithEmail(String email) {
        return admin().queryParam("email", email).get("/api/v1/contributors").then().statusCode(200)
                .extract().jsonPath().getInt("totalItems");
    }

    @Test
    void aCsvImportLargerThanTheGeneralBodyLimitStreamsThroughAndRepeatingItChangesNothing() {
        long person = contributor(Api.unique("big") + "@example.org");
        String org = organisation("company");
        String note = "n".repeat(1000);
        StringBuilder csv = new StringBuilder(HEADER);
        LocalDate day = LocalDate.of(1950, 1, 1);
        int rows = 2600;
        for (int i = 0; i < rows; i++) {
            csv.append(csvRow(person, org, day.plusDays(i).toString(), day.plusDays(i).toString(), note));
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > 2 * 1024 * 1024, "the body must be over the general limit");
        admin().contentType("text/csv").queryParam("format", "csv").body(body).post("/api/v1/affiliations/import").then()
                .statusCode(200).body("rows", equalTo(rows)).body("created", equalTo(rows)).body("unchanged", equalTo(0));
        admin().contentType("text/csv").queryParam("format", "csv").body(body).post("/api/v1/affiliations/import").then()
                .statusCode(200).body("created", equalTo(0)).body("unchanged", equalTo(rows));
        assertEquals(rows, affiliationsOf(person));
    }

    @Test
    void aBodyOverTheImportLimitIs413AndNothingIsWritten() {
        String email = Api.unique("huge") + "@example.org";
        StringBuilder gitdm = new StringBuilder("Huge Example: " + email + "\n\tHuge Corp\n");
        String comment = "# " + "x".repeat(1000) + "\n";
        while (gitdm.length() < 8 * 1024 * 1024 + 10) {
            gitdm.append(comment);
        }
        byte[] body = gitdm.toString().getBytes(StandardCharsets.UTF_8);
        importing("gitdm", "text/plain", body).statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("8388608 bytes"));
        // Sent without a length (chunked), the body is counted as it is read.
        invalidAsAdmin().contentType("text/plain").queryParam("format", "gitdm").body(new ByteArrayInputStream(body))
                .post("/api/v1/affiliations/import").then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("counterpower.imports.max-bytes"));
        assertEquals(0, contributorsWithEmail(email));
    }

    @Test
    void moreRowsThanTheLimitIs413AndNothingIsWritten() {
        String email = Api.unique("many") + "@example.org";
        StringBuilder gitdm = new StringBuilder("Many Example: " + email + "\n");
        LocalDate day = LocalDate.of(1900, 1, 2);
        for (int i = 0; i < 60_000; i++) {
            gitdm.append("\tC until ").append(day.plusDays(i)).append('\n');
        }
        importing("gitdm", "text/plain", gitdm.toString().getBytes(StandardCharsets.UTF_8)).statusCode(413)
                .contentType("application/problem+json")
                .body("errors[0].message", containsString("more than 60000 rows (counterpower.imports.max-rows)"));
        assertEquals(0, contributorsWithEmail(email));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedInEveryFormat() {
        String email = Api.unique("latin") + "@example.org";
        byte[] gitdm = ("Jos\u00e9 Example: " + email + "\n\tAcme\n").getBytes(StandardCharsets.ISO_8859_1);
        importing("gitdm", "text/plain", gitdm).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body")).body("errors[0].message", equalTo("is not valid UTF-8"));
        byte[] json = ("{\"uidentities\": {\"1\": {\"profile\": {\"name\": \"Jos\u00e9\", \"email\": \"" + email + "\"}}}}")
                .getBytes(StandardCharsets.ISO_8859_1);
        importing("sortinghat", "application/json", json).statusCode(400).body("errors[0].message", equalTo("is not valid UTF-8"));
        byte[] csv = (HEADER + "1,Jos\u00e9,,,true,,,,import,,,,reported\n").getBytes(StandardCharsets.ISO_8859_1);
        importing("csv", "text/csv", csv).statusCode(400).body("errors[0].message", equalTo("is not valid UTF-8"));
        assertEquals(0, contributorsWithEmail(email));
    }

    @Test
    void datesOutOfOrderAreReportedWithTheirLine() {
        String email = Api.unique("order") + "@example.org";
        String gitdm = "Order Example: " + email + "\n\tFirst Corp until 2020-01-01\n\tSecond Corp until 2019-01-01\n\tThird Corp\n";
        importing("gitdm", "text/plain", gitdm.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("errors.field", hasItem("line 3"))
                .body("errors.message", hasItem("the period ends (2018-12-31) before it starts (2020-01-01)"));
        assertEquals(0, contributorsWithEmail(email));

        long person = contributor(Api.unique("order") + "@example.org");
        String csv = HEADER + csvRow(person, organisation("company"), "2020-01-01", "2019-01-01", "");
        importing("csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("errors[0].field", equalTo("line 2: to")).body("errors[0].message", equalTo("must be on or after from"));
        assertEquals(0, affiliationsOf(person));
    }

    @Test
    void unknownColumnsAndMalformedRowsAreRefused() {
        long person = contributor(Api.unique("cols") + "@example.org");
        String org = organisation("company");
        String extra = HEADER.replace("\n", ",salary\n") + csvRow(person, org, "2020-01-01", "", "").replace("\n", ",1\n");
        importing("csv", "text/csv", extra.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("errors[0].field", equalTo("line 1")).body("errors[0].message", containsString("the columns must be"));
        String malformed = HEADER + csvRow(person, org, "2020-01-01", "", "")
                + "not-a-number,,," + org + ",false,2021-01-01,,,import,,,,reported\n"
                + csvRow(person, "no-such-organisation-" + Api.unique("x"), "2022-01-01", "", "")
                + csvRow(person, org, "2023-13-01", "", "")
                + "\"unterminated,quote\n";
        importing("csv", "text/csv", malformed.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("errors[0].field", equalTo("body"));
        String badRows = HEADER + csvRow(person, org, "2020-01-01", "", "")
                + "not-a-number,,," + org + ",false,2021-01-01,,,import,,,,reported\n"
                + csvRow(person, "no-such-organisation", "2022-01-01", "", "")
                + csvRow(person, org, "2023-13-01", "", "")
                + csvRow(person + 1_000_000, org, "2024-01-01", "", "");
        importing("csv", "text/csv", badRows.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("detail", containsString("4 problem(s)"))
                .body("errors.field", hasItem("line 3"))
                .body("errors.field", hasItem("line 4: organisation"))
                .body("errors.field", hasItem("line 5"))
                .body("errors.field", hasItem("line 6: contributor"));
        assertEquals(0, affiliationsOf(person));
    }

    @Test
    void duplicateRowsAreErrorsAndOverlapsAreConflicts() {
        long person = contributor(Api.unique("dup") + "@example.org");
        String org = organisation("company");
        String row = csvRow(person, org, "2020-01-01", "2020-12-31", "");
        importing("csv", "text/csv", (HEADER + row + row).getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("errors[0].field", equalTo("line 3")).body("errors[0].message", containsString("repeats line 2"));
        String overlapping = HEADER + row + csvRow(person, org, "2020-06-01", "", "");
        importing("csv", "text/csv", overlapping.getBytes(StandardCharsets.UTF_8)).statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("line 3: overlaps the affiliation on line 2 of this import"));
        assertEquals(0, affiliationsOf(person));

        admin().contentType("text/csv").queryParam("format", "csv").body(HEADER + row).post("/api/v1/affiliations/import").then()
                .statusCode(200).body("created", equalTo(1));
        importing("csv", "text/csv", (HEADER + csvRow(person, org, "2020-12-01", "", "")).getBytes(StandardCharsets.UTF_8))
                .statusCode(409).body("errors[0].field", equalTo("line 2: from"))
                .body("errors[0].message", containsString("overlaps affiliation"));
        assertEquals(1, affiliationsOf(person));

        // gitdm: the same person listed twice resolves to one contributor; the repeated company is an error.
        String email = Api.unique("twice") + "@example.org";
        String gitdm = "Twice Example: " + email + "\n\tTwice Corp\nTwice Example: " + email + "\n\tTwice Corp\n";
        importing("gitdm", "text/plain", gitdm.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("errors[0].field", equalTo("line 4"))
                .body("errors[0].message", equalTo("repeats the enrolment on line 2 (the same contributor)"));
        assertEquals(0, contributorsWithEmail(email));
        anonymous().queryParam("q", "Twice Corp").get("/api/v1/organisations").then().body("totalItems", equalTo(0));
    }

    @Test
    void anImportedPersonOverlappingTheirRecordedImportIsReportedWithTheRecordedPeriod() {
        String email = Api.unique("again") + "@example.org";
        String first = "Again Example: " + email + "\n\tAgain Corp until 2020-01-01\n\tAgain Lab\n";
        admin().contentType("text/plain").queryParam("format", "gitdm").body(first).post("/api/v1/affiliations/import").then()
                .statusCode(200).body("affiliationsCreated", equalTo(2)).body("organisationsCreated.size()", equalTo(2));
        String changed = "Again Example: " + email + "\n\tAgain Corp until 2021-01-01\n\tAgain Lab\n";
        importing("gitdm", "text/plain", changed.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("errors.field", hasItem("line 2"))
                .body("errors.message", hasItem(containsString("of the same contributor; correct or close it first")))
                .body("errors.message", hasItem(containsString("open start .. 2019-12-31")));
    }
}

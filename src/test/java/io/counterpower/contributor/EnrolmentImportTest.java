package io.counterpower.contributor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class EnrolmentImportTest {
    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/imports", name));
    }

    @Test
    void aGitdmFileBecomesContributorsIdentitiesAndConsecutivePeriods() throws Exception {
        String text = fixture("developers_affiliations.txt");
        admin().contentType("text/plain").queryParam("format", "gitdm").queryParam("sourceUrl", "https://example.org/gitdm")
                .body(text).post("/api/v1/affiliations/import").then().statusCode(200)
                .body("people", equalTo(2)).body("contributorsCreated", equalTo(2)).body("identitiesCreated", equalTo(3))
                .body("affiliationsCreated", equalTo(4))
                .body("organisationsCreated", hasKey("Acme Test Corp"));
        long ada = admin().queryParam("email", "ada@acme-test.example").get("/api/v1/contributors").then()
                .extract().jsonPath().getLong("items[0].id");
        JsonPath periods = anonymous().get("/api/v1/contributors/" + ada + "/affiliations").then().extract().jsonPath();
        // Acme until 2019-03-01 -> ends the day before; the lab from that day until 2021-01-01; Acme again from then on.
        assertEquals(java.util.Arrays.asList(null, "2019-03-01", "2021-01-01"), periods.getList("from"));
        assertEquals(java.util.Arrays.asList("2019-02-28", "2020-12-31", null), periods.getList("to"));
        assertEquals("import", periods.getString("[0].source.kind"));
        assertEquals(3, periods.getInt("[0].tier"));

        // Repeating the import changes nothing.
        admin().contentType("text/plain").queryParam("format", "gitdm").body(text).post("/api/v1/affiliations/import").then()
                .statusCode(200).body("affiliationsCreated", equalTo(0)).body("affiliationsUnchanged", equalTo(4))
                .body("contributorsCreated", equalTo(0)).body("identitiesCreated", equalTo(0));
    }

    @Test
    void everyVersionAnImportWritesIsRecordedAtTheRequestsMomentByItsKey() {
        String text = "Provenance Probe: probe!provenance-probe.example\n\tProvenance Probe Works\n";
        admin().contentType("text/plain").queryParam("format", "gitdm").queryParam("sourceUrl", "https://example.org/probe")
                .body(text).post("/api/v1/affiliations/import").then().statusCode(200)
                .body("contributorsCreated", equalTo(1)).body("identitiesCreated", equalTo(1)).body("affiliationsCreated", equalTo(1))
                .body("organisationsCreated", hasKey("Provenance Probe Works"));
        // One moment (the contributor row's) and one key for the contributor version, the identity link, the
        // affiliation and the new organisation's version: the import's, not each statement's now() and no key.
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select t.kind, t.recorded_at = c.created_at, t.recorded_by is not null, t.source_url
                from contributor c join contributor_version cv on cv.id = c.id and cv.display_name = 'Provenance Probe',
                lateral (select 'contributor' as kind, cv.recorded_at, cv.recorded_by, cv.source_url
                         union all select 'link', l.recorded_at, l.recorded_by, l.source_url
                         from identity i join identity_link l on l.id = i.id where i.email = 'probe@provenance-probe.example'
                         union all select 'affiliation', a.recorded_at, a.recorded_by, a.source_url from affiliation a where a.contributor_id = c.id
                         union all select 'organisation', v.recorded_at, v.recorded_by, v.source_url
                         from organisation_version v where v.name = 'Provenance Probe Works') t
                order by 1""").getResultList());
        assertEquals(java.util.List.of("affiliation true true https://example.org/probe", "contributor true true https://example.org/probe",
                "link true true https://example.org/probe", "organisation true true https://example.org/probe"),
                rows.stream().map(r -> r[0] + " " + r[1] + " " + r[2] + " " + r[3]).toList());
    }

    @Test
    void aSortingHatExportMatchesOrganisationsByDomainAndOpensUnboundedDates() throws Exception {

        admin().contentType("application/json").queryParam("format", "sortinghat").body(fixture("sortinghat.json"))
                .post("/api/v1/affiliations/import").then().statusCode(200)
                .body("people", equalTo(1)).body("identitiesCreated", equalTo(2)).body("affiliationsCreated", equalTo(2));
        long cy = admin().queryParam("email", "cy@cy-test.example").get("/api/v1/contributors").then()
                .extract().jsonPath().getLong("items[0].id");
        anonymous().get("/api/v1/contributors/" + cy + "/affiliations").then()
                .body("[0].from", equalTo(null)).body("[0].to", equalTo("2020-06-29"))
                .body("[1].from", equalTo("2020-06-30")).body("[1].to", equalTo(null));
        anonymous().queryParam("domain", "cy-test.example").get("/api/v1/organisations").then().body("totalItems", equalTo(1));
    }

    @Test
    void aBadFileIsRejectedWithLineNumbersAndNothingIsWritten() {
        String bad = "Dee Example: dee!dee-test.example\n\tDee Corp until 2020-13-01\nnot a person line\n\tCompany without until\n\tLast Corp\n";
        invalidAsAdmin().contentType("text/plain").queryParam("format", "gitdm").body(bad).post("/api/v1/affiliations/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("line 3"))
                .body("detail", containsString("nothing was imported"));
        admin().queryParam("email", "dee@dee-test.example").get("/api/v1/contributors").then().body("totalItems", equalTo(0));
        invalidAsAdmin().contentType("text/plain").queryParam("format", "csv2").body("x").post("/api/v1/affiliations/import")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
        invalidAsAdmin().contentType("application/json").queryParam("format", "sortinghat").body("{\"nope\": 1}")
                .post("/api/v1/affiliations/import").then().statusCode(400).body("errors[0].field", equalTo("uidentities"));
        as(key("steward:" + organisation("company"))).contentType("text/plain").queryParam("format", "gitdm").body("x: y!z.example\n")
                .post("/api/v1/affiliations/import").then().statusCode(403);
    }

    @Test
    void aCsvRoundTripIsByteIdentical() {
        String email = io.counterpower.support.Api.unique("csv") + "@example.org";
        long person = io.counterpower.support.Fixtures.contributor(email);
        admin().body(Map.of("contributor", person, "organisation", organisation("company"), "from", "2020-01-01",
                        "role", "=SUM(A1)", "source", io.counterpower.support.Fixtures.source()))
                .post("/api/v1/affiliations").then().statusCode(201);
        // The round trip is a curator's: only curator and admin keys get the emails column filled.
        String first = admin().accept("text/csv").get("/api/v1/affiliations/export").then().statusCode(200)
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(first, containsString("\"," + email + ","));
        String anonymousExport = anonymous().accept("text/csv").get("/api/v1/affiliations/export").then().statusCode(200)
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(anonymousExport, org.hamcrest.Matchers.not(containsString("\"," + email + ",")));
        org.hamcrest.MatcherAssert.assertThat(anonymousExport, containsString("\",,org-"));
        org.hamcrest.MatcherAssert.assertThat(anonymousExport, containsString("'=SUM(A1)"));
        org.hamcrest.MatcherAssert.assertThat(first, containsString("'=SUM(A1)"));
        admin().contentType("text/csv").queryParam("format", "csv").body(first).post("/api/v1/affiliations/import").then()
                .statusCode(200).body("created", equalTo(0));
        String second = admin().accept("text/csv").get("/api/v1/affiliations/export").then().extract().asString();
        assertEquals(first, second);
        invalidAsAdmin().contentType("text/csv").queryParam("format", "csv").body("who,what\n1,2\n")
                .post("/api/v1/affiliations/import").then().statusCode(400);
    }
}

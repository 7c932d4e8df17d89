package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Governance, funding, license and adoption indicators (section 3) and walk-away resilience (section 7). */
@QuarkusTest
class FactIndicatorsTest {


    static long body(String project, String kind) {
        return io.counterpower.support.Api.admin().body(Map.of("project", project, "kind", kind, "name", kind + " of " + project, "source", source()))
                .post("/api/v1/governance-bodies").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static void seat(long body, Long person, String organisation, String from) {
        Map<String, Object> in = new HashMap<>();
        in.put("body", body);
        in.put("holderContributor", person);
        in.put("holderOrganisation", organisation);
        in.put("from", from);
        in.put("source", source());
        io.counterpower.support.Api.admin().body(in).post("/api/v1/governance-seats").then().statusCode(201);
    }

    static void event(String project, String kind, String date, String to) {
        Map<String, Object> in = new HashMap<>();
        in.put("project", project);
        in.put("kind", kind);
        in.put("date", date);
        in.put("toOrganisation", to);
        in.put("source", source());
        io.counterpower.support.Api.admin().body(in).post("/api/v1/governance-events").then().statusCode(201);
    }

    static void funding(String project, String funder, String type, String amount, String scope, String date) {
        Map<String, Object> in = new HashMap<>();
        in.put("recipientProject", project);
        in.put("funder", funder);
        in.put("type", type);
        in.put("amount", amount == null ? null : new java.math.BigDecimal(amount));
        in.put("currency", amount == null ? null : "USD");
        in.put("amountScope", scope);
        in.put("date", date);
        in.put("source", source());
        io.counterpower.support.Api.admin().body(in).post("/api/v1/funding-events").then().statusCode(201);
    }

    static void sql(String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = Dataset.em().createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
            Dataset.em().createNativeQuery("""
                    insert into data_version (scope, version, changed_at) values ('global', nextval('data_version_seq'), now())
                    on conflict (scope) do update set version = excluded.version, changed_at = excluded.changed_at""").executeUpdate();
        });
    }

    static double number(JsonPath r, String name) {
        return ((Number) value(r, name)).doubleValue();
    }

    @Test
    void theTerraformRelicenseIsRestrictive() {
        // MPL-2.0 (level 2) -> BUSL-1.1 (level 5) on 2023-08-10, by HashiCorp, a company.
        JsonPath on = indicators("terraform", Map.of("at", "2023-08-10", "window", "P24M"));
        assertEquals(1, number(on, "restrictive_relicenses"));
        assertEquals(0, number(on, "restrictive_new_releases"));
        assertEquals(5, number(on, "license_restrictiveness"));
        JsonPath lastDay = indicators("terraform", Map.of("at", "2025-08-09", "window", "P24M"));
        assertEquals(1, number(lastDay, "restrictive_relicenses"));     // (2023-08-09, 2025-08-09] holds 2023-08-10
        JsonPath after = indicators("terraform", Map.of("at", "2025-08-10", "window", "P24M"));
        assertEquals(0, number(after, "restrictive_relicenses"));
        JsonPath before = indicators("terraform", Map.of("at", "2023-08-09"));
        assertEquals(2, number(before, "license_restrictiveness"));     // MPL-2.0
        assertEquals(0, number(before, "restrictive_relicenses"));
    }

    @Test
    void aProjectWithoutLicensePeriodsHasNoRestrictiveness() {
        Dataset d = Dataset.project("community");
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertNull(value(r, "license_restrictiveness"));                  // unknown is not "no license"
        assertNull(value(r, "restrictive_relicenses"));
        assertNull(value(r, "openness"));
        assertNull(value(r, "adopter_orgs"));
        assertNull(value(r, "seats_total"));
        assertNull(value(r, "funding_total_usd"));
        assertNull(value(r, "foundation_hosted"));
        assertNull(value(r, "cla_relicensing"));
    }

    @Test
    void seatsMergesStewardAndClaFlags() {
        String foundation = organisation("foundation");
        String a = organisation("company"), b = organisation("nonprofit");
        String slug = io.counterpower.support.Fixtures.project(foundation);
        Dataset d = QuarkusTransaction.requiringNew().call(() -> new Dataset(slug));
        long pa = person(), pb = person(), unknown = person();
        affiliate(pa, a, "2020-01-01", null);
        affiliate(pb, b, "2020-01-01", null);
        long maintainers = body(slug, "maintainers");
        seat(maintainers, null, a, "2023-01-01");     // held by A itself
        seat(maintainers, pa, null, "2023-01-01");    // a person of A
        seat(maintainers, pb, null, "2023-01-01");    // a person of B
        seat(maintainers, unknown, null, "2023-01-01"); // affiliation unknown
        d.contribute(pa, "2024-05-01", 3).contribute(pb, "2024-05-01", 1);
        d.contribute(pa, "2024-05-02", 3, "merge").contribute(pb, "2024-05-02", 1, "merge");
        event(slug, "cla-introduced", "2022-01-01", null);
        event(slug, "trademark", "2022-02-01", a);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(4, number(r, "seats_total"));
        assertEquals(0.75, ((Number) indicator(r, "corporate_seat_share").get("coverage")).doubleValue()); // 3 of 4 known
        assertEquals(2.0 / 3, number(r, "corporate_seat_share"), 1e-6);   // A's 2 of 3 known seats
        assertEquals(a, value(r, "top_org_seat"));
        assertEquals(2.0 / 3, number(r, "top_org_seat_share"), 1e-6);
        assertEquals(5.0 / 9, number(r, "seat_hhi"), 1e-6);               // (2/3)^2 + (1/3)^2
        assertEquals(2.0 / 3, ((Number) ((Map<?, ?>) indicator(r, "top_org_seat_share").get("detail"))
                .get("largestBodyShare")).doubleValue(), 1e-6);             // one body: the same 2 of 3
        assertEquals(2, number(r, "seat_orgs"));
        assertEquals(0.75, number(r, "gatekeeper_top_org_share"));        // A merged 3 of 4
        assertEquals(1, number(r, "walkaway_maintainers"));               // top org A; B's seat remains (the unknown one is not counted)
        assertEquals(Boolean.TRUE, value(r, "foundation_hosted"));
        assertEquals(Boolean.FALSE, value(r, "cla_relicensing"));         // a CLA without relicensing rights
        assertEquals("company", value(r, "trademark_holder_type"));
        event(slug, "cla-relicensing", "2024-01-01", null);
        assertEquals(Boolean.TRUE, value(indicators(d.slug, Map.of("at", "2024-06-30")), "cla_relicensing"));
        assertEquals(Boolean.FALSE, value(indicators(d.slug, Map.of("at", "2023-12-31")), "cla_relicensing"));
    }

    @Test
    void theLargestShareOfOneBodyIsKeptBesideThePooledShare() {
        String a = organisation("company"), b = organisation("company"), c = organisation("nonprofit");
        String slug = io.counterpower.support.Fixtures.project(organisation("foundation"));
        Dataset d = QuarkusTransaction.requiringNew().call(() -> new Dataset(slug));
        long board = body(slug, "board"), maintainers = body(slug, "maintainers");
        seat(board, null, a, "2023-01-01");
        seat(board, null, b, "2023-01-01");
        seat(board, null, c, "2023-01-01");          // board: A 1 of 3
        long pa = person();
        affiliate(pa, a, "2020-01-01", null);
        seat(maintainers, null, a, "2023-01-01");
        seat(maintainers, pa, null, "2023-01-01");   // a person of A
        seat(maintainers, null, c, "2023-01-01");    // maintainers: A 2 of 3
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(0.5, number(r, "top_org_seat_share"), 1e-6);        // pooled: A 3 of 6
        assertEquals(2.0 / 3, ((Number) ((Map<?, ?>) indicator(r, "top_org_seat_share").get("detail"))
                .get("largestBodyShare")).doubleValue(), 1e-6);             // the maintainers: A 2 of 3
    }

    @Test
    void fundingSumsARoundOnceAndSharesOnlyFunderAmounts() {
        Dataset d = Dataset.project("community");
        String f1 = organisation("company"), f2 = organisation("nonprofit"), r1 = organisation("company"), r2 = organisation("company");
        funding(d.slug, f1, "grant", "300", "funder", "2024-02-01");
        funding(d.slug, f2, "donation", "100", "funder", "2024-03-01");
        funding(d.slug, r1, "investment", "1000", "round", "2024-04-01");   // one round, two investors
        funding(d.slug, r2, "investment", "1000", "round", "2024-04-01");
        funding(d.slug, f2, "grant", null, null, "2024-05-01");              // undisclosed: shown, not summed
        funding(d.slug, f1, "grant", "5000", "funder", "2022-01-01");        // outside P12M
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(1400.0, number(r, "funding_total_usd"));               // 300 + 100 + 1000 (the round once)
        assertEquals(4, number(r, "funder_count"));                         // f1, f2, r1, r2
        assertEquals(0.75, number(r, "corporate_funding_share"));           // 300 / (300 + 100)
        assertEquals(f1, value(r, "top_funder"));
        assertEquals(0.75, number(r, "top_funder_share"));
        assertEquals(0.625, number(r, "funder_hhi"));                       // 0.75^2 + 0.25^2
        // v2: coverage by money: funder-scoped 400 / (400 + the round 1000) times 4 of 5 events with a verified amount
        assertEquals(0.228571, ((Number) indicator(r, "top_funder_share").get("coverage")).doubleValue());
        JsonPath v1 = indicators(d.slug, Map.of("at", "2024-06-30", "methodology", "1"));
        assertEquals(0.4, ((Number) indicator(v1, "top_funder_share").get("coverage")).doubleValue()); // v1: 2 of 5 events have a funder amount
    }

    @Test
    void aFundersMoneyCountsForItsTopLevelParentOnTheEventsDay() {
        // Section 2's roll-up applies to funders: an acquired funder's money is its parent's from the acquisition on
        // (top_organisation_on, two levels here), its own before.
        Dataset d = Dataset.project("community");
        String grandparent = organisation("company"), parent = organisation("company"), funder = organisation("company"),
                other = organisation("nonprofit");
        admin().body(Map.of("parent", parent, "from", "2024-03-01", "source", source()))
                .post("/api/v1/organisations/" + funder + "/parents").then().statusCode(201);
        admin().body(Map.of("parent", grandparent, "from", "2020-01-01", "source", source()))
                .post("/api/v1/organisations/" + parent + "/parents").then().statusCode(201);
        funding(d.slug, funder, "grant", "100", "funder", "2024-02-01");   // before the acquisition: the funder's own
        funding(d.slug, funder, "grant", "300", "funder", "2024-04-01");   // after: the grandparent's
        funding(d.slug, parent, "grant", "200", "funder", "2024-05-01");   // the grandparent's
        funding(d.slug, other, "donation", "400", "funder", "2024-05-01");
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(grandparent, value(r, "top_funder"));
        assertEquals(0.5, number(r, "top_funder_share"));                  // 500 of 1000
        assertEquals(3, number(r, "funder_count"));                        // grandparent, funder (before), other
        assertEquals(0.5 * 0.5 + 0.4 * 0.4 + 0.1 * 0.1, number(r, "funder_hhi"), 1e-9);
    }

    @Test
    void adoptionDerivativesDownloadsAndOpenness() {
        Dataset d = Dataset.project("community");
        String c1 = organisation("company"), c2 = organisation("company"), n1 = organisation("nonprofit");
        long person = person();
        for (String org : List.of(c1, c2, n1)) {
            sql("insert into adopter (project_id, organisation_id, since, source_kind, source_url, confidence) "
                    + "select ?1, id, date '2024-01-01', 'manual', 'https://example.org', 'verified' from organisation where key = ?2", d.projectId, org);
        }
        sql("insert into adopter (project_id, organisation_id, since, date_precision, source_kind, source_url, confidence) "
                + "select ?1, id, date '2024-07-01', 'month', 'manual', 'https://example.org', 'verified' from organisation where key = ?2", d.projectId, n1);
        sql("insert into derivative (project_id, derived_name, relation, publisher_organisation_id, published_at, source_kind, source_url, confidence) "
                + "select ?1, 'a/ft-1', 'finetune', id, date '2024-02-01', 'manual', 'https://example.org', 'verified' from organisation where key = ?2", d.projectId, c1);
        sql("insert into derivative (project_id, derived_name, relation, publisher_organisation_id, published_at, source_kind, source_url, confidence) "
                + "select ?1, 'a/ft-2', 'finetune', id, date '2024-03-01', 'manual', 'https://example.org', 'verified' from organisation where key = ?2", d.projectId, c1);
        sql("insert into derivative (project_id, derived_name, relation, publisher_contributor_id, published_at, source_kind, source_url, confidence) "
                + "values (?1, 'p/q4', 'quantization', ?2, date '2024-04-01', 'manual', 'https://example.org', 'verified')", d.projectId, person);
        sql("insert into download_count (project_id, platform, period_from, period_to, downloads, source_kind, confidence) "
                + "values (?1, 'huggingface', date '2024-05-01', date '2024-05-31', 700, 'huggingface', 'verified'), "
                + "(?1, 'huggingface', date '2023-06-15', date '2023-07-14', 300, 'huggingface', 'verified')", d.projectId);
        String[][] components = {{"weights", "open"}, {"inference-code", "partial"}, {"training-data", "closed"}, {"paper", "unknown"}};
        for (String[] c : components) {
            sql("insert into openness_component (project_id, component, status, source_kind, source_url, confidence) "
                    + "values (?1, ?2, ?3, 'manual', 'https://example.org', 'verified')", d.projectId, c[0], c[1]);
        }
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(3, number(r, "adopter_orgs"));
        assertEquals(2, number(r, "corporate_adopters"));
        assertEquals(3, number(r, "derivatives"));
        assertEquals(Map.of("finetune", 2, "quantization", 1), indicator(r, "derivatives").get("detail") instanceof Map<?, ?> m
                ? m.get("byRelation") : null);
        assertEquals(2, number(r, "derivative_orgs"));                       // c1 and the person
        assertEquals(1000, number(r, "downloads"));                          // both periods end in (2023-06-30, 2024-06-30]
        assertEquals(List.of("date_uncertain"), indicator(r, "downloads").get("flags")); // 2023-06-15..07-14 is cut by the edge
        assertEquals(0.5, number(r, "openness"));                            // (1 + 0.5 + 0) / 3
        assertEquals(3.0 / 9, ((Number) indicator(r, "openness").get("coverage")).doubleValue(), 1e-6);
        JsonPath july = indicators(d.slug, Map.of("at", "2024-07-15"));
        assertEquals(List.of("date_uncertain"), indicator(july, "adopter_orgs").get("flags")); // July 2024 holds the 15th
    }
}

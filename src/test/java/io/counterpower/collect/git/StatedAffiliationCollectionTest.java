package io.counterpower.collect.git;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.collect;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.organisationBody;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A MAINTAINERS table that states its holders' affiliations, collected from a repository built in the
 * test: seats, verified affiliations quoting their row, and the over-representation they make, by hand.
 */
@QuarkusTest
class StatedAffiliationCollectionTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;

    @Test
    void aMaintainersTableAttributesItsHoldersAndTheirSeats() throws Exception {
        String orgA = unique("acme");
        String orgB = unique("beta");
        admin().body(organisationBody(orgA, "company", List.of(orgA + ".example"))).post("/api/v1/organisations").then().statusCode(201);
        admin().body(organisationBody(orgB, "company", List.of(orgB + ".example"))).post("/api/v1/organisations").then().statusCode(201);
        String slug = unique("stated");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        String alice = "alice@" + orgA + ".example";
        String header = "# Maintainers\n\n| Maintainer | GitHub ID | Affiliation |\n| --- | --- | --- |\n";
        String ann = "| Ann | [ann-" + orgA + "](https://github.com/ann-" + orgA + ") | " + orgA + " |\n";
        String ben = "| Ben | [ben-" + orgA + "](https://github.com/ben-" + orgA + ") | %s |\n";
        String cy = "| Cy | [cy-" + orgA + "](https://github.com/cy-" + orgA + ") | Unrecorded Corp |\n";
        ObjectId listed;
        ObjectId moved;
        ObjectId removed;
        Path path = dir.resolve("stated.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("Alice", alice, "2022-01-10T09:00:00Z").put("README.md", "x\n").create();
            repo.commit("main").by("Bob", "bob@" + orgB + ".example", "2022-02-10T09:00:00Z").put("src/a.c", "a\n").create();
            listed = repo.commit("main").by("Alice", alice, "2022-03-01T09:00:00Z")
                    .put("MAINTAINERS.md", header + ann + ben.formatted(orgA) + cy).create();
            moved = repo.commit("main").by("Alice", alice, "2022-06-01T09:00:00Z")
                    .put("MAINTAINERS.md", header + ann + ben.formatted(orgB) + cy).create();
            removed = repo.commit("main").by("Alice", alice, "2022-09-01T09:00:00Z")
                    .put("MAINTAINERS.md", header + ben.formatted(orgB) + cy).create();
        }

        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertTrue(job.getList("warnings").toString().contains("Unrecorded Corp"), "the unmatched name is reported: " + job.getList("warnings"));
        String base = path.toUri().toString().replaceAll("/$", "");
        // Ann: A while listed (to the day before her removal); Ben: A, then B from the commit that says so; Cy: nothing.
        assertEquals(List.of(
                List.of("ann-" + orgA, orgA, "2022-03-01", "2022-08-31", base + "/blob/" + listed.name() + "/MAINTAINERS.md",
                        ann.strip(), "verified"),
                List.of("ben-" + orgA, orgA, "2022-03-01", "2022-05-31", base + "/blob/" + listed.name() + "/MAINTAINERS.md",
                        ben.formatted(orgA).strip(), "verified"),
                List.of("ben-" + orgA, orgB, "2022-06-01", "", base + "/blob/" + moved.name() + "/MAINTAINERS.md",
                        ben.formatted(orgB).strip(), "verified")), rows("""
                select i.username, o.key, a.valid_from::text, coalesce(a.valid_to::text, ''), a.source_url, a.source_quote, a.confidence
                from affiliation a join organisation o on o.id = a.organisation_id
                join identity_link l on l.contributor_id = a.contributor_id and l.superseded_at is null
                join identity i on i.id = l.id and i.platform = 'github'
                where a.source_kind = 'git' and a.superseded_at is null and i.username like ?
                order by 1, 3""", "%-" + orgA));
        assertEquals(List.of(List.of("ann-" + orgA, "2022-03-01", "2022-08-31"), List.of("ben-" + orgA, "2022-03-01", ""),
                List.of("cy-" + orgA, "2022-03-01", "")), rows("""
                select i.username, s.valid_from::text, coalesce(s.valid_to::text, '') from governance_seat s
                join governance_body b on b.id = s.body_id and b.superseded_at is null
                join project p on p.id = b.project_id and p.slug = ?
                join identity_link l on l.contributor_id = s.holder_contributor_id and l.superseded_at is null
                join identity i on i.id = l.id and i.platform = 'github'
                where s.superseded_at is null order by 1""", slug));

        // At 2022-07-01: seats Ann (A), Ben (B), Cy (unknown): A 1/2, B 1/2 of the known seats. Commits of the 24 months:
        // A 3 (Alice), B 1 (Bob): A 0.75, B 0.25. Over-representation: B 0.5 - 0.25 = 0.25 (A -0.25). Coverage:
        // min(seats 2 of 3, contributions 4 of 4) = 2/3.
        JsonPath r = anonymous().queryParams(Map.of("at", "2022-07-01", "names", "seat_overrepresentation,bodies_over_one_third"))
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().jsonPath();
        Map<String, Object> over = r.getMap("indicators.find { it.name == 'seat_overrepresentation' }");
        assertEquals(0.25, ((Number) over.get("value")).doubleValue(), 1e-9);
        assertEquals(orgB, ((Map<?, ?>) over.get("detail")).get("organisation"));
        assertEquals("Maintainers (MAINTAINERS)", ((Map<?, ?>) over.get("detail")).get("body"));
        assertEquals(2.0 / 3, ((Number) over.get("coverage")).doubleValue(), 1e-6); // rounded to six places
        // Both hold more than a third of the known seats.
        Map<String, Object> third = r.getMap("indicators.find { it.name == 'bodies_over_one_third' }");
        assertEquals(1, ((Number) third.get("value")).intValue());

        // A rerun records nothing twice.
        long before = count(orgA);
        JsonPath rerun = collect(slug, path);
        assertEquals("succeeded", rerun.getString("state"), rerun.getString("error"));
        assertEquals(before, count(orgA));
        assertTrue(removed != null);
    }

    @Test
    void aTscListInContributingIsASteeringCommitteeWithItsMembersCompanies() throws Exception {
        String orgA = unique("tsca");
        String orgB = unique("tscb");
        admin().body(organisationBody(orgA, "company", List.of(orgA + ".example"))).post("/api/v1/organisations").then().statusCode(201);
        admin().body(organisationBody(orgB, "company", List.of(orgB + ".example"))).post("/api/v1/organisations").then().statusCode(201);
        String slug = unique("tsc");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        String alice = "alice@" + orgA + ".example";
        String bob = "bob@" + orgB + ".example";
        // OpenTofu's form: "- Name ([@handle](https://github.com/handle)) - Company"; B written with its legal form.
        String head = "# Contributing\n\n## Maintainers\n- Dee (@dee-" + orgA + ") - " + orgA + "\n\n## TSC Members\n\nThe current TSC members are:\n";
        String ann = "- Ann ([@ann-" + orgA + "](https://github.com/ann-" + orgA + ")) - " + orgA + "\n";
        String ben = "- Ben ([@ben-" + orgA + "](https://github.com/ben-" + orgA + ")) - " + orgB + " Inc.\n";
        String cy = "- Cy ([@cy-" + orgA + "](https://github.com/cy-" + orgA + ")) - " + orgB + ", Inc.\n";
        String tail = "\nAgendas are in the TSC folder.\n";
        ObjectId listed;
        Path path = dir.resolve("tsc.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("Alice", alice, "2023-01-10T09:00:00Z").put("README.md", "x\n").create();
            repo.commit("main").by("Bob", bob, "2023-02-10T09:00:00Z").put("src/a.c", "a\n").create();
            repo.commit("main").by("Bob", bob, "2023-02-11T09:00:00Z").put("src/b.c", "b\n").create();
            listed = repo.commit("main").by("Alice", alice, "2023-03-01T09:00:00Z")
                    .put("CONTRIBUTING.md", head + ann + ben + cy + tail).create();
            repo.commit("main").by("Alice", alice, "2023-06-01T09:00:00Z")
                    .put("CONTRIBUTING.md", head + ann + ben + tail).create();
        }

        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        String source = path.toUri().toString().replaceAll("/$", "") + "/blob/" + listed.name() + "/CONTRIBUTING.md";
        // The line is the quote; "<B> Inc." and "<B>, Inc." are B; Cy's statement ends the day before the file drops Cy.
        assertEquals(List.of(
                List.of("ann-" + orgA, orgA, "2023-03-01", "", source, ann.strip(), "verified"),
                List.of("ben-" + orgA, orgB, "2023-03-01", "", source, ben.strip(), "verified"),
                List.of("cy-" + orgA, orgB, "2023-03-01", "2023-05-31", source, cy.strip(), "verified")), rows("""
                select i.username, o.key, a.valid_from::text, coalesce(a.valid_to::text, ''), a.source_url, a.source_quote, a.confidence
                from affiliation a join organisation o on o.id = a.organisation_id
                join identity_link l on l.contributor_id = a.contributor_id and l.superseded_at is null
                join identity i on i.id = l.id and i.platform = 'github'
                where a.source_kind = 'git' and a.superseded_at is null and i.username like ?
                order by 1, 3""", "%-" + orgA));
        // One steering committee body; Dee, listed under "Maintainers" in CONTRIBUTING, holds no seat.
        assertEquals(List.of(
                List.of("steering-committee", "Technical Steering Committee (CONTRIBUTING, GOVERNANCE)", "ann-" + orgA, "member", "2023-03-01", ""),
                List.of("steering-committee", "Technical Steering Committee (CONTRIBUTING, GOVERNANCE)", "ben-" + orgA, "member", "2023-03-01", ""),
                List.of("steering-committee", "Technical Steering Committee (CONTRIBUTING, GOVERNANCE)", "cy-" + orgA, "member", "2023-03-01",
                        "2023-05-31")), rows("""
                select b.kind, b.name, i.username, s.role, s.valid_from::text, coalesce(s.valid_to::text, '') from governance_seat s
                join governance_body b on b.id = s.body_id and b.superseded_at is null
                join project p on p.id = b.project_id and p.slug = ?
                join identity_link l on l.contributor_id = s.holder_contributor_id and l.superseded_at is null
                join identity i on i.id = l.id and i.platform = 'github'
                where s.superseded_at is null order by 3""", slug));

        // At 2023-04-01: seats Ann (A), Ben (B), Cy (B): A 1/3, B 2/3. Commits of the 24 months: A 2 (Alice), B 2 (Bob):
        // 1/2 each. Over-representation: B 2/3 - 1/2 = 1/6. Coverage min(3 of 3 seats, 4 of 4 commits) = 1. B's 2/3 is
        // above one third, A's 1/3 is not (strictly more): one body over one third.
        JsonPath april = indicators(slug, "2023-04-01");
        Map<String, Object> over = april.getMap("indicators.find { it.name == 'seat_overrepresentation' }");
        assertEquals(1.0 / 6, ((Number) over.get("value")).doubleValue(), 1e-6);
        assertEquals(orgB, ((Map<?, ?>) over.get("detail")).get("organisation"));
        assertEquals("Technical Steering Committee (CONTRIBUTING, GOVERNANCE)", ((Map<?, ?>) over.get("detail")).get("body"));
        assertEquals(1.0, ((Number) over.get("coverage")).doubleValue(), 1e-9);
        assertEquals(1, ((Number) april.getMap("indicators.find { it.name == 'bodies_over_one_third' }").get("value")).intValue());
        // At 2023-07-01: Ann (A), Ben (B): 1/2 each. Commits: A 3, B 2: 0.6 and 0.4. B: 0.5 - 0.4 = 0.1.
        Map<String, Object> july = indicators(slug, "2023-07-01").getMap("indicators.find { it.name == 'seat_overrepresentation' }");
        assertEquals(0.1, ((Number) july.get("value")).doubleValue(), 1e-6);
        assertEquals(orgB, ((Map<?, ?>) july.get("detail")).get("organisation"));

        // A rerun records nothing twice.
        long before = count(orgA);
        assertEquals("succeeded", collect(slug, path).getString("state"));
        assertEquals(before, count(orgA));
    }

    private static JsonPath indicators(String slug, String at) {
        return anonymous().queryParams(Map.of("at", at, "names", "seat_overrepresentation,bodies_over_one_third"))
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().jsonPath();
    }

    private long count(String orgA) throws SQLException {
        return ((Number) rows("""
                select count(*) from affiliation a join identity_link l on l.contributor_id = a.contributor_id and l.superseded_at is null
                join identity i on i.id = l.id and i.platform = 'github' where a.source_kind = 'git' and i.username like ?""",
                "%-" + orgA).get(0).get(0)).longValue();
    }

    private List<List<Object>> rows(String sql, Object... params) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.add(r.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}

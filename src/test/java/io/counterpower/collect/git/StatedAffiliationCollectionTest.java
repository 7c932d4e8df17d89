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

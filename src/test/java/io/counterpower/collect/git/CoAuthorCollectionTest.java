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
import java.util.ArrayList;
import java.util.List;

import static io.counterpower.collect.git.CollectionJobs.collect;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Co-authors join contributors exactly as authors do (issue 18): the two GitHub noreply forms of one account
 * ({@code 12345+login@users.noreply.github.com} and {@code login@users.noreply.github.com}) are one contributor
 * whether they wrote or co-wrote a commit, even when both first appear in the same batch, and a co-author who is
 * the commit's author under the other form is not counted twice.
 */
@QuarkusTest
class CoAuthorCollectionTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;

    @Test
    void bothNoreplyFormsOfAnAccountAreOneContributorForAuthorsAndCoAuthors() throws Exception {
        String awni = unique("awni").toLowerCase().replaceAll("[^a-z0-9-]", "");
        String angelos = unique("angelos").toLowerCase().replaceAll("[^a-z0-9-]", "");
        Path path = dir.resolve("mlx.git");
        ObjectId first;
        ObjectId second;
        ObjectId third;
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            first = repo.commit("main").by("Awni Hannun", "45471420+" + awni + "@users.noreply.github.com", "2024-01-10T10:00:00Z")
                    .put("a.txt", "a\n").message("""
                            Faster matmul

                            Co-authored-by: Angelos <1234+%s@users.noreply.github.com>
                            Co-authored-by: Awni Hannun <%s@users.noreply.github.com>
                            """.formatted(angelos, awni)).create();
            second = repo.commit("main").by("Angelos Katharopoulos", angelos + "@users.noreply.github.com", "2024-01-11T10:00:00Z")
                    .put("b.txt", "b\n").message("""
                            Fix the build

                            co-authored-by: Awni <%s@users.noreply.github.com> (styling)
                            """.formatted(awni)).create();
            third = repo.commit("main").by("Angelos Katharopoulos", "1234+" + angelos + "@users.noreply.github.com", "2024-01-12T10:00:00Z")
                    .put("c.txt", "c\n").message("Docs\n\nCo-authored-by: Awni Hannun\n  <45471420+" + awni + "@users.noreply.github.com>\n")
                    .create();
        }
        String slug = unique("coauthors");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);

        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(3, job.getInt("stats.commitsRead"));
        assertEquals(6, job.getInt("stats.commitContributionsAdded"));   // 3 authored, 3 co-authored (the self-mention dropped)
        assertEquals(2, job.getInt("stats.contributorsAdded"));
        long awniContributor = contributorOfLogin(awni);
        long angelosContributor = contributorOfLogin(angelos);
        String both = Math.min(awniContributor, angelosContributor) + "," + Math.max(awniContributor, angelosContributor);
        assertEquals(List.of(List.of(first.name(), both), List.of(second.name(), both), List.of(third.name(), both)), rows("""
                select c.reference, string_agg(l.contributor_id::text, ',' order by l.contributor_id) from contribution c
                join identity_link l on l.id = c.identity_id and l.superseded_at is null
                join project p on p.id = c.project_id
                where p.slug = ? and c.kind = 'commit' and c.superseded_at is null
                group by c.reference, c.at order by c.at""", slug));
        assertEquals(List.of(List.of(2L)), rows("""
                select count(distinct l.contributor_id) from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where i.email like ? or i.email like ? or lower(i.username) in (?, ?)""",
                "%" + awni + "@users.noreply.github.com", "%" + angelos + "@users.noreply.github.com", awni, angelos));
    }

    private long contributorOfLogin(String login) throws Exception {
        return (Long) rows("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where i.platform = 'github' and lower(i.username) = ?""", login).get(0).get(0);
    }

    private List<List<Object>> rows(String sql, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.add(r.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }
}

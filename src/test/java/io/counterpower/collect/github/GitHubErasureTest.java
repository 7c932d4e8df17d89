package io.counterpower.collect.github;

import io.agroal.api.AgroalDataSource;
import io.counterpower.support.GitHubStubs;
import io.counterpower.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.project;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, erasure everywhere: a person a curator erased is not brought back by a later GitHub
 * collection. The erased login is blocked by its hash (erased_login, V041): the collector maps it to
 * the pseudonymous identity, stores no identity and names no contributor after it, and the
 * person's reviews keep counting for the pseudonymous contributor.
 */
@QuarkusTest
class GitHubErasureTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aLaterGitHubCollectionDoesNotBringAnErasedLoginBack() throws SQLException {
        Sql sql = new Sql(db);
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        String first = project(null);
        succeeded(GitHubCollectionTest.post(first, github));
        String login = github.login("bob-gh");
        long bob = sql.number("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where lower(i.username) = lower(?)""", login);

        admin().body(Map.of("reason", "asked to be forgotten")).post("/api/v1/contributors/" + bob + "/erasure")
                .then().statusCode(200).body("loginsBlocked", equalTo(1));
        assertEquals(0, sql.number("select count(*) from identity where lower(username) = lower(?)", login));

        // The same repository collected for another project meets bob's reviews and merges again.
        String second = project(null);
        succeeded(GitHubCollectionTest.post(second, github));
        assertEquals(0, sql.number("select count(*) from identity where lower(username) = lower(?) or name = ?", login, login));
        assertEquals(0, sql.number("select count(*) from contributor_version where display_name = ?", login));
        long secondId = sql.number("select id from project where slug = ?", second);
        long counted = sql.number("""
                select count(*) from contribution c join identity_link l on l.id = c.identity_id and l.superseded_at is null
                where c.project_id = ? and c.superseded_at is null and l.contributor_id = ?""", secondId, bob);
        assertTrue(counted > 0, "bob's work in the second project counts for the pseudonymous contributor");
    }
}

package io.counterpower.collect.git;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measurement of issue 18 on real repositories, run by hand where their clones are on disk
 * ({@code COUNTERPOWER_COAUTHOR_MIRRORS=name=/path/to/repo.git,...}; skipped otherwise, since the
 * build has no network): each repository is collected through the service from a {@code file:} URL,
 * and for every non-merge commit the co-author contributions the service recorded are compared with
 * the {@code Co-authored-by} values of {@code git log --format='%(trailers:key=Co-authored-by,valueonly)'}
 * (distinct people other than the author, with the repository's mailmap and GitHub accounts applied as
 * for authors). The figures are in {@code src/test/resources/fixtures/trailers/README.md}; the committed
 * extracts and {@link CommitTrailersTest} keep the result checkable without the clones.
 */
@QuarkusTest
@EnabledIfEnvironmentVariable(named = "COUNTERPOWER_COAUTHOR_MIRRORS", matches = ".+")
class RealCoAuthorsMeasurementTest {

    @Inject
    AgroalDataSource db;

    @Test
    void theServiceRecordsTheCoAuthorsGitReads() throws Exception {
        for (String entry : System.getenv("COUNTERPOWER_COAUTHOR_MIRRORS").split(",")) {
            String[] nameAndPath = entry.split("=", 2);
            measure(nameAndPath[0], Path.of(nameAndPath[1]));
        }
    }

    private void measure(String name, Path repository) throws Exception {
        String head = git(repository, "symbolic-ref", "--short", "HEAD").strip();
        String slug = unique("measure-" + name);
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        Map<String, Object> body = CollectionJobs.body(repository.toUri().toString(), head);
        long jobId = admin().body(body).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath job = awaitLong(jobId);
        assertEquals("succeeded", job.getString("state"), job.getString("error"));

        Mailmap mailmap = Mailmap.parse(gitOrEmpty(repository, "show", head + ":.mailmap"));
        CommitDecoder decoder = new CommitDecoder(mailmap);
        String log = git(repository, "log", "--format=%H%x00%P%x00%an%x00%ae%x00%(trailers:key=Co-authored-by,valueonly,separator=%x1f)%x1e", head);
        Map<String, Integer> recorded = coAuthorRowsBySha(slug);
        int commits = 0;
        int gitValues = 0;
        int expectedPeople = 0;
        int serviceRows = 0;
        List<String> differences = new ArrayList<>();
        for (String record : log.split("\u001e")) {
            record = record.replaceFirst("^\n", "");
            if (record.isEmpty()) {
                continue;
            }
            String[] f = record.split("\u0000", -1);
            if (f[1].strip().contains(" ")) {
                continue; // a merge: its trailers repeat the merged commits' (package-info, "Merges")
            }
            commits++;
            List<String> values = f[4].isEmpty() ? List.of() : List.of(f[4].split("\u001f", -1));
            gitValues += values.size();
            GitIdentity author = decoder.identify(f[2], f[3]);
            Map<String, Boolean> people = new LinkedHashMap<>();
            for (String value : values) {
                String[] person = CommitDecoder.person(value);
                if (person == null) {
                    continue;
                }
                GitIdentity id = decoder.identify(person[0], person[1]);
                boolean self = id.platformAccount() != null && author.platformAccount() != null
                        ? id.platformAccount().username().equalsIgnoreCase(author.platformAccount().username())
                        : id.email().isEmpty() ? id.name().equalsIgnoreCase(author.name()) : id.email().equals(author.email());
                if (!self) {
                    people.put(id.platformAccount() != null ? "login:" + id.platformAccount().username().toLowerCase()
                            : id.email().isEmpty() ? "name:" + id.name() : id.email(), true);
                }
            }
            int service = recorded.getOrDefault(f[0], 0);
            expectedPeople += people.size();
            serviceRows += service;
            if (service != people.size()) {
                differences.add(f[0] + " git " + values + " service " + service);
            }
        }
        int splitLogins = splitLogins(slug);
        Log.infof("MEASURE %s: %d non-merge commits, %d Co-authored-by values per git, %d co-authors they name "
                        + "(distinct, not the author), %d recorded by the service, %d commits differ, %d GitHub accounts split",
                name, commits, gitValues, expectedPeople, serviceRows, differences.size(), splitLogins);
        differences.stream().limit(20).forEach(d -> Log.infof("MEASURE %s difference: %s", name, d));
        assertEquals(List.of(), differences, name);
        assertEquals(0, splitLogins, name + ": a GitHub account's noreply addresses became several contributors");
        assertTrue(commits > 0);
    }

    /** Co-author rows per commit: the commit's contributions besides the author's. */
    private Map<String, Integer> coAuthorRowsBySha(String slug) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select c.reference, count(*) - 1 from contribution c join project p on p.id = c.project_id
                where p.slug = ? and c.kind = 'commit' and c.superseded_at is null group by c.reference""")) {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return rows;
    }

    /** GitHub logins (from noreply addresses) of the project's contributions whose identities are several contributors. */
    private int splitLogins(String slug) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select count(*) from (
                    select lower(substring(i.email from '^(?:[0-9]+\\+)?([^@]+)@users\\.noreply\\.github\\.com$')) as login
                    from contribution c join project p on p.id = c.project_id
                    join identity i on i.id = c.identity_id
                    join identity_link l on l.id = i.id and l.superseded_at is null
                    where p.slug = ? and i.email like '%@users.noreply.github.com'
                    group by 1 having count(distinct l.contributor_id) > 1) split""")) {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static JsonPath awaitLong(long jobId) {
        return Awaitility.await("job " + jobId + " ending").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> anonymous().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath(),
                        job -> List.of("succeeded", "failed").contains(job.getString("state")));
    }

    private static String gitOrEmpty(Path repository, String... args) throws IOException, InterruptedException {
        try {
            return git(repository, args);
        } catch (IllegalStateException absent) {
            return "";
        }
    }

    private static String git(Path repository, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir", repository.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed");
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

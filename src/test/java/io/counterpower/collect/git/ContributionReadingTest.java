package io.counterpower.collect.git;

import io.counterpower.collect.git.Contribution.Kind;
import io.counterpower.collect.git.GitIdentity.BotReason;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small project: people at three companies and on gmail, one person under two addresses joined
 * by {@code .mailmap}, co-authors, a pull request merged through the web UI, dependabot, and
 * GitHub noreply addresses with and without the numeric id.
 */
class ContributionReadingTest {

    @TempDir
    Path dir;

    private ObjectId aliceFirst;
    private ObjectId bob;
    private ObjectId carolOnGmail;
    private ObjectId carolAtWork;
    private ObjectId danWithCoAuthors;
    private ObjectId graceOnBranch;
    private ObjectId webUiMerge;
    private ObjectId dependabot;
    private ObjectId mailmapCommit;

    @BeforeEach
    void buildHistory() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("project.git"))) {
            aliceFirst = repo.commit("main").by("Alice Martin", "alice@acme.example", "2021-01-04T09:00:00+01:00")
                    .put("README.md", "# Project\n").put("LICENSE", "MIT License\n").message("Start").create();
            bob = repo.commit("main").by("Bob Chen", "bob@globex.example", "2021-01-05T17:30:00-08:00")
                    .put("src/a.py", "a = 1\n").message("Add a").create();
            carolOnGmail = repo.commit("main").by("carol", "Carol.Dev@gmail.com", "2021-01-06T10:00:00+02:00")
                    .put("src/b.py", "b = 2\n").message("Add b").create();
            carolAtWork = repo.commit("main").by("Carol", "carol@initech.example", "2021-01-07T10:00:00+02:00")
                    .put("src/c.py", "c = 3\n").message("Add c").create();
            danWithCoAuthors = repo.commit("main").by("Dan Brown", "dan.brown@gmail.com", "2021-01-08T12:00:00Z")
                    .put("src/d.py", "d = 4\n")
                    .message("""
                            Add d, pairing with Erin and Frank

                            Co-authored-by: Erin Park <erin@acme.example>
                            Co-authored-by: Frank <12345+frankly@users.noreply.github.com>
                            Co-authored-by: nobody in particular
                            Co-authored-by: <anonymous@example.org>
                            co-authored-by: Erin P. <ERIN@acme.example>
                            Co-authored-by: Dan Brown <dan.brown@gmail.com>
                            Signed-off-by: Dan Brown <dan.brown@gmail.com>
                            """)
                    .create();
            repo.moveBranch("feature", danWithCoAuthors); // a pull request branch from Dan's commit
            graceOnBranch = repo.commit("feature").by("Grace H", "grace-h@users.noreply.github.com",
                            "2021-01-09T08:00:00-05:00")
                    .put("src/e.py", "e = 5\n").message("Add e").create();
            webUiMerge = repo.commit("main").by("Alice Martin", "alice@acme.example", "2021-01-10T11:00:00+01:00")
                    .committedBy("GitHub", "noreply@github.com", "2021-01-10T11:00:00+01:00")
                    .merging(graceOnBranch).put("src/e.py", "e = 5\n")
                    .message("Merge pull request #1 from grace-h/feature\n\nAdd e").create();
            dependabot = repo.commit("main").by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com",
                            "2021-01-11T03:00:00Z")
                    .committedBy("GitHub", "noreply@github.com", "2021-01-11T03:00:00Z")
                    .put("requirements.txt", "numpy==1.20.0\n").message("Bump numpy from 1.19.5 to 1.20.0").create();
            mailmapCommit = repo.commit("main").by("Alice Martin", "alice@acme.example", "2021-01-12T09:00:00+01:00")
                    .put(".mailmap", """
                            Carol Diaz <carol@initech.example>
                            Carol Diaz <carol@initech.example> <carol.dev@gmail.com>
                            """)
                    .message("Map Carol's addresses").create();
        }
    }

    private RecordingVisitor readAll(ReadRequest request) throws Exception {
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("project.git"))) {
            reader.read(request, visitor);
        }
        return visitor;
    }

    @Test
    void readsEveryCommitOfTheDefaultBranchOldestFirst() throws Exception {
        RecordingVisitor read = readAll(ReadRequest.defaultBranch());

        assertEquals(List.of(aliceFirst, bob, carolOnGmail, carolAtWork, danWithCoAuthors, graceOnBranch, webUiMerge,
                        dependabot, mailmapCommit).stream().map(ObjectId::name).toList(),
                read.commits.stream().map(CommitRecord::sha).toList());
        assertEquals(9, read.finished.commitsRead());
        assertEquals("refs/heads/main", read.finished.branchRef());
        assertEquals(mailmapCommit.name(), read.finished.tipSha());
        assertTrue(read.finished.historyComplete());
    }

    @Test
    void newestFirstIsTheReverseOrder() throws Exception {
        RecordingVisitor read = readAll(ReadRequest.defaultBranch().ordered(ReadRequest.CommitOrder.NEWEST_FIRST));

        assertEquals(mailmapCommit.name(), read.commits.get(0).sha());
        assertEquals(aliceFirst.name(), read.commits.get(8).sha());
    }

    @Test
    void countsContributionsPerKindAndIdentity() throws Exception {
        List<Contribution> contributions = readAll(ReadRequest.defaultBranch()).contributions();

        assertEquals(13, contributions.size()); // Dan's commit names four co-authors as git reads its trailers
        assertEquals(1, contributions.stream().filter(c -> c.kind() == Kind.MERGE).count());
        Map<String, Long> perPerson = contributions.stream()
                .filter(c -> !c.identity().isBot())
                .collect(Collectors.groupingBy(c -> c.identity().email(), TreeMap::new, Collectors.counting()));
        assertEquals(new TreeMap<>(Map.of(
                "alice@acme.example", 3L,
                "bob@globex.example", 1L,
                "carol@initech.example", 2L,
                "dan.brown@gmail.com", 1L,
                "", 1L,                       // "nobody in particular", a co-author named without an address
                "anonymous@example.org", 1L,  // "<anonymous@example.org>", an address without a name
                "erin@acme.example", 1L,
                "12345+frankly@users.noreply.github.com", 1L,
                "grace-h@users.noreply.github.com", 1L)), perPerson);
        Map<String, Long> perDomain = contributions.stream()
                .filter(c -> !c.identity().isBot())
                .collect(Collectors.groupingBy(c -> c.identity().email().replaceFirst(".*@", ""), TreeMap::new,
                        Collectors.counting()));
        assertEquals(4L, perDomain.get("acme.example"));
        assertEquals(1L, perDomain.get("globex.example"));
        assertEquals(2L, perDomain.get("initech.example"));
        assertEquals(1L, perDomain.get("gmail.com"));
        assertEquals(1, contributions.stream().filter(c -> c.identity().isBot()).count());
    }

    @Test
    void mailmapFromTheTipJoinsTheTwoAddressesOfOnePerson() throws Exception {
        RecordingVisitor read = readAll(ReadRequest.defaultBranch());

        Signature gmail = read.commit(carolOnGmail).author();
        assertEquals(new GitIdentity("Carol Diaz", "carol@initech.example", null, null), gmail.identity());
        assertEquals("carol", gmail.recordedName());
        assertEquals("Carol.Dev@gmail.com", gmail.recordedEmail());
        assertEquals(gmail.identity(), read.commit(carolAtWork).author().identity());
    }

    @Test
    void keepsInstantsAndZoneOffsets() throws Exception {
        RecordingVisitor read = readAll(ReadRequest.defaultBranch());

        Signature alice = read.commit(aliceFirst).author();
        assertEquals(Instant.parse("2021-01-04T08:00:00Z"), alice.at());
        assertEquals(ZoneOffset.ofHours(1), alice.zoneOffset());
        Signature bobLine = read.commit(bob).committer();
        assertEquals(Instant.parse("2021-01-06T01:30:00Z"), bobLine.at());
        assertEquals(ZoneOffset.ofHours(-8), bobLine.zoneOffset());
        assertNull(alice.originalIdent());
    }

    @Test
    void coAuthorsAreExtraCommitContributionsAsGitReadsTheTrailers() throws Exception {
        CommitRecord dan = readAll(ReadRequest.defaultBranch()).commit(danWithCoAuthors);

        // git reads every line of the block: a name alone and an address alone name a person too (issue 18); the
        // second Erin (same address) and Dan himself are dropped.
        assertEquals(List.of(
                        new GitIdentity("Erin Park", "erin@acme.example", null, null),
                        new GitIdentity("Frank", "12345+frankly@users.noreply.github.com",
                                new PlatformAccount("github", "frankly", 12345L), null),
                        new GitIdentity("nobody in particular", "", null, null),
                        new GitIdentity("", "anonymous@example.org", null, null)),
                dan.coAuthors());
        assertEquals(List.of(Kind.COMMIT, Kind.COMMIT, Kind.COMMIT, Kind.COMMIT, Kind.COMMIT),
                dan.contributions().stream().map(Contribution::kind).toList());
        assertTrue(dan.contributions().stream().allMatch(c -> c.at().equals(Instant.parse("2021-01-08T12:00:00Z"))));
    }

    @Test
    void webUiMergeIsOneMergeOfThePersonAndItsCommitterIsFlagged() throws Exception {
        CommitRecord merge = readAll(ReadRequest.defaultBranch()).commit(webUiMerge);

        assertTrue(merge.isMerge());
        assertEquals(2, merge.parentCount());
        assertEquals(List.of(danWithCoAuthors.name(), graceOnBranch.name()), merge.parentShas());
        assertEquals(1, merge.contributions().size());
        Contribution contribution = merge.contributions().get(0);
        assertEquals(Kind.MERGE, contribution.kind());
        assertEquals("alice@acme.example", contribution.identity().email());
        assertFalse(contribution.identity().isBot());
        assertEquals(BotReason.WEB_UI, merge.committer().identity().botReason());
    }

    @Test
    void dependabotIsABotWithItsGitHubAccount() throws Exception {
        CommitRecord bump = readAll(ReadRequest.defaultBranch()).commit(dependabot);

        GitIdentity author = bump.author().identity();
        assertEquals(BotReason.BOT_SUFFIX, author.botReason());
        assertEquals(new PlatformAccount("github", "dependabot[bot]", 49699333L), author.platformAccount());
        assertEquals(1, bump.contributions().size());
        assertTrue(bump.contributions().get(0).identity().isBot());
    }

    @Test
    void noreplyAddressWithoutIdYieldsTheLogin() throws Exception {
        GitIdentity grace = readAll(ReadRequest.defaultBranch()).commit(graceOnBranch).author().identity();

        assertEquals(new PlatformAccount("github", "grace-h", null), grace.platformAccount());
        assertFalse(grace.isBot());
    }

    @Test
    void reportsTheTrackedPathsEachCommitChanged() throws Exception {
        RecordingVisitor read = readAll(ReadRequest.defaultBranch());

        assertEquals(List.of("LICENSE"), read.commit(aliceFirst).changedTrackedPaths());
        assertEquals(List.of(), read.commit(bob).changedTrackedPaths());
        assertEquals(List.of(), read.commit(mailmapCommit).changedTrackedPaths());
    }

    @Test
    void readsANamedBranch() throws Exception {
        RecordingVisitor read = readAll(ReadRequest.defaultBranch().onBranch("feature"));

        assertEquals(6, read.commits.size());
        assertEquals(graceOnBranch.name(), read.finished.tipSha());
        assertEquals("refs/heads/feature", read.finished.branchRef());
        // The mailmap comes from the tip of the branch read, which has none.
        assertEquals("carol", read.commit(carolOnGmail).author().identity().name());
    }
}

package io.counterpower.collect.git;

import io.counterpower.collect.git.RepositoryReadException.Reason;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.counterpower.collect.git.LicenseHistoryTest.FAKE_CATALOG;
import static io.counterpower.collect.git.LicenseHistoryTest.MIT_2020;
import static io.counterpower.collect.git.LicenseHistoryTest.MIT_2021;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forks (skip the upstream's commits) and incremental reads (skip what was read before). */
class ReadRangeTest {

    private static final String APACHE = "Apache License\nVersion 2.0, January 2004\n";
    private static final LicenseTextIdentifier CATALOG = text -> text.contains("Apache License")
            ? java.util.Optional.of("Apache-2.0")
            : FAKE_CATALOG.identify(text);

    @TempDir
    Path dir;

    private RecordingVisitor read(ReadRequest request) throws Exception {
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("r.git"))) {
            reader.read(request.identifyingLicensesWith(CATALOG), visitor);
        }
        return visitor;
    }

    @Test
    void aForkReadsOnlyItsOwnCommitsAndStartsItsPeriodsAndSeatsAtItsFirstCommit() throws Exception {
        ObjectId forkPoint, forkFirst, forkRelicense;
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").by("Up Stream", "up@upstream.example", "2020-01-01T00:00:00Z")
                    .put("LICENSE", MIT_2020).put("CODEOWNERS", "* @upstream-lead\n").create();
            repo.commit("main").by("Up Stream", "up@upstream.example", "2020-02-01T00:00:00Z").put("a.txt", "a\n").create();
            forkPoint = repo.commit("main").by("Up Stream", "up@upstream.example", "2020-03-01T00:00:00Z")
                    .put("b.txt", "b\n").create();
            forkFirst = repo.commit("main").by("Fork Er", "fork@community.example", "2021-01-01T00:00:00Z")
                    .put("c.txt", "c\n").create();
            forkRelicense = repo.commit("main").by("Fork Er", "fork@community.example", "2021-02-01T00:00:00Z")
                    .put("LICENSE", APACHE).create();
        }
        RecordingVisitor read = read(ReadRequest.defaultBranch().afterForkPoint(forkPoint.name()));

        assertEquals(List.of(forkFirst.name(), forkRelicense.name()), read.commits.stream().map(CommitRecord::sha).toList());
        assertEquals(List.of("MIT", "Apache-2.0"), read.finished.licensePeriods().stream().map(ObservedLicensePeriod::expression).toList());
        assertEquals(forkFirst.name(), read.finished.licensePeriods().get(0).evidenceCommitSha());
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), read.finished.licensePeriods().get(0).validFrom());
        MaintainerSeat inherited = read.finished.maintainerSeats().get(0);
        assertEquals("upstream-lead", inherited.holder().id());
        assertEquals(forkFirst.name(), inherited.fromCommitSha());
        // Inherited documents did not change in the fork.
        assertEquals(List.of(), read.governanceDocChanges);
        assertEquals(forkPoint.name(), read.finished.forkPointSha());
    }

    @Test
    void aForkPointOutsideTheBranchOrUnknownIsRejected() throws Exception {
        ObjectId elsewhere;
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").put("a.txt", "a\n").create();
            elsewhere = repo.commit("other").orphan().put("x.txt", "x\n").create();
        }
        RepositoryReadException notInHistory = assertThrows(RepositoryReadException.class,
                () -> read(ReadRequest.defaultBranch().afterForkPoint(elsewhere.name())));
        assertEquals(Reason.FORK_POINT_NOT_FOUND, notInHistory.reason());
        RepositoryReadException unknown = assertThrows(RepositoryReadException.class,
                () -> read(ReadRequest.defaultBranch().afterForkPoint("0123456789abcdef0123456789abcdef01234567")));
        assertEquals(Reason.FORK_POINT_NOT_FOUND, unknown.reason());
    }

    @Test
    void anIncrementalReadReturnsOnlyTheNewCommitsAndChanges() throws Exception {
        Path path = dir.resolve("r.git");
        String lastTip;
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("A", "a@example.org", "2020-01-01T00:00:00Z").put("LICENSE", MIT_2020).create();
            repo.commit("main").by("A", "a@example.org", "2020-02-01T00:00:00Z").put("CODEOWNERS", "* @alice @bob\n").create();
            repo.commit("main").by("A", "a@example.org", "2020-03-01T00:00:00Z").put("a.txt", "a\n").create();
        }
        RecordingVisitor first = read(ReadRequest.defaultBranch());
        assertEquals(3, first.finished.commitsRead());
        lastTip = first.finished.tipSha();

        ObjectId bobLeaves, yearBump;
        try (HistoryFixture repo = reopen(path)) {
            bobLeaves = repo.commit("main").by("A", "a@example.org", "2020-04-01T00:00:00Z").put("CODEOWNERS", "* @alice\n").create();
            yearBump = repo.commit("main").by("A", "a@example.org", "2020-05-01T00:00:00Z").put("LICENSE", MIT_2021)
                    .put(".mailmap", "Ada <a@example.org>\n").create();
        }
        RecordingVisitor next = read(ReadRequest.defaultBranch().since(lastTip));

        assertEquals(List.of(bobLeaves.name(), yearBump.name()), next.commits.stream().map(CommitRecord::sha).toList());
        assertEquals(lastTip, next.finished.sinceSha());
        assertEquals(yearBump.name(), next.finished.tipSha());
        // The copyright year changed, the license did not: an observation, no new period.
        assertEquals(1, next.licenseObservations.size());
        assertEquals(List.of(), next.finished.licensePeriods());
        // Seats listed at the boundary carry no start: the caller has it from the previous read.
        List<MaintainerSeat> seats = next.finished.maintainerSeats();
        assertEquals(2, seats.size());
        MaintainerSeat alice = seats.stream().filter(s -> s.holder().id().equals("alice")).findFirst().orElseThrow();
        MaintainerSeat bob = seats.stream().filter(s -> s.holder().id().equals("bob")).findFirst().orElseThrow();
        assertNull(alice.fromCommitSha());
        assertTrue(alice.isOpen());
        assertNull(bob.from());
        assertEquals(bobLeaves.name(), bob.toCommitSha());
        assertTrue(next.finished.mailmapChanged());
        assertEquals("Ada", next.commits.get(0).author().identity().name());

        RecordingVisitor nothingNew = read(ReadRequest.defaultBranch().since(yearBump.name()));
        assertEquals(0, nothingNew.finished.commitsRead());
        assertFalse(nothingNew.finished.mailmapChanged());
    }

    @Test
    void aRewrittenHistoryIsReportedSoTheCallerCanReadInFull() throws Exception {
        Path path = dir.resolve("r.git");
        ObjectId oldTip;
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            ObjectId base = repo.commit("main").put("a.txt", "a\n").create();
            oldTip = repo.commit("main").put("b.txt", "b\n").create();
            repo.moveBranch("main", base); // force-push: b is gone from the branch
            repo.commit("main").put("c.txt", "c\n").create();
        }
        RepositoryReadException rewritten = assertThrows(RepositoryReadException.class,
                () -> read(ReadRequest.defaultBranch().since(oldTip.name())));
        assertEquals(Reason.HISTORY_REWRITTEN, rewritten.reason());
        RepositoryReadException gone = assertThrows(RepositoryReadException.class,
                () -> read(ReadRequest.defaultBranch().since("89abcdef0123456789abcdef0123456789abcdef")));
        assertEquals(Reason.HISTORY_REWRITTEN, gone.reason());
    }

    @Test
    void malformedShasAreRejectedWhenTheRequestIsMade() {
        assertThrows(IllegalArgumentException.class, () -> ReadRequest.defaultBranch().since("abc123"));
        assertThrows(IllegalArgumentException.class, () -> ReadRequest.defaultBranch().afterForkPoint("not a sha"));
    }

    private static HistoryFixture reopen(Path path) throws Exception {
        return HistoryFixture.existing(path);
    }
}

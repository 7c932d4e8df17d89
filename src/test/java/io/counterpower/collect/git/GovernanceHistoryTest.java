package io.counterpower.collect.git;

import io.counterpower.collect.git.GovernanceDocChange.ChangeKind;
import io.counterpower.collect.git.GovernanceDocChange.ClaChange;
import io.counterpower.collect.git.GovernanceDocChange.DocKind;
import io.counterpower.collect.git.MaintainerSeat.Source;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GovernanceHistoryTest {

    private static final String CODEOWNERS_HEADER = """
            # Owners of this repository. Changes to the files below need a review by their owners;
            # see https://docs.github.com/articles/about-code-owners for the syntax.
            # Keep this list short and up to date; stale owners slow every pull request down.
            """;

    @TempDir
    Path dir;

    private ObjectId start, carolJoins, claIntroduced, moved, carolLeaves, maintainersFile, otherDocs,
            erinOnBranch, erinMerged;

    @BeforeEach
    void buildHistory() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            start = repo.commit("main").by("Alice", "alice@acme.example", "2021-01-01T10:00:00Z")
                    .put("CODEOWNERS", CODEOWNERS_HEADER + "* @alice @acme/core-team\n/docs/ bob@example.org\n")
                    .put("CONTRIBUTING.md", "# Contributing\n\nOpen a pull request.\n")
                    .create();
            carolJoins = repo.commit("main").by("Alice", "alice@acme.example", "2021-03-01T10:00:00Z")
                    .put("CODEOWNERS", CODEOWNERS_HEADER + "* @alice @carol @acme/core-team\n/docs/ bob@example.org\n")
                    .create();
            claIntroduced = repo.commit("main").by("Alice", "alice@acme.example", "2021-06-01T10:00:00Z")
                    .put("CONTRIBUTING.md", "# Contributing\n\nOpen a pull request. You must sign our "
                            + "Contributor License Agreement (CLA) first.\n")
                    .create();
            moved = repo.commit("main").by("Alice", "alice@acme.example", "2021-07-01T10:00:00Z")
                    .rename("CODEOWNERS", ".github/CODEOWNERS").create();
            carolLeaves = repo.commit("main").by("Alice", "alice@acme.example", "2021-09-01T10:00:00Z")
                    .put(".github/CODEOWNERS", CODEOWNERS_HEADER + "* @alice @acme/core-team\n/docs/ bob@example.org\n")
                    .create();
            maintainersFile = repo.commit("main").by("Alice", "alice@acme.example", "2021-10-01T10:00:00Z")
                    .put("MAINTAINERS.md", """
                            # Maintainers
                            - Alice Martin <alice@acme.example> (@alice)
                            - Dan Brown <dan@example.org>

                            ## Emeritus
                            - Old Timer <old@example.org>
                            """)
                    .create();
            otherDocs = repo.commit("main").by("Alice", "alice@acme.example", "2021-11-01T10:00:00Z")
                    .put("GOVERNANCE.md", "# Governance\n\nThe steering committee decides.\n")
                    .put("OWNERS", "approvers:\n- alice\n")
                    .put("src/OWNERS", "approvers:\n- someone\n")
                    .create();
            repo.moveBranch("add-erin", otherDocs);
            erinOnBranch = repo.commit("add-erin").by("Erin", "erin@initech.example", "2021-12-01T10:00:00Z")
                    .put(".github/CODEOWNERS", CODEOWNERS_HEADER + "* @alice @erin @acme/core-team\n/docs/ bob@example.org\n")
                    .create();
            erinMerged = repo.commit("main").by("Alice", "alice@acme.example", "2021-12-05T10:00:00Z")
                    .committedBy("GitHub", "noreply@github.com", "2021-12-05T10:00:00Z")
                    .merging(erinOnBranch)
                    .put(".github/CODEOWNERS", CODEOWNERS_HEADER + "* @alice @erin @acme/core-team\n/docs/ bob@example.org\n")
                    .create();
        }
    }

    private RecordingVisitor read() throws Exception {
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("r.git"))) {
            reader.read(ReadRequest.defaultBranch(), visitor);
        }
        return visitor;
    }

    @Test
    void governanceDocumentChangesAreDatedEventsOnTheBranch() throws Exception {
        List<GovernanceDocChange> changes = read().governanceDocChanges;

        assertEquals(List.of(
                change(start, "2021-01-01T10:00:00Z", "CODEOWNERS", null, DocKind.CODEOWNERS, ChangeKind.ADDED, ClaChange.NONE),
                change(start, "2021-01-01T10:00:00Z", "CONTRIBUTING.md", null, DocKind.CONTRIBUTING, ChangeKind.ADDED, ClaChange.NONE),
                change(carolJoins, "2021-03-01T10:00:00Z", "CODEOWNERS", null, DocKind.CODEOWNERS, ChangeKind.MODIFIED, ClaChange.NONE),
                change(claIntroduced, "2021-06-01T10:00:00Z", "CONTRIBUTING.md", null, DocKind.CONTRIBUTING, ChangeKind.MODIFIED, ClaChange.INTRODUCED),
                change(moved, "2021-07-01T10:00:00Z", ".github/CODEOWNERS", "CODEOWNERS", DocKind.CODEOWNERS, ChangeKind.RENAMED, ClaChange.NONE),
                change(carolLeaves, "2021-09-01T10:00:00Z", ".github/CODEOWNERS", null, DocKind.CODEOWNERS, ChangeKind.MODIFIED, ClaChange.NONE),
                change(maintainersFile, "2021-10-01T10:00:00Z", "MAINTAINERS.md", null, DocKind.MAINTAINERS, ChangeKind.ADDED, ClaChange.NONE),
                change(otherDocs, "2021-11-01T10:00:00Z", "GOVERNANCE.md", null, DocKind.GOVERNANCE, ChangeKind.ADDED, ClaChange.NONE),
                change(otherDocs, "2021-11-01T10:00:00Z", "OWNERS", null, DocKind.OWNERS, ChangeKind.ADDED, ClaChange.NONE),
                // The side-branch commit is not on the first-parent line: the change lands with the merge.
                change(erinMerged, "2021-12-05T10:00:00Z", ".github/CODEOWNERS", null, DocKind.CODEOWNERS, ChangeKind.MODIFIED, ClaChange.NONE)),
                changes);
    }

    @Test
    void codeownersAndMaintainersEntriesBecomeSeatsWithFromAndTo() throws Exception {
        List<MaintainerSeat> seats = read().finished.maintainerSeats();

        Instant jan = Instant.parse("2021-01-01T10:00:00Z");
        Instant oct = Instant.parse("2021-10-01T10:00:00Z");
        assertEquals(List.of(
                new MaintainerSeat(Source.CODEOWNERS, new SeatHolder(SeatHolder.Kind.EMAIL, "bob@example.org", null, "bob@example.org"), start.name(), jan, null, null),
                new MaintainerSeat(Source.CODEOWNERS, new SeatHolder(SeatHolder.Kind.GITHUB_TEAM, "acme/core-team", null, null), start.name(), jan, null, null),
                new MaintainerSeat(Source.CODEOWNERS, new SeatHolder(SeatHolder.Kind.GITHUB_USER, "alice", null, null), start.name(), jan, null, null),
                new MaintainerSeat(Source.CODEOWNERS, new SeatHolder(SeatHolder.Kind.GITHUB_USER, "carol", null, null),
                        carolJoins.name(), Instant.parse("2021-03-01T10:00:00Z"), carolLeaves.name(), Instant.parse("2021-09-01T10:00:00Z")),
                new MaintainerSeat(Source.MAINTAINERS, new SeatHolder(SeatHolder.Kind.EMAIL, "dan@example.org", "Dan Brown", "dan@example.org"), maintainersFile.name(), oct, null, null),
                new MaintainerSeat(Source.MAINTAINERS, new SeatHolder(SeatHolder.Kind.GITHUB_USER, "alice", "Alice Martin", "alice@acme.example"), maintainersFile.name(), oct, null, null),
                new MaintainerSeat(Source.CODEOWNERS, new SeatHolder(SeatHolder.Kind.GITHUB_USER, "erin", null, null),
                        erinMerged.name(), Instant.parse("2021-12-05T10:00:00Z"), null, null)),
                seats);
    }

    @Test
    void renamingCodeownersKeepsTheSeats() throws Exception {
        RecordingVisitor read = read();

        assertNull(read.finished.maintainerSeats().stream()
                .filter(seat -> seat.holder().id().equals("alice") && seat.source() == Source.CODEOWNERS)
                .findFirst().orElseThrow().toCommitSha());
        assertEquals(10, read.finished.governanceDocChanges());
    }

    private static GovernanceDocChange change(ObjectId commit, String at, String path, String previousPath, DocKind kind,
                                              ChangeKind change, ClaChange cla) {
        return new GovernanceDocChange(commit.name(), Instant.parse(at), path, previousPath, kind, change, cla);
    }
}

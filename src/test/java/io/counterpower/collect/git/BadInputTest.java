package io.counterpower.collect.git;

import io.counterpower.collect.git.RepositoryReadException.Reason;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locations that are not (complete, readable) repositories, and commits that are not clean UTF-8. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void aMissingPathIsReported() {
        RepositoryReadException e = assertThrows(RepositoryReadException.class,
                () -> GitRepositoryReader.open(dir.resolve("nowhere")));
        assertEquals(Reason.PATH_NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void aDirectoryThatIsNotARepositoryIsReported() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("notes.txt"), "hello");
        assertEquals(Reason.NOT_A_REPOSITORY,
                assertThrows(RepositoryReadException.class, () -> GitRepositoryReader.open(plain)).reason());
        assertEquals(Reason.NOT_A_REPOSITORY,
                assertThrows(RepositoryReadException.class, () -> GitRepositoryReader.open(plain.resolve("notes.txt"))).reason());
    }

    @Test
    void aFolderInsideACheckoutIsNotThatCheckout() throws Exception {
        try (HistoryFixture repo = HistoryFixture.withWorkTree(dir.resolve("checkout"))) {
            repo.commit("main").put("a.txt", "a\n").create();
        }
        Path inside = Files.createDirectories(dir.resolve("checkout/src"));
        assertEquals(Reason.NOT_A_REPOSITORY,
                assertThrows(RepositoryReadException.class, () -> GitRepositoryReader.open(inside)).reason());
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("checkout"))) {
            assertEquals(1, reader.read(ReadRequest.defaultBranch(), new GitHistoryVisitor() { }).commitsRead());
        }
    }

    @Test
    void aFileUrlOpensTheRepository() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").put("a.txt", "a\n").create();
        }
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("r.git").toUri().toString())) {
            assertEquals(1, reader.read(ReadRequest.defaultBranch(), new GitHistoryVisitor() { }).commitsRead());
        }
        assertEquals(Reason.INVALID_LOCATION, assertThrows(RepositoryReadException.class,
                () -> GitRepositoryReader.open("https://github.com/example/project")).reason());
    }

    @Test
    void anEmptyRepositoryIsReported() throws Exception {
        HistoryFixture.bare(dir.resolve("empty.git")).close();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("empty.git"))) {
            RepositoryReadException e = assertThrows(RepositoryReadException.class,
                    () -> reader.read(ReadRequest.defaultBranch(), new RecordingVisitor()));
            assertEquals(Reason.EMPTY_REPOSITORY, e.reason());
        }
    }

    @Test
    void aMissingBranchIsReportedWithTheBranchesThereAre() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").put("a.txt", "a\n").create();
            repo.commit("dev").put("b.txt", "b\n").create();
        }
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("r.git"))) {
            RepositoryReadException e = assertThrows(RepositoryReadException.class,
                    () -> reader.read(ReadRequest.defaultBranch().onBranch("release"), visitor));
            assertEquals(Reason.BRANCH_NOT_FOUND, e.reason());
            assertEquals("No branch release (there are: dev, main)", e.getMessage());
        }
        assertEquals(0, visitor.commits.size());
        assertNull(visitor.finished);
    }

    @Test
    void aHeadPointingToAMissingBranchIsReported() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("trunk").put("a.txt", "a\n").create();
        }
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("r.git"))) {
            RepositoryReadException e = assertThrows(RepositoryReadException.class,
                    () -> reader.read(ReadRequest.defaultBranch(), new RecordingVisitor()));
            assertEquals(Reason.BRANCH_NOT_FOUND, e.reason());
            assertTrue(e.getMessage().contains("refs/heads/main") && e.getMessage().contains("trunk"), e.getMessage());
        }
    }

    @Test
    void aShallowCloneIsRefusedUnlessTheCallerAcceptsAnIncompleteHistory() throws Exception {
        ObjectId second;
        try (HistoryFixture repo = HistoryFixture.withWorkTree(dir.resolve("source"))) {
            repo.commit("main").put("a.txt", "a\n").create();
            second = repo.commit("main").put("b.txt", "b\n").create();
            repo.commit("main").put("c.txt", "c\n").create();
        }
        Path shallow = dir.resolve("shallow");
        Git.cloneRepository().setURI(dir.resolve("source").toUri().toString()).setDirectory(shallow.toFile())
                .setDepth(1).call().close();
        assertTrue(Files.exists(shallow.resolve(".git/shallow")));

        try (GitRepositoryReader reader = GitRepositoryReader.open(shallow)) {
            assertTrue(reader.isShallow());
            RepositoryReadException e = assertThrows(RepositoryReadException.class,
                    () -> reader.read(ReadRequest.defaultBranch(), new RecordingVisitor()));
            assertEquals(Reason.SHALLOW_CLONE, e.reason());

            RecordingVisitor visitor = new RecordingVisitor();
            ReadSummary summary = reader.read(ReadRequest.defaultBranch().acceptingShallowHistory(), visitor);
            assertEquals(1, summary.commitsRead());
            assertFalse(summary.historyComplete());
            // The raw commit still names its parent, although the clone does not hold it.
            assertEquals(java.util.List.of(second.name()), visitor.commits.get(0).parentShas());
        }
    }

    @Test
    void anUnreachableUrlIsReported() {
        String url = dir.resolve("no-such-remote.git").toUri().toString();
        RepositoryReadException e = assertThrows(RepositoryReadException.class,
                () -> GitRepositoryReader.cloneOrFetch(url, dir.resolve("clone")));
        assertEquals(Reason.REMOTE_UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void cloneThenFetchFollowsTheRemote() throws Exception {
        Path source = dir.resolve("source");
        String url = source.toUri().toString();
        try (HistoryFixture repo = HistoryFixture.withWorkTree(source)) {
            repo.commit("main").put("a.txt", "a\n").create();
            repo.commit("main").put("b.txt", "b\n").create();
        }
        Path cache = dir.resolve("cache/project.git");
        try (GitRepositoryReader reader = GitRepositoryReader.cloneOrFetch(url, cache)) {
            assertEquals(2, reader.read(ReadRequest.defaultBranch(), new GitHistoryVisitor() { }).commitsRead());
        }
        try (HistoryFixture repo = HistoryFixture.existing(source)) {
            ObjectId third = repo.commit("main").put("c.txt", "c\n").create();
            repo.moveBranch("feature", third);
            repo.commit("feature").put("d.txt", "d\n").create();
        }
        // The same remote written without the trailing slash is still the remote of that clone.
        String sameRemote = url.endsWith("/") ? url.substring(0, url.length() - 1) : url + "/";
        try (GitRepositoryReader reader = GitRepositoryReader.cloneOrFetch(sameRemote, cache)) {
            assertEquals(3, reader.read(ReadRequest.defaultBranch(), new GitHistoryVisitor() { }).commitsRead());
            assertEquals(4, reader.read(ReadRequest.defaultBranch().onBranch("feature"), new GitHistoryVisitor() { })
                    .commitsRead());
        }
        // The project renames its default branch: the next fetch follows the remote's HEAD.
        try (HistoryFixture repo = HistoryFixture.existing(source)) {
            repo.moveBranch("trunk", repo.head("feature"));
            org.eclipse.jgit.lib.RefUpdate head = repo.repository.updateRef(org.eclipse.jgit.lib.Constants.HEAD);
            head.link("refs/heads/trunk");
        }
        try (GitRepositoryReader reader = GitRepositoryReader.cloneOrFetch(url, cache)) {
            ReadSummary summary = reader.read(ReadRequest.defaultBranch(), new GitHistoryVisitor() { });
            assertEquals("refs/heads/trunk", summary.branchRef());
            assertEquals(4, summary.commitsRead());
        }
        Path occupied = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("file.txt"), "x");
        assertEquals(Reason.TARGET_OCCUPIED, assertThrows(RepositoryReadException.class,
                () -> GitRepositoryReader.cloneOrFetch(url, occupied)).reason());
        String otherRemote = dir.resolve("other.git").toUri().toString();
        assertEquals(Reason.TARGET_OCCUPIED, assertThrows(RepositoryReadException.class,
                () -> GitRepositoryReader.cloneOrFetch(otherRemote, cache)).reason());
    }

    @Test
    void aNameThatIsNotUtf8IsDecodedLenientlyAndKeptRaw() throws Exception {
        ObjectId parent;
        ObjectId latin1;
        byte[] ident = "Jos\u00e9 M\u00fcller <jose@example.org>".getBytes(StandardCharsets.ISO_8859_1);
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            parent = repo.commit("main").put("a.txt", "a\n").create();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            buffer.writeBytes(("tree " + repo.treeOf(parent).name() + "\nparent " + parent.name() + "\nauthor ")
                    .getBytes(StandardCharsets.US_ASCII));
            buffer.writeBytes(ident);
            buffer.writeBytes(" 1600000000 +0200\ncommitter ".getBytes(StandardCharsets.US_ASCII));
            buffer.writeBytes(ident);
            buffer.writeBytes(" 1600000000 +0200\n\n".getBytes(StandardCharsets.US_ASCII));
            buffer.writeBytes("R\u00e9sum\u00e9 des changements\n".getBytes(StandardCharsets.ISO_8859_1));
            latin1 = repo.rawCommit("main", buffer.toByteArray(), parent);
        }
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("r.git"))) {
            reader.read(ReadRequest.defaultBranch(), visitor);
        }
        CommitRecord commit = visitor.commit(latin1);
        assertEquals("Jos\u00e9 M\u00fcller", commit.author().identity().name());
        assertEquals("jose@example.org", commit.author().identity().email());
        assertArrayEquals(ident, commit.author().originalIdent().bytes());
        assertEquals(Instant.ofEpochSecond(1600000000), commit.author().at());
        assertEquals(ZoneOffset.ofHours(2), commit.author().zoneOffset());
        assertEquals("R\u00e9sum\u00e9 des changements\n", commit.message());
        assertNotNull(commit.originalMessage());
        assertNull(visitor.commit(parent).originalMessage());
    }

    @Test
    void anUnknownEncodingHeaderAndAMalformedIdentDoNotStopTheRead() throws Exception {
        ObjectId parent;
        ObjectId odd;
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            parent = repo.commit("main").put("a.txt", "a\n").create();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            buffer.writeBytes(("tree " + repo.treeOf(parent).name() + "\nparent " + parent.name()
                    + "\nauthor Nobody Without Address 1600000000 +9999"
                    + "\ncommitter Jane <jane@example.org> not-a-time zone"
                    + "\nencoding x-no-such-charset\n\n").getBytes(StandardCharsets.US_ASCII));
            buffer.writeBytes(new byte[] {'f', 'i', 'x', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
            odd = repo.rawCommit("main", buffer.toByteArray(), parent);
        }
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("r.git"))) {
            reader.read(ReadRequest.defaultBranch(), visitor);
        }
        CommitRecord commit = visitor.commit(odd);
        assertEquals("Nobody Without Address 1600000000 +9999", commit.author().recordedName());
        assertEquals("", commit.author().identity().email());
        assertEquals(Instant.EPOCH, commit.committer().at());
        assertEquals(ZoneOffset.UTC, commit.committer().zoneOffset());
        assertTrue(commit.message().startsWith("fix "), commit.message());
        assertNotNull(commit.originalMessage());
    }
}

package io.counterpower.collect.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds real git repositories for tests, writing objects directly (no working tree, no index), so
 * that a history of thousands of commits takes a second and every author, committer, date and zone
 * is exactly what the test says.
 */
final class HistoryFixture implements AutoCloseable {

    final Repository repository;
    final Path directory;
    // Blob ids per commit, so that a commit re-inserts only the files it changes.
    private final Map<ObjectId, SortedMap<String, ObjectId>> filesByCommit = new HashMap<>();
    // In bulk mode, objects go to one pack and branch moves wait for the pack (see inOnePack).
    private ObjectInserter bulkInserter;
    private final Map<String, ObjectId> pendingHeads = new HashMap<>();

    private HistoryFixture(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /** A new bare repository whose HEAD points to {@code main}. */
    static HistoryFixture bare(Path directory) throws Exception {
        Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(directory.toFile()).call();
        return new HistoryFixture(git.getRepository(), directory);
    }

    /** A new repository with a working tree (left empty) whose HEAD points to {@code main}. */
    static HistoryFixture withWorkTree(Path directory) throws Exception {
        Git git = Git.init().setInitialBranch("main").setDirectory(directory.toFile()).call();
        return new HistoryFixture(git.getRepository(), directory);
    }

    /**
     * An existing repository built by a fixture earlier; commits on top of existing heads are
     * possible once their files are known, which {@link #existing} rebuilds from the trees.
     */
    static HistoryFixture existing(Path directory) throws Exception {
        HistoryFixture fixture = new HistoryFixture(Git.open(directory.toFile()).getRepository(), directory);
        for (org.eclipse.jgit.lib.Ref ref : fixture.repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            fixture.rememberFilesOf(ref.getObjectId());
        }
        return fixture;
    }

    private void rememberFilesOf(ObjectId commit) throws IOException {
        SortedMap<String, ObjectId> files = new TreeMap<>();
        try (org.eclipse.jgit.treewalk.TreeWalk walk = new org.eclipse.jgit.treewalk.TreeWalk(repository)) {
            walk.setRecursive(true);
            walk.addTree(repository.parseCommit(commit).getTree());
            while (walk.next()) {
                files.put(walk.getPathString(), walk.getObjectId(0));
            }
        }
        filesByCommit.put(commit, files);
    }

    /** {@code name <email>} at an ISO date-time with offset, e.g. {@code 2021-03-04T10:00:00+01:00}. */
    static PersonIdent person(String name, String email, String isoDateTime) {
        OffsetDateTime at = OffsetDateTime.parse(isoDateTime);
        return new PersonIdent(name, email, at.toInstant(), at.getOffset());
    }

    /** Starts a commit on {@code branch}, on top of its current head (a root commit if none). */
    CommitSpec commit(String branch) throws IOException {
        return new CommitSpec(branch);
    }

    /** Writes a commit buffer as is (for malformed or non-UTF-8 commits) and moves {@code branch} to it. */
    ObjectId rawCommit(String branch, byte[] buffer, ObjectId sameFilesAs) throws IOException {
        ObjectId id;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            id = inserter.insert(Constants.OBJ_COMMIT, buffer);
            inserter.flush();
        }
        filesByCommit.put(id, new TreeMap<>(filesByCommit.get(sameFilesAs)));
        moveBranch(branch, id);
        return id;
    }

    ObjectId head(String branch) throws IOException {
        ObjectId pending = pendingHeads.get(branch);
        return pending != null ? pending : repository.resolve(Constants.R_HEADS + branch);
    }

    /** Something that builds commits. */
    interface HistoryBuilding {
        void build() throws Exception;
    }

    /**
     * Runs {@code building} with every object written into one pack and the branches moved at the
     * end: loose objects and a ref update per commit make a long history take minutes on a slow
     * disk. Uses JGit's file-storage pack inserter, an internal API, acceptable in a test.
     */
    void inOnePack(HistoryBuilding building) throws Exception {
        var objects = (org.eclipse.jgit.internal.storage.file.ObjectDirectory) repository.getObjectDatabase();
        try (ObjectInserter pack = objects.newPackInserter()) {
            bulkInserter = pack;
            building.build();
            pack.flush();
        } finally {
            bulkInserter = null;
        }
        for (Map.Entry<String, ObjectId> head : pendingHeads.entrySet()) {
            moveBranch(head.getKey(), head.getValue());
        }
        pendingHeads.clear();
    }

    ObjectId treeOf(ObjectId commit) throws IOException {
        return repository.parseCommit(commit).getTree().getId();
    }

    void moveBranch(String branch, ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
        update.setNewObjectId(commit);
        update.setForceUpdate(true);
        update.disableRefLog();
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("Cannot move " + branch + ": " + result);
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    /** One commit being described; {@link #create()} writes it. */
    final class CommitSpec {
        private final String branch;
        private final List<ObjectId> parents = new ArrayList<>();
        private final SortedMap<String, ObjectId> files;
        private final Map<String, byte[]> changed = new HashMap<>();
        private PersonIdent author = person("Ada Lovelace", "ada@example.org", "2020-01-01T12:00:00Z");
        private PersonIdent committer;
        private String message = "Change";

        private CommitSpec(String branch) throws IOException {
            this.branch = branch;
            ObjectId head = head(branch);
            if (head != null) {
                parents.add(head);
                files = new TreeMap<>(filesByCommit.get(head));
            } else {
                files = new TreeMap<>();
            }
        }

        CommitSpec by(PersonIdent who) {
            this.author = who;
            return this;
        }

        CommitSpec by(String name, String email, String isoDateTime) {
            return by(person(name, email, isoDateTime));
        }

        /** The committer; without it the author commits, at the same moment. */
        CommitSpec committedBy(PersonIdent who) {
            this.committer = who;
            return this;
        }

        CommitSpec committedBy(String name, String email, String isoDateTime) {
            return committedBy(person(name, email, isoDateTime));
        }

        CommitSpec message(String text) {
            this.message = text;
            return this;
        }

        CommitSpec put(String path, String content) {
            files.put(path, ObjectId.zeroId()); // inserted by create()
            changed.put(path, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        CommitSpec delete(String path) {
            if (files.remove(path) == null) {
                throw new IllegalArgumentException("No file " + path);
            }
            changed.remove(path);
            return this;
        }

        CommitSpec rename(String from, String to) {
            ObjectId content = files.remove(from);
            if (content == null) {
                throw new IllegalArgumentException("No file " + from);
            }
            files.put(to, content);
            byte[] pending = changed.remove(from);
            if (pending != null) {
                changed.put(to, pending);
            }
            return this;
        }

        /** Adds {@code other} as a further parent; the files stay the first parent's plus the changes made here. */
        CommitSpec merging(ObjectId other) {
            parents.add(other);
            return this;
        }

        /** A new root commit, not on top of the branch head. */
        CommitSpec orphan() {
            parents.clear();
            files.clear();
            changed.clear();
            return this;
        }

        ObjectId create() throws IOException {
            if (bulkInserter != null) {
                ObjectId id = write(bulkInserter);
                filesByCommit.put(id, new TreeMap<>(files));
                pendingHeads.put(branch, id);
                return id;
            }
            ObjectId id;
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                id = write(inserter);
                inserter.flush();
            }
            filesByCommit.put(id, new TreeMap<>(files));
            moveBranch(branch, id);
            return id;
        }

        private ObjectId write(ObjectInserter inserter) throws IOException {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, byte[]> file : changed.entrySet()) {
                files.put(file.getKey(), inserter.insert(Constants.OBJ_BLOB, file.getValue()));
            }
            for (Map.Entry<String, ObjectId> file : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(file.getValue());
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentIds(parents);
            commit.setAuthor(author);
            commit.setCommitter(committer == null ? author : committer);
            commit.setMessage(message);
            return inserter.insert(commit);
        }
    }
}

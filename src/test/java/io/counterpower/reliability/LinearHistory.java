package io.counterpower.reliability;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/** A bare repository of {@code commits} commits on {@code main} by {@code authors} people, built in one pack. */
final class LinearHistory {
    private LinearHistory() {
    }

    static Path create(Path directory, int commits, int authors) throws Exception {
        try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(directory.toFile()).call();
             Repository repo = git.getRepository();
             ObjectInserter inserter = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
            ObjectId parent = null;
            Instant start = Instant.parse("2021-01-01T00:00:00Z");
            for (int i = 0; i < commits; i++) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, ("change " + i + "\n").getBytes(StandardCharsets.UTF_8));
                TreeFormatter tree = new TreeFormatter();
                tree.append("notes.txt", FileMode.REGULAR_FILE, blob);
                int author = i % authors;
                PersonIdent who = new PersonIdent("Person " + author, "person" + author + "@example.org",
                        start.plusSeconds(3600L * i), ZoneOffset.UTC);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(inserter.insert(tree));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("change " + i + "\n");
                parent = inserter.insert(commit);
            }
            inserter.flush();
            RefUpdate main = repo.updateRef("refs/heads/main");
            main.setNewObjectId(parent);
            main.forceUpdate();
        }
        return directory;
    }
}

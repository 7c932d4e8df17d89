package io.counterpower.collect.git;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A history of 2,000 commits is handed over one commit at a time: the reader keeps none of them,
 * so a caller's batches bound the memory of a collection.
 */
class LargeHistoryTest {

    private static final int COMMITS = 2_000;
    private static final String[][] PEOPLE = {
            {"Alice", "alice@acme.example"}, {"Bob", "bob@globex.example"}, {"Carol", "carol@gmail.com"},
            {"Dan", "dan@initech.example"}, {"Erin", "erin@acme.example"}};

    @TempDir
    Path dir;

    @Test
    void commitsAreHandedOverOneByOneAndNotRetained() throws Exception {
        List<ObjectId> created = new ArrayList<>(COMMITS);
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("big.git"))) {
            OffsetDateTime start = OffsetDateTime.parse("2020-01-01T00:00:00+00:00");
            repo.inOnePack(() -> {
                for (int i = 0; i < COMMITS; i++) {
                    String[] person = PEOPLE[i % PEOPLE.length];
                    created.add(repo.commit("main")
                            .by(HistoryFixture.person(person[0], person[1], start.plusHours(i).toString()))
                            .put("src/file" + (i % 50) + ".txt", "revision " + i + "\n")
                            .put(i % 500 == 0 ? "LICENSE" : "README.md", "MIT License, revision " + i + "\n")
                            .message("Change " + i)
                            .create());
                }
            });
        }

        int[] seen = {0};
        Set<String> distinct = new HashSet<>();
        List<WeakReference<CommitRecord>> early = new ArrayList<>();
        boolean[] earlyCollected = {false};
        GitHistoryVisitor counting = new GitHistoryVisitor() {
            @Override
            public void commit(CommitRecord commit) {
                seen[0]++;
                distinct.add(commit.sha());
                if (seen[0] <= 10) {
                    early.add(new WeakReference<>(commit));
                }
                if (seen[0] == COMMITS - 10) {
                    earlyCollected[0] = collectedAfterGc(early);
                }
            }
        };
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("big.git"))) {
            ReadSummary summary = reader.read(ReadRequest.defaultBranch(), counting);
            assertEquals(COMMITS, summary.commitsRead());
            assertEquals(created.get(COMMITS - 1).name(), summary.tipSha());
            assertEquals(4, summary.licenseObservations()); // LICENSE written at commits 0, 500, 1000, 1500
        }
        assertEquals(COMMITS, seen[0]);
        assertEquals(COMMITS, distinct.size());
        assertTrue(earlyCollected[0], "records handed over earlier must not be retained by the reader");
    }

    @Test
    void batchesHoldAtMostTheBatchSize() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("big.git"))) {
            repo.inOnePack(() -> {
                for (int i = 0; i < COMMITS; i++) {
                    repo.commit("main").put("f.txt", "r" + i + "\n").create();
                }
            });
        }
        List<Integer> sizes = new ArrayList<>();
        try (GitRepositoryReader reader = GitRepositoryReader.open(dir.resolve("big.git"))) {
            reader.read(ReadRequest.defaultBranch(), GitHistoryVisitor.commitsInBatches(600, batch -> sizes.add(batch.size())));
        }
        assertEquals(List.of(600, 600, 600, 200), sizes);
    }

    /** Whether all referents are gone after a few collections (a retained one never goes). */
    private static boolean collectedAfterGc(List<WeakReference<CommitRecord>> references) {
        try {
            await("the early commits are collected").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        System.gc();
                        return references.stream().allMatch(r -> r.get() == null);
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            assertNull(references.get(0).get());
            return false;
        }
    }
}

package io.counterpower.collect.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.collect.CollectionFailure;
import io.counterpower.collect.CollectionRun;
import io.counterpower.collect.CollectionRun.Phase;
import io.counterpower.collect.CollectionStats;
import io.counterpower.collect.Collector;
import io.counterpower.collect.EmailDomainAffiliations;
import io.counterpower.common.net.PublicHosts;
import io.counterpower.collect.RepositoryTarget;
import io.counterpower.collect.CollectConfig;
import io.counterpower.collect.platform.PlatformStore;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.license.LicenseCatalog;
import io.counterpower.license.LicenseExpressions;
import io.counterpower.license.LicenseTextMatcher;
import io.counterpower.project.ProjectService;
import io.counterpower.project.ProjectView;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The database side of the git collector: reads each repository of a collection with
 * {@link GitRepositoryReader} and records what it finds (METHODOLOGY.md section 2).
 *
 * <p>Per repository: https URLs are cloned once into the cache and fetched afterwards; {@code file:}
 * URLs and local paths are read in place. The read starts after the cursor the last complete run
 * left ({@code collection_cursor}), and after the fork point when the project is a fork. Commits
 * are written in batches, each its own transaction; license periods, governance events, seats and
 * the new cursor are written together once every commit is in. A crash midway therefore reruns the
 * same commits, and the natural key of contributions keeps each single. After the repositories,
 * affiliations are inferred from email domains.
 */
@ApplicationScoped
class GitCollector implements Collector {

    private static final ConcurrentHashMap<Path, ReentrantLock> CLONE_LOCKS = new ConcurrentHashMap<>();
    /** Contributions a repository adds before the statistics of the tables it wrote are refreshed. */
    static final long ANALYZE_AFTER_ROWS = 10_000;
    static final int TRANSACTION_TIMEOUT_SECONDS = 600;

    @Inject
    CollectConfig config;
    @Inject
    EntityManager em;
    @Inject
    ChangeLog changes;
    @Inject
    ProjectService projects;
    @Inject
    EmailDomainAffiliations affiliations;
    @Inject
    LicenseTextMatcher matcher;
    @Inject
    LicenseExpressions expressions;
    @Inject
    LicenseCatalog catalog;
    @Inject
    ObjectMapper json;
    @Inject
    PlatformStore store;

    @Override
    public String source() {
        return "git";
    }

    @Override
    public void collect(CollectionRun run) throws CollectionFailure {
        ProjectView project;
        try {
            project = QuarkusTransaction.requiringNew().call(() -> projects.get(run.projectSlug(), null));
        } catch (RuntimeException e) {
            throw new CollectionFailure("Project '" + run.projectSlug() + "' is no longer recorded", e);
        }
        String sourceNote = "collected by job " + run.jobId();
        IdentityResolver identities = new IdentityResolver(null, sourceNote);
        boolean flushed = false;
        try {
            for (RepositoryTarget target : run.repositories()) {
                collectRepository(run, project, target, identities, sourceNote);
            }
            run.enter(Phase.AFFILIATIONS);
            EmailDomainAffiliations.Outcome inferred = affiliations.inferForProject(run.projectId(), true);
            run.affiliations(inferred.added(), inferred.superseded());
            run.enter(Phase.ATTRIBUTION);
            flushAttribution();
            flushed = true;
            run.totals(store.totals(run.projectId(), source()));
            run.enter(Phase.DONE);
        } finally {
            if (!flushed) {
                // A failed run still refreshes what its committed batches queued (or the next flush will).
                try {
                    flushAttribution();
                } catch (RuntimeException e) {
                    Log.warnf("Job %d: the attribution refresh is left to the next write: %s", run.jobId(), e.getMessage());
                }
            }
            run.identitiesAdded(identities.identitiesAdded(), identities.contributorsAdded());
            try {
                inTransaction(c -> audit(c, run));
            } catch (RuntimeException e) {
                Log.warnf("Job %d: the audit row could not be written: %s", run.jobId(), e.getMessage());
            }
        }
    }

    private void collectRepository(CollectionRun run, ProjectView project, RepositoryTarget target,
                                   IdentityResolver identities, String sourceNote) throws CollectionFailure {
        RepositoryLocation location = RepositoryLocation.of(target.url());
        identities.from(location.webUrl() == null ? location.url() : location.webUrl());
        run.enter(Phase.OPENING);
        try (GitRepositoryReader reader = open(location, run.publicHostsOnly())) {
            ReadRequest request = ReadRequest.defaultBranch().onBranch(target.branch())
                    .identifyingLicensesWith(new CatalogLicenseIdentifier(matcher));
            // The fork point is a commit of the code; a fork's weights or data repositories have their own history.
            if (project.forkPointCommit() != null && "code".equals(target.role())) {
                request = request.afterForkPoint(project.forkPointCommit());
            }
            if (reader.isShallow()) {
                run.warn(location.url() + " is a shallow clone: commits before its cut are missing, so counts, license "
                        + "periods and seats start at the cut. Collect a full clone for complete figures.");
                request = request.acceptingShallowHistory();
            }
            run.enter(Phase.COUNTING);
            String since = inTransaction(c -> cursor(c, run.projectId(), location.url()));
            LocalDate forkDate = project.forkPointCommit() == null ? project.forkPointDate() : null;
            ContributionWriter contributions = new ContributionWriter(run.projectId(), location, forkDate, identities);
            long[] added = {0};
            ReadSummary summary;
            BatchingVisitor visitor = commitWriter(run, contributions, added);
            try {
                try (BatchingVisitor first = visitor) {
                    summary = reader.read(since == null ? request : request.since(since), first);
                }
            } catch (RepositoryReadException e) {
                if (since == null || e.reason() != RepositoryReadException.Reason.HISTORY_REWRITTEN) {
                    throw e;
                }
                // Refused before any commit was handed over: nothing of the first attempt was written.
                run.warn(location.url() + ": " + e.getMessage() + ". It was read in full; contributions of the "
                        + "rewritten commits recorded before stay, each once.");
                since = null;
                visitor = commitWriter(run, contributions, added);
                try (BatchingVisitor again = visitor) {
                    summary = reader.read(request, again);
                }
            }
            if (added[0] >= ANALYZE_AFTER_ROWS) {
                // Fresh statistics, or the planner takes a table that just grew a hundredfold for a
                // small one and the affiliation query walks an index per identity.
                inTransaction(c -> {
                    try (var s = c.createStatement()) {
                        s.execute("analyze contribution, identity, identity_link");
                    }
                    return null;
                });
            }

            boolean fullRead = since == null;
            ReadSummary read = summary;
            List<GovernanceDocChange> governanceChanges = visitor.governanceChanges();
            BranchHistoryWriter history = new BranchHistoryWriter(run.projectId(), target.role(), location, identities,
                    expressions, catalog.catalogVersion(), sourceNote, run);
            long recordedBefore = run.factsRecorded();
            inTransaction(c -> {
                history.write(c, read, governanceChanges, fullRead, location.url());
                if (run.factsRecorded() != recordedBefore) {
                    changes.bump(ChangeLog.projectScope(run.projectId()));
                }
                return null;
            });
            run.repositoryRead(new CollectionStats.RepositoryRead(location.url(), read.branchRef(), since,
                    read.tipSha(), read.commitsRead(), read.historyComplete()));
        } catch (RepositoryReadException e) {
            throw new CollectionFailure("Cannot collect " + location.url() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The visitor that writes a repository's commits in batches, each in a transaction of its own, and
     * moves the job from counting to reading to history as the reader reports.
     */
    private BatchingVisitor commitWriter(CollectionRun run, ContributionWriter contributions, long[] added) {
        return new BatchingVisitor(Math.max(1, config.batchSize()), total -> {
            run.addToTotal(total);
            run.enter(Phase.READING);
        }, batch -> {
            long started = System.nanoTime();
            ContributionWriter.Written written = inTransaction(c -> {
                // A batch need not wait for its commit to reach the disk: a crash loses at most the
                // last batches, in order, before the cursor moves, and the rerun writes them again.
                try (var s = c.createStatement()) {
                    s.execute("set local synchronous_commit to off");
                }
                ContributionWriter.Written w = contributions.write(c, batch);
                changes.bump(ChangeLog.projectScope(run.projectId()));
                changes.bump(ChangeLog.GLOBAL);
                return w;
            });
            run.contributionsAdded(written.commits(), written.merges());
            added[0] += written.commits() + written.merges();
            run.writing(System.nanoTime() - started);
            run.advance(batch.size());
        }, () -> run.enter(Phase.HISTORY));
    }

    /** Opens a local repository in place, or brings a remote one into the cache first. */
    private GitRepositoryReader open(RepositoryLocation location, boolean publicHostsOnly)
            throws RepositoryReadException, CollectionFailure {
        if (!location.remote()) {
            return GitRepositoryReader.open(location.url());
        }
        String refusal = publicHostsOnly ? PublicHosts.refusal(location.url(), config.allowedHosts().orElse(List.of())) : null;
        if (refusal != null) {
            throw new CollectionFailure("Cannot collect " + location.url() + ": the host " + refusal.replaceFirst("^points", "now points"));
        }
        Path cache = cacheDir();
        Path folder = location.cacheFolder(cache);
        ReentrantLock lock = CLONE_LOCKS.computeIfAbsent(folder, f -> new ReentrantLock());
        lock.lock();
        try {
            boolean fresh = !Files.exists(folder);
            try {
                return GitRepositoryReader.cloneOrFetch(location.url(), folder);
            } catch (RepositoryReadException e) {
                if (fresh) {
                    deleteQuietly(folder); // a half-done clone would block the next attempt
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private Path cacheDir() throws CollectionFailure {
        Path dir = Path.of(config.cacheDir().orElse(System.getProperty("java.io.tmpdir") + "/counterpower-git"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CollectionFailure("The clone cache " + dir + " cannot be created: " + e.getMessage()
                    + " (set counterpower.collect.cache-dir)", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    Log.debugf("Cannot delete %s: %s", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            Log.debugf("Cannot clean %s: %s", folder, e.getMessage());
        }
    }

    // ---- SQL -----------------------------------------------------------------------------------

    /**
     * Runs SQL in a transaction of its own, allowed ten minutes (the default minute is short for a large
     * history). The attribution of what it writes is deferred (V040): the job refreshes it once, at its end.
     */
    private <T> T inTransaction(ReturningWork<T> work) {
        return QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS)
                .call(() -> em.unwrap(Session.class).doReturningWork(c -> {
                    try (var s = c.createStatement()) {
                        s.execute("set local counterpower.defer_attribution = on");
                    }
                    return work.execute(c);
                }));
    }

    /**
     * Refreshes, in one set-based pass, the attribution of everything the job queued (its contributions,
     * identities and inferred affiliations), on fresh statistics. A custom plan lets the refresh hash its
     * id array instead of scanning it for every row.
     */
    private void flushAttribution() {
        QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS)
                .call(() -> em.unwrap(Session.class).doReturningWork(c -> {
                    try (var s = c.createStatement()) {
                        s.execute("set local plan_cache_mode = force_custom_plan");
                        s.execute("select contribution_attribution_flush()");
                    }
                    return null;
                }));
    }

    private static String cursor(Connection c, long projectId, String url) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select position from collection_cursor where project_id = ? and source = 'git' and repository_url = ?")) {
            s.setLong(1, projectId);
            s.setString(2, url);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** One audit row per collection: the facts it recorded are counted there, not audited one by one. */
    private Void audit(Connection c, CollectionRun run) throws SQLException {
        PlatformStore.auditCollection(c, run, "git", statsJson(run.snapshot()));
        // A rerun that recorded nothing (no new commit) leaves the data version, and every ETag, where it was.
        if (run.factsRecorded() > 0) {
            changes.bump(ChangeLog.projectScope(run.projectId()));
            changes.bump(ChangeLog.GLOBAL);
        }
        return null;
    }

    private String statsJson(CollectionStats stats) {
        try {
            return json.writeValueAsString(stats);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise collection stats", e);
        }
    }

    /**
     * Hands commits over in batches to a writer thread, so that the database writes one batch while
     * the reader decodes the next (on two cores this hides most of the write time). At most two
     * batches are in flight besides the one being filled, so memory stays bounded; a failed write
     * surfaces in the reading thread at the next hand-over. Keeps the (few) governance changes for
     * the end of the read.
     */
    private static final class BatchingVisitor implements GitHistoryVisitor, AutoCloseable {
        private static final int IN_FLIGHT = 2;

        private final int batchSize;
        private final LongConsumer onCounted;
        private final Consumer<List<CommitRecord>> onBatch;
        private final Runnable onCommitsDone;
        private final List<CommitRecord> pending;
        private final List<GovernanceDocChange> governanceChanges = new ArrayList<>();
        private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "counterpower-git-writer");
            t.setDaemon(true);
            return t;
        });
        private final Deque<Future<?>> inFlight = new ArrayDeque<>();

        BatchingVisitor(int batchSize, LongConsumer onCounted, Consumer<List<CommitRecord>> onBatch,
                        Runnable onCommitsDone) {
            this.batchSize = batchSize;
            this.onCounted = onCounted;
            this.onBatch = onBatch;
            this.onCommitsDone = onCommitsDone;
            this.pending = new ArrayList<>(batchSize);
        }

        @Override
        public void counted(long commits) {
            onCounted.accept(commits);
        }

        @Override
        public void commit(CommitRecord commit) {
            pending.add(commit);
            if (pending.size() == batchSize) {
                submit();
            }
        }

        @Override
        public void commitsDone() {
            submit();
            drain();
            onCommitsDone.run();
        }

        @Override
        public void governanceDocChange(GovernanceDocChange change) {
            governanceChanges.add(change);
        }

        @Override
        public void finished(ReadSummary summary) {
            submit();
            drain();
        }

        List<GovernanceDocChange> governanceChanges() {
            return governanceChanges;
        }

        private void submit() {
            if (pending.isEmpty()) {
                return;
            }
            List<CommitRecord> batch = List.copyOf(pending);
            pending.clear();
            while (inFlight.size() >= IN_FLIGHT) {
                awaitOldest();
            }
            inFlight.add(writer.submit(() -> inRequestContext(() -> onBatch.accept(batch))));
        }

        /**
         * The writer thread's batches open Hibernate sessions, whose datasource (primary or read replica,
         * common/db/ReplicaTenants) is resolved in a request context: a batch runs in one of its own.
         */
        private static void inRequestContext(Runnable work) {
            io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
            if (context.isActive()) {
                work.run();
                return;
            }
            context.activate();
            try {
                work.run();
            } finally {
                context.terminate();
            }
        }

        private void drain() {
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
        }

        private void awaitOldest() {
            try {
                inFlight.removeFirst().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing commits", e);
            }
        }

        /** Stops the writer; after a failure, a batch still queued is not written (its rerun is). */
        @Override
        public void close() {
            writer.shutdownNow();
            try {
                if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
                    Log.warn("A git batch writer did not stop within a minute");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

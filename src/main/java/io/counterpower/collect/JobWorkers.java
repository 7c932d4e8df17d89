package io.counterpower.collect;

import io.counterpower.collect.JobService.ClaimedJob;
import io.counterpower.common.db.DatabaseFailures;
import io.counterpower.project.ProjectService;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool of workers of this instance: each claims the oldest queued job, runs it with
 * the {@link Collector} of its source and ends it. Jobs are rows, so any number of instances share
 * them. A heartbeat marks the jobs running here as alive; jobs whose heartbeat stopped (an
 * instance that died) are failed, on start and then periodically.
 */
@ApplicationScoped
class JobWorkers {

    @Inject
    JobsConfig config;
    @Inject
    JobService jobs;
    @Inject
    ProjectService projects;
    @Inject
    @Any
    Instance<Collector> collectors;

    /** Names this instance's claims in {@code job.worker}, for operators. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore wake = new Semaphore(0);
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Map<Long, UnrecordedFailure> unrecordedFailures = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private ExecutorService pool;
    private ScheduledExecutorService housekeeping;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        int reaped = jobs.failStale(config.staleAfter());
        if (reaped > 0) {
            Log.warnf("Marked %d interrupted job(s) as failed", reaped);
        }
        int workers = config.workers();
        AtomicInteger threadNumber = new AtomicInteger();
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "counterpower-job-heartbeat"));
        long heartbeat = Math.max(100, config.heartbeatInterval().toMillis());
        housekeeping.scheduleWithFixedDelay(this::housekeep, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        if (workers <= 0) {
            Log.info("No job worker runs on this instance (counterpower.jobs.workers=0)");
            return;
        }
        pool = Executors.newFixedThreadPool(workers, r -> daemon(r, "counterpower-job-worker-" + threadNumber.incrementAndGet()));
        for (int i = 0; i < workers; i++) {
            pool.submit(this::work);
        }
        Log.infof("%d job worker(s) started as %s", workers, instance);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        wake.release(Math.max(1, config.workers()));
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        try {
            jobs.failInterrupted(Set.copyOf(running), "Interrupted: the service stopped while the job ran. What it wrote "
                    + "is consistent; ask for the collection again to complete it.");
        } catch (RuntimeException e) {
            Log.warnf("Could not mark the running jobs as interrupted: %s", e.getMessage());
        }
    }

    /** Wakes idle workers of this instance at once (a job was just queued here). */
    void wake() {
        wake.release(Math.max(1, config.workers()));
    }

    private void work() {
        while (!stopping) {
            try {
                Optional<ClaimedJob> claimed = jobs.claim(instance);
                if (claimed.isPresent()) {
                    run(claimed.get());
                    continue;
                }
                wake.drainPermits();
                wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database is away, most likely: wait and try again rather than lose the worker.
                Log.warnf("Job worker could not claim a job: %s", e.getMessage());
                sleepQuietly(config.pollInterval().toMillis() * 5);
            }
        }
    }

    private void run(ClaimedJob job) {
        running.add(job.id());
        // Services read through Hibernate, which needs a request context outside transactions.
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        CollectionRun run = null;
        try {
            run = new CollectionRun(job.id(), job.projectId(), projects.slugOf(job.projectId()), job.repositories(), jobs,
                    job.publicHostsOnly());
            Collector collector = collector(job.source());
            Log.infof("Job %d: %s collection of %s started", job.id(), job.source(), run.projectSlug());
            collector.collect(run);
            CollectionStats stats = run.snapshot();
            jobs.succeed(job.id(), stats);
            Log.infof("Job %d succeeded in %d ms", job.id(), stats.timings().totalMillis());
        } catch (CollectionFailure failure) {
            Log.infof("Job %d failed: %s", job.id(), failure.getMessage());
            failNowOrLater(job.id(), failure.getMessage(), run == null ? null : run.snapshot());
        } catch (RuntimeException | Error unexpected) {
            if (DatabaseFailures.isUnavailable(unexpected)) {
                Log.warnf("Job %d stopped: the database is unavailable (%s)", job.id(), unexpected.getMessage());
                failNowOrLater(job.id(), "The database became unavailable while collecting. What was written before is "
                        + "consistent; ask for the collection again to complete it.", run == null ? null : run.snapshot());
                return;
            }
            // The worker survives anything a job throws; the job says where the log has the details.
            String reference = UUID.randomUUID().toString();
            Log.errorf(unexpected, "Job %d failed unexpectedly (error %s)", job.id(), reference);
            failNowOrLater(job.id(), "Unexpected error while collecting (logged as " + reference + "). What was written "
                    + "before it is consistent; ask for the collection again.", run == null ? null : run.snapshot());
        } finally {
            requestContext.terminate();
            running.remove(job.id());
        }
    }

    /**
     * Ends a job as failed; when the database is away too, the end is kept and written by the
     * housekeeping as soon as it is back, so that the project can be collected again at once
     * rather than after the stale-heartbeat delay.
     */
    private void failNowOrLater(long id, String error, CollectionStats stats) {
        try {
            jobs.fail(id, error, stats);
        } catch (RuntimeException e) {
            Log.warnf("Job %d could not be marked as failed yet (%s); retrying with the heartbeat", id, e.getMessage());
            unrecordedFailures.put(id, new UnrecordedFailure(error, stats));
        }
    }

    private void recordPendingFailures() {
        for (var pending : Map.copyOf(unrecordedFailures).entrySet()) {
            jobs.fail(pending.getKey(), pending.getValue().error(), pending.getValue().stats());
            unrecordedFailures.remove(pending.getKey());
            Log.infof("Job %d marked as failed now that the database answers", pending.getKey());
        }
    }

    private record UnrecordedFailure(String error, CollectionStats stats) {
    }

    private Collector collector(String source) throws CollectionFailure {
        for (Collector collector : collectors) {
            if (collector.source().equals(source)) {
                return collector;
            }
        }
        throw new CollectionFailure("No collector reads source '" + source + "' on this instance");
    }

    private void housekeep() {
        try {
            recordPendingFailures();
            jobs.heartbeat(Set.copyOf(running));
            int reaped = jobs.failStale(config.staleAfter());
            if (reaped > 0) {
                Log.warnf("Marked %d interrupted job(s) as failed", reaped);
            }
        } catch (RuntimeException e) {
            Log.warnf("Job heartbeat failed: %s", e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

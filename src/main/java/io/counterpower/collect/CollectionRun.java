package io.counterpower.collect;

import io.counterpower.collect.CollectionStats.RepositoryRead;
import io.counterpower.collect.CollectionStats.Totals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One running collection as a {@link Collector} sees it: what to collect, and where to report
 * phase, progress, counts and warnings. Progress reaches the job row at once, so that
 * {@code GET /api/v1/jobs/{id}} follows the run; counts are saved when the job ends.
 */
public final class CollectionRun {

    /** The phases a job goes through, as shown in {@code job.phase}. */
    public enum Phase {
        OPENING("opening"), COUNTING("counting"), READING("reading"), HISTORY("history"),
        AFFILIATIONS("affiliations"), ATTRIBUTION("attribution"), DONE("done");

        private final String code;

        Phase(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final long jobId;
    private final long projectId;
    private final String projectSlug;
    private final List<RepositoryTarget> repositories;
    private final JobService jobs;
    private final boolean publicHostsOnly;
    private final long startedNanos = System.nanoTime();

    private Phase phase = Phase.OPENING;
    private long progressDone;
    private Long progressTotal;

    private long commitsRead;
    private long commitContributionsAdded;
    private long mergeContributionsAdded;
    private long identitiesAdded;
    private long contributorsAdded;
    private long affiliationsAdded;
    private long affiliationsSuperseded;
    private long licensePeriodsAdded;
    private long licensePeriodsSuperseded;
    private long governanceEventsAdded;
    private long seatsAdded;
    private long seatsSuperseded;
    private Totals totals;
    private long itemsRead;
    private long reviewsAdded;
    private long issuesAdded;
    private long releasesAdded;
    private long orgAffiliationsAdded;
    private long orgAffiliationsClosed;
    private final long[] derivativesAdded = new long[4];
    private long downloadCountsAdded;
    private final List<CollectionStats.ModelRead> models = new ArrayList<>();
    private CollectionStats.PlatformCounts usage = CollectionStats.PlatformCounts.NONE;
    private final List<RepositoryRead> reads = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final long[] phaseNanos = new long[Phase.values().length];
    private long phaseStartedNanos = System.nanoTime();
    private long writeNanos;

    CollectionRun(long jobId, long projectId, String projectSlug, List<RepositoryTarget> repositories, JobService jobs,
                  boolean publicHostsOnly) {
        this.jobId = jobId;
        this.publicHostsOnly = publicHostsOnly;
        this.projectId = projectId;
        this.projectSlug = projectSlug;
        this.repositories = List.copyOf(repositories);
        this.jobs = jobs;
    }

    public long jobId() {
        return jobId;
    }

    public long projectId() {
        return projectId;
    }

    public String projectSlug() {
        return projectSlug;
    }

    public List<RepositoryTarget> repositories() {
        return repositories;
    }

    /**
     * Whether remote hosts must be public ({@link io.counterpower.common.net.PublicHosts}): a steward asked for the
     * collection, so its hosts are checked again right before they are reached.
     */
    public boolean publicHostsOnly() {
        return publicHostsOnly;
    }

    // ---- phase and progress, written to the job row -------------------------------------------

    /** Enters a phase; the time spent in the one left is added to its timing. */
    public void enter(Phase next) {
        long now = System.nanoTime();
        phaseNanos[phase.ordinal()] += now - phaseStartedNanos;
        phaseStartedNanos = now;
        phase = next;
        jobs.progress(jobId, phase.code(), progressDone, progressTotal, snapshot());
    }

    /** Adds commits to the total the progress counts towards (each repository adds its own). */
    public void addToTotal(long commits) {
        progressTotal = (progressTotal == null ? 0 : progressTotal) + commits;
        jobs.progress(jobId, phase.code(), progressDone, progressTotal, snapshot());
    }

    /** Counts commits as done (written). */
    public void advance(long commits) {
        progressDone += commits;
        commitsRead += commits;
        jobs.progress(jobId, phase.code(), progressDone, progressTotal, snapshot());
    }

    /** Counts platform items (issues, pull requests, models) as done. */
    public void advanceItems(long items) {
        progressDone += items;
        itemsRead += items;
        jobs.progress(jobId, phase.code(), progressDone, progressTotal, snapshot());
    }

    /** Adds time spent writing to the database while reading, to tell it from the reading itself. */
    public void writing(long nanos) {
        writeNanos += nanos;
    }

    /** Something the run could not do as asked, in words for the requester; repeated words appear once. */
    public void warn(String warning) {
        warnings.add(warning);
    }

    // ---- counts -------------------------------------------------------------------------------

    /**
     * How many facts the run has recorded or superseded so far; a run that recorded none (a rerun that
     * read no new commit) must not move the data version.
     */
    public long factsRecorded() {
        return commitContributionsAdded + mergeContributionsAdded + identitiesAdded + contributorsAdded + affiliationsAdded
                + affiliationsSuperseded + licensePeriodsAdded + licensePeriodsSuperseded + governanceEventsAdded + seatsAdded
                + seatsSuperseded + reviewsAdded + issuesAdded + releasesAdded + orgAffiliationsAdded + orgAffiliationsClosed
                + java.util.Arrays.stream(derivativesAdded).sum() + downloadCountsAdded;
    }

    public void contributionsAdded(long commits, long merges) {
        commitContributionsAdded += commits;
        mergeContributionsAdded += merges;
    }

    public void identitiesAdded(long identities, long contributors) {
        identitiesAdded += identities;
        contributorsAdded += contributors;
    }

    public void affiliations(long added, long superseded) {
        affiliationsAdded += added;
        affiliationsSuperseded += superseded;
    }

    public void licensePeriods(long added, long superseded) {
        licensePeriodsAdded += added;
        licensePeriodsSuperseded += superseded;
    }

    public void governanceEventsAdded(long added) {
        governanceEventsAdded += added;
    }

    public void seats(long added, long superseded) {
        seatsAdded += added;
        seatsSuperseded += superseded;
    }

    /** Platform contributions recorded besides merges (those count with {@link #contributionsAdded}). */
    public void platformContributionsAdded(long reviews, long issues, long releases) {
        reviewsAdded += reviews;
        issuesAdded += issues;
        releasesAdded += releases;
    }

    public void orgAffiliations(long added, long closed) {
        orgAffiliationsAdded += added;
        orgAffiliationsClosed += closed;
    }

    /** Derivatives recorded: finetune, adapter, merge and quantization, in that order. */
    public void derivativesAdded(long finetune, long adapter, long merge, long quantization) {
        derivativesAdded[0] += finetune;
        derivativesAdded[1] += adapter;
        derivativesAdded[2] += merge;
        derivativesAdded[3] += quantization;
    }

    public void downloadCountsAdded(long added) {
        downloadCountsAdded += added;
    }

    public void modelRead(CollectionStats.ModelRead model) {
        models.add(model);
    }

    /** The HTTP use so far: requests, 304s, retries and seconds waited. */
    public void httpUsage(long requests, long notModified, long retries, long waitedSeconds) {
        usage = new CollectionStats.PlatformCounts(requests, notModified, retries, waitedSeconds, 0, 0, 0, 0, 0, 0, null, 0, null);
    }

    public void repositoryRead(RepositoryRead read) {
        reads.add(read);
    }

    public void totals(Totals projectTotals) {
        totals = projectTotals;
    }

    /** The counts so far, with the current phase's time included. */
    public CollectionStats snapshot() {
        long[] nanos = phaseNanos.clone();
        nanos[phase.ordinal()] += System.nanoTime() - phaseStartedNanos;
        CollectionStats.Timings timings = new CollectionStats.Timings(
                millis(nanos[Phase.OPENING.ordinal()]), millis(nanos[Phase.COUNTING.ordinal()]),
                millis(nanos[Phase.READING.ordinal()]), millis(writeNanos), millis(nanos[Phase.HISTORY.ordinal()]),
                millis(nanos[Phase.AFFILIATIONS.ordinal()]), millis(nanos[Phase.ATTRIBUTION.ordinal()]),
                millis(System.nanoTime() - startedNanos));
        return new CollectionStats(commitsRead, commitContributionsAdded, mergeContributionsAdded, identitiesAdded,
                contributorsAdded, affiliationsAdded, affiliationsSuperseded, licensePeriodsAdded, licensePeriodsSuperseded,
                governanceEventsAdded, seatsAdded, seatsSuperseded, totals, reads, timings, new ArrayList<>(warnings),
                new CollectionStats.PlatformCounts(usage.requests(), usage.notModified(), usage.retries(),
                        usage.rateLimitWaitSeconds(), itemsRead, reviewsAdded, issuesAdded, releasesAdded,
                        orgAffiliationsAdded, orgAffiliationsClosed, new CollectionStats.DerivativeCounts(
                        derivativesAdded[0], derivativesAdded[1], derivativesAdded[2], derivativesAdded[3]),
                        downloadCountsAdded, models));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}

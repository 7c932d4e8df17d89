package io.counterpower.collect;

import java.util.List;

/**
 * What a collection did, kept on the job ({@code job.stats}) and shown by the API: rows recorded and
 * superseded by this run, what the project holds from the source afterwards, each repository read,
 * the time spent per phase, and warnings (a shallow clone, a rewritten history, team seats).
 *
 * @param commitsRead                commits read from the repositories (new ones only on a rerun)
 * @param commitContributionsAdded   {@code commit} contributions recorded (authors and co-authors)
 * @param mergeContributionsAdded    {@code merge} contributions recorded
 * @param identitiesAdded            identities seen for the first time
 * @param contributorsAdded          contributors created for identities no one had
 * @param affiliationsAdded          email-domain affiliation versions recorded (new or changed)
 * @param affiliationsSuperseded     email-domain affiliation versions closed (changed or withdrawn)
 * @param licensePeriodsAdded        license period versions recorded
 * @param licensePeriodsSuperseded   license period versions closed
 * @param governanceEventsAdded      governance events recorded
 * @param seatsAdded                 maintainer seat versions recorded
 * @param seatsSuperseded            maintainer seat versions closed (a seat that ended, or changed)
 * @param totals                     what the project holds from this source after the run
 * @param repositories               each repository read
 * @param timings                    milliseconds per phase
 * @param warnings                   what the run could not do as asked, in words
 */
public record CollectionStats(
        long commitsRead,
        long commitContributionsAdded,
        long mergeContributionsAdded,
        long identitiesAdded,
        long contributorsAdded,
        long affiliationsAdded,
        long affiliationsSuperseded,
        long licensePeriodsAdded,
        long licensePeriodsSuperseded,
        long governanceEventsAdded,
        long seatsAdded,
        long seatsSuperseded,
        Totals totals,
        List<RepositoryRead> repositories,
        Timings timings,
        List<String> warnings) {

    public CollectionStats {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        totals = totals == null ? new Totals(0, 0, 0, 0, 0) : totals;
        timings = timings == null ? new Timings(0, 0, 0, 0, 0, 0, 0) : timings;
    }

    /**
     * The project's current contributions from the source, and the identities and contributors behind
     * them, after the run.
     */
    public record Totals(long commitContributions, long mergeContributions, long identities, long contributors,
                         long botIdentities) {
    }

    /**
     * One repository of the run.
     *
     * @param url             as collected
     * @param branch          the ref read, e.g. {@code refs/heads/main}; null when the read failed before
     * @param since           the tip of the previous run, null for a full read
     * @param tip             the tip read, which the next run starts from
     * @param commitsRead     commits read
     * @param historyComplete false for a shallow clone
     */
    public record RepositoryRead(String url, String branch, String since, String tip, long commitsRead,
                                 boolean historyComplete) {
    }

    /**
     * Milliseconds spent opening (clone or fetch), counting, reading and writing commits
     * ({@code writeMillis}: the database writes, which run alongside the reading), following license
     * and governance history, and inferring affiliations.
     */
    public record Timings(long openMillis, long countMillis, long readMillis, long writeMillis, long historyMillis,
                          long affiliationMillis, long totalMillis) {
    }
}

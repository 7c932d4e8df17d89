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
 * @param platform                   what a {@code github} or {@code huggingface} collection read and recorded
 *                                   besides the counts above (all zero for {@code git})
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
        List<String> warnings,
        PlatformCounts platform) {

    public CollectionStats {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        totals = totals == null ? new Totals(0, 0, 0, 0, 0) : totals;
        timings = timings == null ? new Timings(0, 0, 0, 0, 0, 0, 0, 0) : timings;
        platform = platform == null ? PlatformCounts.NONE : platform;
    }

    /**
     * A platform collection's own counts: its HTTP use, and the records only a platform gives.
     *
     * @param requests                  HTTP requests made, retries included
     * @param notModified               requests answered {@code 304} (an ETag said nothing changed)
     * @param retries                   requests repeated after a 5xx or a failed connection
     * @param rateLimitWaitSeconds      seconds waited for a rate limit to reset
     * @param itemsRead                 issues and pull requests (GitHub) or models (Hugging Face) read
     * @param reviewContributionsAdded  {@code review} contributions recorded (a reviewer's approval of a pull request)
     * @param issueContributionsAdded   {@code issue} contributions recorded (an issue opened)
     * @param releaseContributionsAdded {@code release} contributions recorded (a release published)
     * @param orgAffiliationsAdded      {@code github-org} affiliation versions recorded
     * @param orgAffiliationsClosed     {@code github-org} affiliation periods ended (the membership is no longer public)
     * @param derivativesAdded          derivatives recorded, by relation
     * @param downloadCountsAdded       download counts recorded
     * @param models                    each Hugging Face model read
     */
    record PlatformCounts(long requests, long notModified, long retries, long rateLimitWaitSeconds, long itemsRead,
                                 long reviewContributionsAdded, long issueContributionsAdded,
                                 long releaseContributionsAdded, long orgAffiliationsAdded, long orgAffiliationsClosed,
                                 DerivativeCounts derivativesAdded, long downloadCountsAdded, List<ModelRead> models) {
        static final PlatformCounts NONE = new PlatformCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, null);

        public PlatformCounts {
            derivativesAdded = derivativesAdded == null ? new DerivativeCounts(0, 0, 0, 0) : derivativesAdded;
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /** Derivatives by relation, as the Hugging Face Hub tags them ({@code quantized} is stored as {@code quantization}). */
    record DerivativeCounts(long finetune, long adapter, long merge, long quantization) {
    }

    /**
     * A Hugging Face model as read: its card's metadata and counters.
     *
     * @param id                    the repository id, e.g. {@code meta-llama/Meta-Llama-3-8B}
     * @param author                the publishing namespace
     * @param publisherOrganisation the key of the organisation the namespace stands for, or null
     * @param license               the card's {@code license}, or null
     * @param licenseName           the card's {@code license_name} (for {@code license: other}), or null
     * @param licenseExpression     the catalog expression recorded for the weights, or null when none could be derived
     * @param baseModels            the card's {@code base_model} (empty for an original model)
     * @param baseModelRelation     how it derives from them ({@code finetune}, {@code adapter}, {@code merge},
     *                              {@code quantized}), or null
     * @param downloads             downloads over the last 30 days, as the Hub reports them
     * @param likes                 likes
     * @param gated                 {@code none}, {@code auto} or {@code manual} (access needs approval)
     */
    public record ModelRead(String id, String author, String publisherOrganisation, String license, String licenseName,
                            String licenseExpression, List<String> baseModels, String baseModelRelation, long downloads,
                            long likes, String gated) {
        public ModelRead {
            baseModels = baseModels == null ? List.of() : List.copyOf(baseModels);
        }
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
     * and governance history, inferring affiliations, and refreshing the attribution of what the run wrote
     * (once, at its end: V040).
     */
    record Timings(long openMillis, long countMillis, long readMillis, long writeMillis, long historyMillis,
                          long affiliationMillis, long attributionMillis, long totalMillis) {
    }
}

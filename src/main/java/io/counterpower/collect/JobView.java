package io.counterpower.collect;

import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it.
 *
 * @param id             the job id ({@code /api/v1/jobs/{id}})
 * @param kind           {@code collection}
 * @param project        the project's slug
 * @param source         what is collected: {@code git}, {@code github} or {@code huggingface}
 * @param state          queued, running, succeeded or failed
 * @param phase          where a running job is (opening, counting, reading, history, affiliations, done)
 * @param progress       commits done out of the total counted so far (items read, for a platform)
 * @param repositories   what the job reads
 * @param createdAt      when it was asked for
 * @param startedAt      when a worker claimed it
 * @param finishedAt     when it ended
 * @param heartbeatAt    the last sign of life of its worker
 * @param durationMillis from start to end (or to now while it runs)
 * @param error          why it failed, in words; null unless failed
 * @param warnings       what it could not do as asked
 * @param stats          counts and timings, all zero until the job has started
 */
record JobView(long id, String kind, String project, String source, String state, String phase,
                      Progress progress, List<RepositoryTarget> repositories, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Instant heartbeatAt, Long durationMillis, String error, List<String> warnings,
                      CollectionStats stats) {

    /** Commits done out of {@code total}; the total is null until the commits have been counted. */
    record Progress(long done, Long total) {
    }
}

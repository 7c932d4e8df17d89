/**
 * Collectors and the jobs that run them (METHODOLOGY.md section 2: facts with their source).
 *
 * <ul>
 * <li>{@link io.counterpower.collect.JobService} queues a collection ({@code POST
 * /api/v1/projects/{slug}/collections}, one per project at a time) and follows it
 * ({@code /api/v1/jobs}); {@link io.counterpower.collect.JobWorkers} is the bounded pool of an
 * instance that claims queued rows with {@code FOR UPDATE SKIP LOCKED}, heartbeats them, and fails
 * those whose heartbeat stopped.</li>
 * <li>A {@link io.counterpower.collect.Collector} per source does the work and reports through its
 * {@link io.counterpower.collect.CollectionRun}; the git one is in {@code collect.git}, the GitHub and
 * Hugging Face ones in {@code collect.github} and {@code collect.huggingface}, over what
 * {@code collect.platform} gives them.</li>
 * <li>{@link io.counterpower.collect.EmailDomainAffiliations} infers affiliations from email domains
 * after a collection, never from {@link io.counterpower.collect.PublicMailProviders}.</li>
 * </ul>
 *
 * <p>The rules are in docs/decisions.md, section "Git collection" (what is recorded), and
 * docs/engineering.md, "Collection jobs" (jobs, cursors, batches).
 */
package io.counterpower.collect;

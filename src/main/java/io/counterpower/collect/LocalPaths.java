package io.counterpower.collect;

import io.counterpower.collect.CollectionStats.RepositoryRead;

import java.util.List;

/**
 * Job reads are public, but where a curator's collection read a repository on the service's disk
 * is not: for anyone but a curator a local path becomes {@code …/<its last segment>}, which still
 * tells repositories apart and keeps the folder layout of the server to itself.
 */
final class LocalPaths {
    private LocalPaths() {
    }

    static JobView hidden(JobView v) {
        List<RepositoryTarget> repositories = v.repositories().stream()
                .map(t -> new RepositoryTarget(url(t.url()), t.branch(), t.role())).toList();
        CollectionStats s = v.stats();
        List<RepositoryRead> reads = s.repositories().stream()
                .map(r -> new RepositoryRead(url(r.url()), r.branch(), r.since(), r.tip(), r.commitsRead(), r.historyComplete()))
                .toList();
        List<String> warnings = s.warnings().stream().map(LocalPaths::text).toList();
        CollectionStats stats = new CollectionStats(s.commitsRead(), s.commitContributionsAdded(), s.mergeContributionsAdded(),
                s.identitiesAdded(), s.contributorsAdded(), s.affiliationsAdded(), s.affiliationsSuperseded(),
                s.licensePeriodsAdded(), s.licensePeriodsSuperseded(), s.governanceEventsAdded(), s.seatsAdded(),
                s.seatsSuperseded(), s.totals(), reads, s.timings(), warnings, s.platform());
        return new JobView(v.id(), v.kind(), v.project(), v.source(), v.state(), v.phase(), v.progress(), repositories,
                v.createdAt(), v.startedAt(), v.finishedAt(), v.heartbeatAt(), v.durationMillis(), text(v.error()),
                warnings, stats);
    }

    /** A local repository location as {@code …/name}; an http(s) URL as it is. */
    static String url(String url) {
        return io.counterpower.common.text.LocalPathRedaction.url(url);
    }

    /** Every local path in a message as {@code …/name}. */
    static String text(String text) {
        return io.counterpower.common.text.LocalPathRedaction.text(text);
    }
}

package io.counterpower.collect.git;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a batch of commits as contributions (METHODOLOGY.md section 2): one statement per batch,
 * its rows passed as arrays, {@code ON CONFLICT DO NOTHING} on the natural key
 * {@code (project, kind, reference, identity)}, so that a rerun, or the rerun after a crash,
 * never records a contribution twice.
 *
 * <p>A contribution counts at its author instant, with the author's zone offset; the committer
 * and the commit instant are kept (a web-UI merge shows GitHub as committer). It is source
 * {@code git}, confidence {@code verified}, and its source URL is the commit's page on github.com,
 * or the repository URL elsewhere.
 */
final class ContributionWriter {

    /** Contributions recorded by one batch. */
    record Written(long commits, long merges, long skipped) {
    }

    private final long projectId;
    private final RepositoryLocation location;
    private final LocalDate forkDate;
    private final IdentityResolver identities;

    /**
     * @param forkDate for a fork known only by its date: contributions before it belong to the
     *                 upstream and are skipped; null otherwise
     */
    ContributionWriter(long projectId, RepositoryLocation location, LocalDate forkDate, IdentityResolver identities) {
        this.projectId = projectId;
        this.location = location;
        this.forkDate = forkDate;
        this.identities = identities;
    }

    Written write(Connection c, List<CommitRecord> commits) throws SQLException {
        List<GitIdentity> seen = new ArrayList<>();
        for (CommitRecord commit : commits) {
            seen.add(commit.committer().identity());
            for (Contribution contribution : commit.contributions()) {
                seen.add(contribution.identity());
            }
        }
        identities.resolve(c, seen);

        int capacity = commits.size() + commits.size() / 8;
        List<Long> identityIds = new ArrayList<>(capacity);
        List<String> kinds = new ArrayList<>(capacity);
        List<Long> ats = new ArrayList<>(capacity);
        List<Integer> offsets = new ArrayList<>(capacity);
        List<String> references = new ArrayList<>(capacity);
        List<Long> committerIds = new ArrayList<>(capacity);
        List<Long> committedAts = new ArrayList<>(capacity);
        Set<String> unique = new HashSet<>();
        long skipped = 0;
        for (CommitRecord commit : commits) {
            Long committer = identities.idOf(IdentityResolver.keyOf(commit.committer().identity()));
            int offset = commit.author().zoneOffset().getTotalSeconds() / 60;
            for (Contribution contribution : commit.contributions()) {
                Long identity = identities.idOf(IdentityResolver.keyOf(contribution.identity()));
                boolean beforeFork = forkDate != null
                        && LocalDate.ofInstant(contribution.at(), ZoneOffset.UTC).isBefore(forkDate);
                if (identity == null || beforeFork) {
                    skipped++;
                    continue;
                }
                if (!unique.add(contribution.kind().code() + identity + contribution.commitSha())) {
                    continue;
                }
                identityIds.add(identity);
                kinds.add(contribution.kind().code());
                ats.add(contribution.at().getEpochSecond());
                offsets.add(offset);
                references.add(contribution.commitSha());
                committerIds.add(committer);
                committedAts.add(commit.committer().at().getEpochSecond());
            }
        }
        if (identityIds.isEmpty()) {
            return new Written(0, 0, skipped);
        }
        try (PreparedStatement s = c.prepareStatement("""
                with added as (
                    insert into contribution (project_id, identity_id, kind, at, at_offset_minutes, reference, repository_url,
                                              committer_identity_id, committed_at, source_kind, source_url, confidence)
                    select ?, t.identity_id, t.kind, to_timestamp(t.at_s), t.offset_m::smallint, t.reference, ?,
                           t.committer_id, to_timestamp(t.committed_s), 'git', coalesce(? || t.reference, ?), 'verified'
                    from unnest(?::bigint[], ?::text[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::bigint[])
                         as t(identity_id, kind, at_s, offset_m, reference, committer_id, committed_s)
                    on conflict (project_id, kind, reference, identity_id) where superseded_at is null do nothing
                    returning kind)
                select count(*) filter (where kind = 'commit'), count(*) filter (where kind = 'merge') from added""")) {
            s.setLong(1, projectId);
            s.setString(2, location.url());
            s.setString(3, location.webUrl() == null ? null : location.webUrl() + "/commit/");
            s.setString(4, location.url());
            s.setArray(5, c.createArrayOf("bigint", identityIds.toArray()));
            s.setArray(6, c.createArrayOf("text", kinds.toArray()));
            s.setArray(7, c.createArrayOf("bigint", ats.toArray()));
            s.setArray(8, c.createArrayOf("integer", offsets.toArray()));
            s.setArray(9, c.createArrayOf("text", references.toArray()));
            s.setArray(10, c.createArrayOf("bigint", committerIds.toArray()));
            s.setArray(11, c.createArrayOf("bigint", committedAts.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Written(r.getLong(1), r.getLong(2), skipped);
            }
        }
    }
}

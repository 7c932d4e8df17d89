package io.counterpower.collect.github;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One act of work GitHub reports (METHODOLOGY.md section 2, "contribution").
 *
 * @param kind       review, merge, issue or release
 * @param identityId the GitHub login identity of who did it
 * @param at         when: the approval, the merge, the opening, the publication
 * @param reference  the natural key with kind and identity: the merge commit sha for a merge (the git
 *                   collector's reference for the same merge, so that it counts once), the pull
 *                   request's page for an approval, the issue's page, the release's page
 * @param sourceUrl  where a person checks it
 */
record PlatformContribution(Kind kind, long identityId, Instant at, String reference, String sourceUrl) {

    enum Kind {
        REVIEW, MERGE, ISSUE, RELEASE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Writes contributions in one statement, {@code ON CONFLICT DO NOTHING} on the natural key, so that
     * a rerun records nothing twice. Returns how many of each kind were new.
     */
    static Map<Kind, Long> write(Connection c, long projectId, String repositoryUrl, List<PlatformContribution> rows)
            throws SQLException {
        Map<Kind, Long> added = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            added.put(kind, 0L);
        }
        if (rows.isEmpty()) {
            return added;
        }
        int n = rows.size();
        Long[] identities = new Long[n];
        String[] kinds = new String[n];
        Long[] ats = new Long[n];
        String[] references = new String[n];
        String[] sourceUrls = new String[n];
        for (int i = 0; i < n; i++) {
            PlatformContribution row = rows.get(i);
            identities[i] = row.identityId();
            kinds[i] = row.kind().code();
            ats[i] = row.at().getEpochSecond();
            references[i] = row.reference();
            sourceUrls[i] = row.sourceUrl();
        }
        try (PreparedStatement s = c.prepareStatement("""
                with added as (
                    insert into contribution (project_id, identity_id, kind, at, at_offset_minutes, reference, repository_url,
                                              source_kind, source_url, confidence)
                    select distinct on (t.kind, t.reference, t.identity_id)
                           ?, t.identity_id, t.kind, to_timestamp(t.at_s), 0, t.reference, ?, 'github', t.source_url, 'verified'
                    from unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                         as t(identity_id, kind, at_s, reference, source_url)
                    order by t.kind, t.reference, t.identity_id, t.at_s
                    on conflict (project_id, kind, reference, identity_id) where superseded_at is null do nothing
                    returning kind)
                select kind, count(*) from added group by kind""")) {
            s.setLong(1, projectId);
            s.setString(2, repositoryUrl);
            s.setArray(3, c.createArrayOf("bigint", identities));
            s.setArray(4, c.createArrayOf("text", kinds));
            s.setArray(5, c.createArrayOf("bigint", ats));
            s.setArray(6, c.createArrayOf("text", references));
            s.setArray(7, c.createArrayOf("text", sourceUrls));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    added.put(Kind.valueOf(r.getString(1).toUpperCase(Locale.ROOT)), r.getLong(2));
                }
            }
        }
        return added;
    }
}

package io.counterpower.collect.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where a platform collection stopped ({@code collection_cursor}), per project, source and key: a
 * repository's {@code since} instant, or the ETag of a request ({@code etag:<path>}). A cursor moves
 * only once what it covers is written, so a stop at any point resumes without a gap.
 */
public final class CollectionCursors {
    private final long projectId;
    private final String source;

    public CollectionCursors(long projectId, String source) {
        this.projectId = projectId;
        this.source = source;
    }

    /** The key of the ETag stored for a request path. */
    static String etagKey(String pathAndQuery) {
        return "etag:" + pathAndQuery;
    }

    public String get(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select position from collection_cursor where project_id = ? and source = ? and repository_url = ?")) {
            s.setLong(1, projectId);
            s.setString(2, source);
            s.setString(3, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** Sets a cursor; a null position removes it. */
    public void put(Connection c, String key, String position) throws SQLException {
        if (position == null) {
            try (PreparedStatement s = c.prepareStatement(
                    "delete from collection_cursor where project_id = ? and source = ? and repository_url = ?")) {
                s.setLong(1, projectId);
                s.setString(2, source);
                s.setString(3, key);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into collection_cursor (project_id, source, repository_url, position, updated_at)
                values (?, ?, ?, ?, now())
                on conflict (project_id, source, repository_url) do update set position = excluded.position, updated_at = now()""")) {
            s.setLong(1, projectId);
            s.setString(2, source);
            s.setString(3, key);
            s.setString(4, position);
            s.executeUpdate();
        }
    }
}

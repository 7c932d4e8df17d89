package io.counterpower.collect.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.collect.CollectionRun;
import io.counterpower.collect.CollectionStats;
import io.counterpower.common.audit.AuditLog;
import io.counterpower.common.audit.ChangeLog;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The database side the platform collectors share: each write in a transaction of its own, the
 * totals a job reports (the git collector's too), and the one audit row per collection.
 */
@ApplicationScoped
public class PlatformStore {
    static final int TRANSACTION_TIMEOUT_SECONDS = 600;

    @Inject
    EntityManager em;
    @Inject
    ChangeLog changes;
    @Inject
    ObjectMapper json;

    /** Runs SQL in a transaction of its own. */
    public <T> T inTransaction(ReturningWork<T> work) {
        return QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS)
                .call(() -> em.unwrap(Session.class).doReturningWork(work));
    }

    /** Runs SQL that changed the project's facts in a transaction of its own, and bumps the data versions. */
    public <T> T writing(long projectId, ReturningWork<T> work) {
        return inTransaction(c -> {
            T result = work.execute(c);
            changes.bump(ChangeLog.projectScope(projectId));
            changes.bump(ChangeLog.GLOBAL);
            return result;
        });
    }

    /** What the project holds from {@code source} after a run: its contributions and the people behind them. */
    public CollectionStats.Totals totals(long projectId, String source) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select count(*) filter (where c.kind = 'commit'), count(*) filter (where c.kind = 'merge'),
                           count(distinct c.identity_id), count(distinct l.contributor_id),
                           count(distinct c.identity_id) filter (where l.is_bot)
                    from contribution c
                    left join identity_link l on l.id = c.identity_id and l.superseded_at is null
                    where c.project_id = ? and c.source_kind = ? and c.superseded_at is null""")) {
                s.setLong(1, projectId);
                s.setString(2, source);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new CollectionStats.Totals(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5));
                }
            }
        });
    }

    /** Ends a platform run, however it ends: its HTTP use on the run, and its audit row. */
    public void finish(CollectionRun run, PlatformClient client, String source) {
        PlatformClient.Usage usage = client.usage();
        run.httpUsage(usage.requests(), usage.notModified(), usage.retries(), usage.rateLimitWaitSeconds());
        audit(run, source);
    }

    /** One audit row per collection: what it recorded is counted there, not audited fact by fact. */
    void audit(CollectionRun run, String source) {
        try {
            inTransaction(c -> {
                try {
                    auditCollection(c, run, source, json.writeValueAsString(run.snapshot()));
                } catch (JsonProcessingException e) {
                    throw new SQLException("Cannot serialise collection stats", e);
                }
                if (run.factsRecorded() > 0) {   // a rerun that recorded nothing leaves the data version
                    changes.bump(ChangeLog.projectScope(run.projectId()));
                }
                return null;
            });
        } catch (RuntimeException e) {
            Log.warnf("Job %d: the audit row could not be written: %s", run.jobId(), e.getMessage());
        }
    }

    /** The one audit row of a collection, the git collector's too: the key that asked for it, and what it recorded. */
    public static void auditCollection(Connection c, CollectionRun run, String source, String statsJson) throws SQLException {
        Long requestedBy;
        try (PreparedStatement s = c.prepareStatement("select created_by from job where id = ?")) {
            s.setLong(1, run.jobId());
            try (ResultSet r = s.executeQuery()) {
                requestedBy = r.next() ? r.getObject(1, Long.class) : null;
            }
        }
        AuditLog.append(c, new AuditLog.Entry(requestedBy, "system:" + source + "-collector", "collect", "project",
                run.projectSlug(), null, statsJson, "collection job " + run.jobId()));
    }

    /** Reads with an ETag: sends the one stored for {@code path} and returns the answer. */
    public PlatformResponse conditionalGet(PlatformClient client, CollectionCursors cursors, String path)
            throws io.counterpower.collect.CollectionFailure {
        String etag = inTransaction(c -> cursors.get(c, CollectionCursors.etagKey(path)));
        return client.get(path, etag);
    }

    /** Stores the ETag of {@code path}'s answer once what it said is written. */
    public void rememberEtag(CollectionCursors cursors, String path, PlatformResponse response) {
        if (response != null && !response.notModified() && response.etag() != null) {
            inTransaction(c -> {
                cursors.put(c, CollectionCursors.etagKey(path), response.etag());
                return null;
            });
        }
    }
}

package io.counterpower.common.version;

import io.counterpower.common.db.Rows;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Reads the data versions that {@link io.counterpower.common.audit.ChangeLog} increases. */
@ApplicationScoped
public class DataVersions {
    public record Version(long version, java.time.Instant changedAt) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataSource dataSource;
    @Inject
    jakarta.enterprise.inject.Instance<io.counterpower.common.db.ReadRoute> route;

    /**
     * How long {@link #current()} may serve a version it read: writes of this instance end it at
     * once (every transaction's end does), so the delay only applies to writes of other instances.
     */
    @Inject
    DataVersionConfig config;

    private record Cached(Version version, long readAtNanos) {
    }

    private volatile Cached cached;
    private ScheduledExecutorService refresher;
    /** Increased by every transaction's end, so that a read that raced a commit is not kept. */
    private final AtomicLong generation = new AtomicLong();

    /**
     * The version the current request's answer is computed from, for its validators, its
     * {@code Counterpower-Data-Version} and the keys of held answers: the read replica's replayed
     * version when the request was routed there, else {@link #current()}. Never newer than the data
     * that answers, so a held answer or a client's tag never claims data it lacks.
     */
    public Version served() {
        if (io.quarkus.arc.Arc.container().requestContext().isActive()) {
            io.counterpower.common.db.ReadRoute r = route.get();
            if (r.onReplica()) {
                return new Version(r.replicaVersion(), r.replicaChangedAt());
            }
        }
        return current();
    }

    /** The newest version over all scopes: it changes whenever any fact changes. */
    public Version latest() {
        Object[] row = (Object[]) em.createNativeQuery(
                        "select version, changed_at from data_version order by version desc limit 1")
                .getSingleResult();
        return new Version(((Number) row[0]).longValue(), Rows.instant(row[1]));
    }

    /**
     * {@link #latest()} for every response's headers and validators, without a query per request:
     * a value read less than {@code counterpower.data-version.max-age} ago, and never one older than
     * the last transaction this instance ended.
     */
    public Version current() {
        Cached c = cached;
        if (c != null && System.nanoTime() - c.readAtNanos() < config.maxAge().toNanos()) {
            return c.version();
        }
        return read();
    }

    private Version read() {
        long before = generation.get();
        Version v = readLatest();
        if (generation.get() == before) {
            cached = new Cached(v, System.nanoTime());
        }
        return v;
    }

    /**
     * Reads the version again every half {@code max-age}, so that the held one rarely expires: when
     * it does, every reader at that moment reads it itself, and the I/O thread's held answers
     * ({@link WarmReads}) go to worker threads meanwhile, which showed as a tail in bench/api-reads.
     * A failed read (the database away) is left to the readers, who report it.
     */
    void start(@Observes StartupEvent event) {
        long period = Math.max(50, config.maxAge().toMillis() / 2);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "data-version");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                read();
            } catch (RuntimeException e) {
                Log.debugf("The data version could not be read in the background: %s", e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /**
     * The version {@link #current()} would serve without a query, or null when it would have to read
     * it: for the I/O thread, which must not wait for the database ({@link WarmReads}).
     */
    Version held() {
        Cached c = cached;
        return c != null && System.nanoTime() - c.readAtNanos() < config.maxAge().toNanos() ? c.version() : null;
    }

    /** {@link #latest()} on a connection of its own: no transaction, so no transaction event either. */
    private Version readLatest() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select version, changed_at from data_version order by version desc limit 1");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return new Version(rs.getLong(1), rs.getTimestamp(2).toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the data version", e);
        }
    }

    /** A transaction of this instance ended (committed or not): the next {@link #current()} reads again. */
    void onTransactionEnd(@Observes @Destroyed(TransactionScoped.class) Object event) {
        generation.incrementAndGet();
        cached = null;
    }

    /** The version that covers a project's figures: its own facts and the shared ones. */
    public Version forProject(long projectId) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select version, changed_at from data_version where scope in ('global', ?1)
                        order by version desc limit 1""")
                .setParameter(1, "project:" + projectId)
                .getSingleResult();
        return new Version(((Number) row[0]).longValue(), Rows.instant(row[1]));
    }

    /**
     * The newest version over every scope as recorded on {@code asOf} (V033's history): what a
     * response pinned to that moment reports. Null when the moment precedes the history, which
     * starts with the upgrade that introduced it: unknown, never a newer version.
     */
    public Long at(java.time.Instant asOf) {
        Object v = em.createNativeQuery("select data_version_at(cast(?1 as timestamptz))")
                .setParameter(1, asOf.atOffset(java.time.ZoneOffset.UTC)).getSingleResult();
        return v == null ? null : ((Number) v).longValue();
    }

    /** {@link #forProject(long)} as recorded on {@code asOf}; null when the moment precedes the history. */
    public Long forProject(long projectId, java.time.Instant asOf) {
        Object v = em.createNativeQuery("select data_version_at(cast(?1 as text[]), cast(?2 as timestamptz))")
                .setParameter(1, new String[]{"global", "project:" + projectId})
                .setParameter(2, asOf.atOffset(java.time.ZoneOffset.UTC)).getSingleResult();
        return v == null ? null : ((Number) v).longValue();
    }

    /** Every project's version ({@link #forProject}) in one query, by project id. */
    public Map<Long, Long> forAllProjects() {
        List<?> rows = em.createNativeQuery("""
                        select p.id, greatest(g.version, coalesce(d.version, 0)) from project p
                        cross join (select version from data_version where scope = 'global') g
                        left join data_version d on d.scope = 'project:' || p.id""")
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).collect(Collectors.toMap(
                r -> ((Number) r[0]).longValue(), r -> ((Number) r[1]).longValue()));
    }
}

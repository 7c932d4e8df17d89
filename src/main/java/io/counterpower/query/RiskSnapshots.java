package io.counterpower.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.db.Rows;
import io.counterpower.common.version.DataVersions;
import io.counterpower.indicator.Methodology;
import io.counterpower.indicator.Window;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stored risk ranking. Readers get the last complete snapshot from memory and never wait for
 * a computation; a snapshot whose data version is older than the current one (or whose day has
 * passed) is refreshed by one background thread, which recomputes only the projects whose own
 * data version moved (a write to shared facts moves them all) and copies the others. A complete
 * snapshot is written in one transaction, then replaces the one in memory; the table lets a
 * restarted instance, or another instance, start from it.
 */
@ApplicationScoped
class RiskSnapshots {
    /** A complete snapshot, as held in memory. */
    record Snapshot(long id, int methodologyVersion, LocalDate at, long dataVersion, Instant recordedOn,
                    Instant generatedAt, int recomputed, List<RiskRows.Computed> rows) {
    }

    /** The advisory lock key of the refresh (any constant unique among the service's advisory locks). */
    private static final long REFRESH_LOCK = 0x5249534BL; // "RISK"

    @Inject
    EntityManager em;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    RiskRows rows;
    @Inject
    DataVersions versions;
    @Inject
    Methodology methodology;
    @Inject
    ObjectMapper json;
    @Inject
    ProjectGauges gauges;
    @Inject
    RiskConfig config;

    private volatile Snapshot current;
    private volatile boolean loaded;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean refreshing;
    private ScheduledExecutorService worker;

    void start(@Observes StartupEvent event) {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "risk-snapshot");
            t.setDaemon(true);
            return t;
        });
        if (config.refreshOnStart()) {
            worker.scheduleWithFixedDelay(this::refreshIfStale, 0, config.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** The last complete snapshot (null before the first one); asks for a refresh when it is stale. */
    Snapshot current() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    adopt(QuarkusTransaction.requiringNew().call(() -> load(methodology.latest().number())));
                    loaded = true;
                }
            }
        }
        Snapshot s = current;
        if (s == null || stale(s)) {
            requestRefresh();
        }
        return s;
    }

    boolean stale(Snapshot s) {
        return stale(s, versions.current().version());
    }

    private boolean stale(Snapshot s, long dataVersion) {
        return s.dataVersion() < dataVersion || !s.at().equals(today()) || s.methodologyVersion() != methodology.latest().number();
    }

    /**
     * {@link #current()} without a query, for the I/O thread: null until the stored snapshot was
     * loaded, and the data version is the one already held.
     */
    Snapshot held(DataVersions.Version version) {
        Snapshot s = loaded ? current : null;
        if (s != null && stale(s, version.version())) {
            requestRefresh();
        }
        return s;
    }

    boolean refreshing() {
        return refreshing || queued.get();
    }

    /** Queues a refresh unless one is already queued; never waits for it. */
    void requestRefresh() {
        if (worker != null && queued.compareAndSet(false, true)) {
            worker.execute(this::refreshIfStale);
        }
    }

    private void refreshIfStale() {
        queued.set(false);
        refreshing = true;
        try {
            ((RiskSnapshots) io.quarkus.arc.Arc.container().instance(RiskSnapshots.class).get()).refresh();
        } catch (RuntimeException e) {
            Log.errorf(e, "The risk ranking could not be refreshed; the last complete one is still served");
        } finally {
            refreshing = false;
        }
    }

    /** Computes a new snapshot when the current one is stale (or missing); the previous one is served meanwhile. */
    @ActivateRequestContext
    void refresh() {
        // Several instances share one database: one computes a snapshot while the others wait, then take the stored one.
        try (java.sql.Connection lock = dataSource.getConnection()) {
            try (var st = lock.createStatement()) {
                st.execute("select pg_advisory_lock(" + REFRESH_LOCK + ")");
            }
            try {
                refreshHoldingTheLock();
            } finally {
                try (var st = lock.createStatement()) {
                    st.execute("select pg_advisory_unlock(" + REFRESH_LOCK + ")");
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The risk ranking's refresh lock could not be taken", e);
        }
    }

    private void refreshHoldingTheLock() {
        Methodology.Version m = methodology.latest();
        long dataVersion = versions.latest().version();
        LocalDate day = today();
        // The newest stored snapshot, which another instance may have stored while this one waited for the lock.
        Snapshot held = current;
        Snapshot base = held != null && held.id() >= newestStoredId(m.number()) ? held
                : adopt(QuarkusTransaction.requiringNew().call(() -> load(m.number())));
        loaded = true;
        if (base != null && base.dataVersion() >= dataVersion && base.at().equals(day) && base.methodologyVersion() == m.number()) {
            return;
        }
        Instant recordedOn = Instant.now();
        long started = System.nanoTime();
        Map<Long, Long> projectVersions = versions.forAllProjects();
        Map<Long, RiskRows.Computed> reusable = new HashMap<>();
        if (base != null && base.at().equals(day) && base.methodologyVersion() == m.number()) {
            base.rows().forEach(r -> reusable.put(r.projectId(), r));
        }
        List<RiskRows.Computed> out = new ArrayList<>();
        int recomputed = 0;
        for (RiskRows.ProjectRef p : rows.projects(day, null)) {
            RiskRows.Computed previous = reusable.get(p.id());
            // The project's version covers its own facts and the shared ones: equal means nothing it rests on changed.
            // A version 2 row stored before the walk-away columns existed is computed again.
            if (previous != null && (previous.row().evidence() != null && previous.row().walkaway() != null || m.number() < 2)
                    && previous.dataVersion() == projectVersions.getOrDefault(p.id(), dataVersion)) {
                out.add(previous);
                continue;
            }
            try {
                out.add(rows.compute(p, day, null, Window.P12M, m));
                recomputed++;
            } catch (RuntimeException e) {
                // One project's failure does not hold back the ranking: its last row (if any) stays.
                Log.errorf(e, "Risk ranking: project %s could not be assessed", p.slug());
                if (previous != null) {
                    out.add(previous);
                }
            }
        }
        int computedCount = recomputed;
        Snapshot fresh = QuarkusTransaction.requiringNew().call(() -> store(m.number(), day, dataVersion, recordedOn, computedCount, out));
        adopt(fresh);
        Log.infof("Risk ranking refreshed: %d projects (%d recomputed) at data version %d in %d ms", out.size(), recomputed,
                dataVersion, (System.nanoTime() - started) / 1_000_000);
    }

    private Snapshot adopt(Snapshot s) {
        if (s != null && (current == null || s.id() > current.id())) {
            current = s;
            gauges.show(s);
        }
        return current;
    }

    private Snapshot store(int methodologyVersion, LocalDate day, long dataVersion, Instant recordedOn, int recomputed,
                           List<RiskRows.Computed> computed) {
        Object[] head = (Object[]) em.createNativeQuery("""
                        insert into risk_snapshot (methodology_version, at, data_version, recorded_on, project_count, recomputed)
                        values (?1, ?2, ?3, ?4, ?5, ?6) returning id, generated_at""")
                .setParameter(1, methodologyVersion).setParameter(2, day).setParameter(3, dataVersion)
                .setParameter(4, recordedOn).setParameter(5, computed.size()).setParameter(6, recomputed)
                .getSingleResult();
        long id = ((Number) head[0]).longValue();
        for (RiskRows.Computed c : computed) {
            em.createNativeQuery("""
                            insert into risk_snapshot_row (snapshot_id, project_id, data_version, row, figures)
                            values (?1, ?2, ?3, cast(?4 as jsonb), cast(?5 as jsonb))""")
                    .setParameter(1, id).setParameter(2, c.projectId()).setParameter(3, c.dataVersion())
                    .setParameter(4, write(c.row())).setParameter(5, write(c.figures()))
                    .executeUpdate();
        }
        // The previous snapshot stays (a reader of another instance may still be on it); older ones go.
        em.createNativeQuery("""
                        delete from risk_snapshot where methodology_version = ?1 and id < (
                            select min(id) from (select id from risk_snapshot where methodology_version = ?1
                                                 order by id desc limit 2) kept)""")
                .setParameter(1, methodologyVersion).executeUpdate();
        return new Snapshot(id, methodologyVersion, day, dataVersion, recordedOn, Rows.instant(head[1]), recomputed, List.copyOf(computed));
    }

    /** The newest complete snapshot of a methodology version in the table, or null. */
    private long newestStoredId(int methodologyVersion) {
        Object id = em.createNativeQuery("select max(id) from risk_snapshot where methodology_version = ?1")
                .setParameter(1, methodologyVersion).getSingleResult();
        return id == null ? 0 : ((Number) id).longValue();
    }

    private Snapshot load(int methodologyVersion) {
        List<?> heads = em.createNativeQuery("""
                        select id, at, data_version, recorded_on, generated_at, recomputed from risk_snapshot
                        where methodology_version = ?1 order by id desc limit 1""")
                .setParameter(1, methodologyVersion).getResultList();
        if (heads.isEmpty()) {
            return null;
        }
        Object[] h = (Object[]) heads.get(0);
        long id = ((Number) h[0]).longValue();
        List<RiskRows.Computed> out = new ArrayList<>();
        for (Object r : em.createNativeQuery("""
                        select project_id, data_version, cast(row as text), cast(figures as text) from risk_snapshot_row
                        where snapshot_id = ?1 order by project_id""")
                .setParameter(1, id).getResultList()) {
            Object[] row = (Object[]) r;
            out.add(new RiskRows.Computed(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                    read((String) row[2], new TypeReference<>() { }), read((String) row[3], new TypeReference<>() { })));
        }
        if (methodologyVersion >= 2 && out.stream().anyMatch(c -> c.row().evidence() == null)) {
            return null; // stored before rows showed their evidence: computed afresh rather than served without it
        }
        return new Snapshot(id, methodologyVersion, Rows.date(h[1]), ((Number) h[2]).longValue(), Rows.instant(h[3]),
                Rows.instant(h[4]), ((Number) h[5]).intValue(), List.copyOf(out));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a ranking row", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored ranking row", e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}

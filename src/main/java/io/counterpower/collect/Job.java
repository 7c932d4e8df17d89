package io.counterpower.collect;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/**
 * A unit of background work (a collection), claimed by one worker of any instance with
 * {@code FOR UPDATE SKIP LOCKED}. Workers change it with SQL ({@link JobService}); the entity is
 * what the API reads.
 */
@Entity
@Table(name = "job")
class Job extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String kind;

    @Column(name = "project_id")
    public Long projectId;

    @Column(nullable = false)
    public String source;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> params;

    /** queued | running | succeeded | failed */
    @Column(nullable = false)
    public String state;

    public String phase;

    @Column(name = "progress_done", nullable = false)
    public long progressDone;

    @Column(name = "progress_total")
    public Long progressTotal;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    public String worker;

    public String error;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> stats;

    @Column(name = "created_by")
    public Long createdBy;
}

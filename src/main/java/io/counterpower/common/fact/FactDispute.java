package io.counterpower.common.fact;

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
import java.util.List;
import java.util.Map;

/**
 * A change to a fact that a steward key asked for but may not make itself (an edit or close of a
 * fact it did not record, or a self-reported affiliation that another source contradicts): a
 * curator accepts it (the change is applied) or rejects it (nothing changes).
 */
@Entity
@Table(name = "fact_dispute")
public class FactDispute extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "fact_kind", nullable = false)
    public String factKind;

    @Column(name = "fact_id")
    public Long factId;

    /** edit | close | claim */
    @Column(nullable = false)
    public String action;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "proposal")
    public Map<String, Object> proposal;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "conflicts_with")
    public List<Long> conflictsWith;

    @Column(nullable = false)
    public String reason;

    /** open | accepted | rejected */
    @Column(nullable = false)
    public String state;

    @Column(name = "raised_by")
    public Long raisedBy;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "resolved_by")
    public Long resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolution_reason")
    public String resolutionReason;

    @Column(name = "resulting_fact_id")
    public Long resultingFactId;
}

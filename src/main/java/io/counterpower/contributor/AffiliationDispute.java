package io.counterpower.contributor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Someone says an affiliation is wrong; a curator upholds (and corrects) or rejects it. */
@Entity
@Table(name = "affiliation_dispute")
class AffiliationDispute extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The stable id of the disputed affiliation. */
    @Column(name = "affiliation_id", nullable = false)
    public Long affiliationId;

    @Column(nullable = false)
    public String reason;

    /** open | upheld | rejected */
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

    @Column(name = "resolution_note")
    public String resolutionNote;
}

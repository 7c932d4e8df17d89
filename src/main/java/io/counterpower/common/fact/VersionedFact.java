package io.counterpower.common.fact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;

/**
 * One recorded version of a fact. Facts are never overwritten: an edit closes this row
 * ({@link #supersededAt}) and records a new one with the same stable {@link #id}; a delete only
 * closes it. {@link #rowId} identifies the version and is the revision clients see as ETag.
 */
@MappedSuperclass
public abstract class VersionedFact extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "row_id")
    public Long rowId;

    @Column(name = "id", nullable = false)
    public Long id;

    @Column(name = "source_kind", nullable = false)
    public SourceKind sourceKind;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(name = "source_note")
    public String sourceNote;

    /** The sentence of the source that states the fact (issue #20 part 7); null for collected facts. */
    @Column(name = "source_quote")
    public String sourceQuote;

    @Column(name = "confidence", nullable = false)
    public Confidence confidence;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    @Column(name = "recorded_by")
    public Long recordedBy;

    @Column(name = "change_reason")
    public String changeReason;

    /** Copies the provenance of a write onto this new version. */
    public void provenance(FactWrite write) {
        this.sourceKind = write.source().kind();
        this.sourceUrl = write.source().url();
        this.sourceNote = write.source().note();
        this.sourceQuote = write.source().quote();
        this.confidence = write.source().confidence();
        this.recordedAt = write.at();
        this.recordedBy = write.keyId();
        this.changeReason = write.reason();
    }

    public boolean isCurrent() {
        return supersededAt == null;
    }
}

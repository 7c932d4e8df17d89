package io.counterpower.contributor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A merge of one contributor into another, with what it moved, so that it can be undone exactly. */
@Entity
@Table(name = "contributor_merge")
class ContributorMerge extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "into_contributor", nullable = false)
    public Long intoContributor;

    @Column(name = "from_contributor", nullable = false)
    public Long fromContributor;

    /** The identity_link versions (row ids) the merge superseded. */
    @Column(name = "moved_link_rows", nullable = false)
    public Long[] movedLinkRows;

    /** The affiliation versions (row ids) the merge superseded. */
    @Column(name = "moved_affiliation_rows", nullable = false)
    public Long[] movedAffiliationRows;

    /** The version of the merged-away contributor the merge closed. */
    @Column(name = "from_contributor_row")
    public Long fromContributorRow;

    @Column(name = "merged_at", nullable = false)
    public Instant mergedAt;

    @Column(name = "merged_by")
    public Long mergedBy;

    @Column(name = "unmerged_at")
    public Instant unmergedAt;

    @Column(name = "unmerged_by")
    public Long unmergedBy;

    public String reason;
}

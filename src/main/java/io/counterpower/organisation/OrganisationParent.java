package io.counterpower.organisation;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * A parent over a period: an acquisition starts a period and does not rewrite history, so
 * contributions before it roll up to the organisation as it was then.
 */
@Entity
@Table(name = "organisation_parent")
class OrganisationParent extends VersionedFact {
    @Column(name = "organisation_id", nullable = false)
    public Long organisationId;

    @Column(name = "parent_id", nullable = false)
    public Long parentId;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;
}

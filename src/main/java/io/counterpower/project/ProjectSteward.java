package io.counterpower.project;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** The organisation that stewards a project over a period (one at a time). */
@Entity
@Table(name = "project_steward")
class ProjectSteward extends VersionedFact {
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(name = "organisation_id", nullable = false)
    public Long organisationId;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    boolean covers(LocalDate day) {
        return (validFrom == null || !validFrom.isAfter(day)) && (validTo == null || !validTo.isBefore(day));
    }
}

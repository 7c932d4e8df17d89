package io.counterpower.adoption;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** An organisation that uses a project (METHODOLOGY.md section 2, adoption), since a day, month or year. */
@Entity
@Table(name = "adopter")
class Adopter extends VersionedFact {
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(name = "organisation_id", nullable = false)
    public Long organisationId;

    /** The first day of the interval its precision gives; null when the source does not date the adoption. */
    public LocalDate since;

    @Column(name = "date_precision", nullable = false)
    public String datePrecision;

    public String note;
}

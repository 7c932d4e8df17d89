package io.counterpower.contributor;

import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionedRows;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * An enrolment: a contributor with an organisation, or recorded as independent (no organisation),
 * over a period. The absence of any affiliation on a date means unknown, never independent.
 */
@Entity
@Table(name = "affiliation")
public class Affiliation extends VersionedFact {
    /** The versions the collectors write in batches (email-domain and GitHub organisation hints). */
    public static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("affiliation",
            VersionedRows.bigint("contributor_id"), VersionedRows.bigint("organisation_id"),
            VersionedRows.date("valid_from"), VersionedRows.date("valid_to"));

    @Column(name = "contributor_id", nullable = false)
    public Long contributorId;

    /** Null: the contributor is recorded as independent over the period. */
    @Column(name = "organisation_id")
    public Long organisationId;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    public String role;

    /** Derived by the database from the source kind: 1 manual ... 5 email-domain. */
    @Column(name = "source_tier", insertable = false, updatable = false)
    public Short sourceTier;
}

package io.counterpower.governance;

import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionedRows;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * A seat on a governing body over a period, held by a person (who counts for their affiliation on
 * the date) or by an organisation.
 */
@Entity
@Table(name = "governance_seat")
public class GovernanceSeat extends VersionedFact {
    /** The versions the git collector writes (CODEOWNERS, MAINTAINERS); the project comes from the body (V060). */
    public static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("governance_seat",
            VersionedRows.bigint("body_id"), VersionedRows.bigint("holder_contributor_id"), VersionedRows.text("role"),
            VersionedRows.date("valid_from"), VersionedRows.date("valid_to"), VersionedRows.text("evidence_ref"));

    /** The stable id of the {@link GovernanceBody}. */
    @Column(name = "body_id", nullable = false)
    public Long bodyId;

    @Column(name = "holder_contributor_id")
    public Long holderContributorId;

    @Column(name = "holder_organisation_id")
    public Long holderOrganisationId;

    @Column(nullable = false)
    public String role;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(name = "evidence_ref")
    public String evidenceRef;
}

package io.counterpower.governance;

import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionedRows;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * A dated governance event (METHODOLOGY.md section 2): a foundation transfer, a CLA, a trademark
 * move, a fork, a new steering body, a change to a governance document.
 */
@Entity
@Table(name = "governance_event")
public class GovernanceEvent extends VersionedFact {
    /** The versions the git collector writes (governance-document changes) through the batch writer. */
    public static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("governance_event",
            VersionedRows.bigint("project_id"), VersionedRows.text("kind"), VersionedRows.date("event_date"),
            VersionedRows.text("date_precision"), VersionedRows.text("note"), VersionedRows.text("evidence_ref"));

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(nullable = false)
    public String kind;

    /** The first day of the interval its precision gives. */
    @Column(name = "event_date", nullable = false)
    public LocalDate eventDate;

    @Column(name = "date_precision", nullable = false)
    public String datePrecision;

    @Column(name = "from_organisation_id")
    public Long fromOrganisationId;

    @Column(name = "to_organisation_id")
    public Long toOrganisationId;

    public String note;

    @Column(name = "evidence_ref")
    public String evidenceRef;
}

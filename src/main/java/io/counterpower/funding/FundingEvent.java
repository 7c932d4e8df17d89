package io.counterpower.funding;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Money or compute given to a project or an organisation (METHODOLOGY.md section 2). An amount's
 * scope says whether it is this funder's own amount or a whole round it led; a figure only the
 * press reported is kept apart and never summed.
 */
@Entity
@Table(name = "funding_event")
public class FundingEvent extends VersionedFact {
    @Column(name = "recipient_project_id")
    public Long recipientProjectId;

    @Column(name = "recipient_organisation_id")
    public Long recipientOrganisationId;

    @Column(name = "funder_organisation_id", nullable = false)
    public Long funderOrganisationId;

    @Column(nullable = false)
    public String type;

    public BigDecimal amount;

    public String currency;

    @Column(name = "amount_scope")
    public String amountScope;

    @Column(name = "reported_amount")
    public BigDecimal reportedAmount;

    @Column(name = "reported_currency")
    public String reportedCurrency;

    @Column(name = "event_date", nullable = false)
    public LocalDate eventDate;

    @Column(name = "date_precision", nullable = false)
    public String datePrecision;

    @Column(name = "period_from")
    public LocalDate periodFrom;

    @Column(name = "period_to")
    public LocalDate periodTo;

    public String note;
}

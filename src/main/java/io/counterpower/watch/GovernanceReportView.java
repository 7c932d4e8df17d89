package io.counterpower.watch;

import io.counterpower.common.fact.FactSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The governance report of an organisation: for each project it stewards, the common rules checked
 * at the end of each step from {@code from} to {@code to} (and the periods in which each held, failed
 * or could not be told), the seats active on {@code to} and the funders, each with its source.
 */
record GovernanceReportView(String organisation, String name, LocalDate from, LocalDate to, String step,
                                   int methodologyVersion, double minCoverage, Instant generatedAt, List<Rule> rules,
                                   List<ProjectReport> projects, List<Funding> organisationFunding) {

    /** A rule as the report checks it. */
    record Rule(String id, String description, String indicator, String op, double bound) {
    }

    record ProjectReport(String project, LocalDate stewardFrom, long dataVersion, List<RuleChecks> checks,
                                List<Overrepresentation> overrepresentation, List<Seat> seats, List<Funding> funding) {
    }

    /**
     * seat_overrepresentation at one point (METHODOLOGY.md version 2 section 7): the largest seat share of a body
     * minus the same organisation's share of known contributions over the 24 months before, with both named.
     */
    record Overrepresentation(LocalDate at, Double value, String organisation, String body, Double coverage, Long n) {
    }

    /** One rule over time: its status at each point, and the runs of equal status. */
    record RuleChecks(String rule, String current, List<Period> periods, List<Point> points) {
    }

    /** The rule had {@code status} at every check from {@code from} to {@code to}. */
    record Period(LocalDate from, LocalDate to, String status) {
    }

    record Point(LocalDate at, String status, Double value, Double coverage, Long n) {
    }

    record Seat(long id, long body, String bodyName, String bodyKind, Long holderContributor, String holderName,
                       String holderOrganisation, String role, LocalDate from, LocalDate to, FactSource source) {
    }

    record Funding(long id, String recipientProject, String funder, String type, String date, BigDecimal amount,
                          String currency, BigDecimal amountUsd, FactSource source) {
    }
}

package io.counterpower.watch;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import io.counterpower.contributor.ContributorService;
import io.counterpower.funding.FundingEvent;
import io.counterpower.funding.FundingEvents;
import io.counterpower.governance.GovernanceBodies;
import io.counterpower.governance.GovernanceBody;
import io.counterpower.governance.GovernanceSeat;
import io.counterpower.indicator.FigureQueries;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorService;
import io.counterpower.indicator.Methodology;
import io.counterpower.indicator.SeriesQuery;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import io.counterpower.project.StewardView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the governance report of an organisation from the indicator series and the recorded seats and funding. */
@ApplicationScoped
class GovernanceReport {
    /** Without {@code from}, the report covers the two years up to {@code to}. */
    static final int DEFAULT_MONTHS = 24;

    @Inject
    OrganisationService organisations;
    @Inject
    ProjectService projects;
    @Inject
    IndicatorService indicators;
    @Inject
    FigureQueries queries;
    @Inject
    GovernanceBodies bodies;
    @Inject
    FundingEvents fundingEvents;
    @Inject
    ContributorService contributors;

    /** The query string of {@code GET /api/v1/organisations/{key}/governance-report} as sent, but {@code format}. */
    record ReportParams(@RestQuery String from, @RestQuery String to, @RestQuery String step) {
    }

    /**
     * The report's series, parsed once: {@code from} defaults to {@value #DEFAULT_MONTHS} months before {@code to}
     * (today when none), {@code step} to a month; the latest methodology. Every fault is reported at once.
     */
    SeriesQuery query(ReportParams p) {
        return queries.series(new FigureQueries.SeriesParams(null, p.from(), p.to(), p.step(), null, null, null, null),
                Period.ofMonths(DEFAULT_MONTHS));
    }

    GovernanceReportView report(String key, SeriesQuery query) {
        long organisationId = organisations.currentId(key).orElseThrow(() -> ApiProblem.notFound("No organisation '" + key + "'"));
        String name = organisations.get(key, null).name();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = query.to();
        String stepName = query.step().name().toLowerCase(Locale.ROOT);
        Methodology.Version m = query.methodology();
        List<GovernanceReportView.ProjectReport> reports = new ArrayList<>();
        LocalDate firstDay = null;
        for (long projectId : projects.stewardedBy(organisationId, today)) {
            String slug = projects.slugOf(projectId);
            List<String> names = new ArrayList<>(GovernanceRule.indicators(m.number()));
            if (m.number() >= 2) {
                names.add(OVERREPRESENTATION);
            }
            IndicatorSeriesView series = indicators.series(slug, query.withNames(names));
            firstDay = series.from();
            List<GovernanceReportView.RuleChecks> checks = new ArrayList<>();
            for (GovernanceRule rule : GovernanceRule.of(m.number())) {
                IndicatorSeriesView.Series s = series.indicators().stream().filter(x -> x.name().equals(rule.indicator()))
                        .findFirst().orElseThrow();
                List<GovernanceReportView.Point> points = new ArrayList<>();
                for (IndicatorSeriesView.Point p : s.points()) {
                    GovernanceRule.Check c = rule.check(p.value(), p.coverage(), p.n(), p.detail(), m.minCoverage());
                    points.add(new GovernanceReportView.Point(p.at(), c.status(), c.value(), c.coverage(), c.n()));
                }
                checks.add(new GovernanceReportView.RuleChecks(rule.id(),
                        points.isEmpty() ? GovernanceRule.UNKNOWN : points.get(points.size() - 1).status(), periods(points), points));
            }
            // A steward period may have no first day (unknown): findFirst() on a stream of its null 'from' threw.
            LocalDate stewardFrom = projects.stewards(slug, null).stream()
                    .filter(st -> st.organisation().equals(key) && covers(st, today))
                    .findFirst().map(StewardView::from).orElse(null);
            reports.add(new GovernanceReportView.ProjectReport(slug, stewardFrom, series.dataVersion(), checks, overrepresentation(series),
                    seats(projectId, series.to()), funding(FundingEvent.list(
                    "recipientProjectId = ?1 and supersededAt is null and eventDate <= ?2 order by eventDate, id", projectId, series.to()))));
        }
        List<GovernanceReportView.Rule> rules = GovernanceRule.of(m.number()).stream()
                .map(r -> new GovernanceReportView.Rule(r.id(), r.description(), r.indicator(), r.op(), r.bound())).toList();
        return new GovernanceReportView(key, name, firstDay == null ? query.from() : firstDay, end,
                stepName, m.number(), m.minCoverage(), Instants.now(), rules, reports,
                funding(FundingEvent.list("recipientOrganisationId = ?1 and supersededAt is null and eventDate <= ?2 order by eventDate, id",
                        organisationId, end)));
    }

    static final String OVERREPRESENTATION = "seat_overrepresentation";

    /** seat_overrepresentation at each point, with the organisation and body it names (empty under methodology 1). */
    private static List<GovernanceReportView.Overrepresentation> overrepresentation(IndicatorSeriesView series) {
        return series.indicators().stream().filter(x -> x.name().equals(OVERREPRESENTATION)).findFirst()
                .map(s -> s.points().stream().map(p -> new GovernanceReportView.Overrepresentation(p.at(),
                        p.value() instanceof Number x ? x.doubleValue() : null,
                        p.detail() == null ? null : (String) p.detail().get("organisation"),
                        p.detail() == null ? null : (String) p.detail().get("body"), p.coverage(), p.n())).toList())
                .orElse(List.of());
    }

    /** Consecutive points of equal status as one period. */
    static List<GovernanceReportView.Period> periods(List<GovernanceReportView.Point> points) {
        List<GovernanceReportView.Period> out = new ArrayList<>();
        for (GovernanceReportView.Point p : points) {
            GovernanceReportView.Period last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.status().equals(p.status())) {
                out.set(out.size() - 1, new GovernanceReportView.Period(last.from(), p.at(), p.status()));
            } else {
                out.add(new GovernanceReportView.Period(p.at(), p.at(), p.status()));
            }
        }
        return out;
    }

    private static boolean covers(StewardView s, LocalDate day) {
        return (s.from() == null || !s.from().isAfter(day)) && (s.to() == null || !s.to().isBefore(day));
    }

    private List<GovernanceReportView.Seat> seats(long projectId, LocalDate day) {
        Map<Long, GovernanceBody> projectBodies = GovernanceBody.<GovernanceBody>list("projectId = ?1 and supersededAt is null", projectId)
                .stream().collect(Collectors.toMap(b -> b.id, b -> b));
        if (projectBodies.isEmpty()) {
            return List.of();
        }
        List<GovernanceReportView.Seat> out = new ArrayList<>();
        for (GovernanceSeat s : GovernanceSeat.<GovernanceSeat>list("bodyId in ?1 and supersededAt is null order by bodyId, id",
                List.copyOf(projectBodies.keySet()))) {
            if ((s.validFrom != null && s.validFrom.isAfter(day)) || (s.validTo != null && s.validTo.isBefore(day))) {
                continue;
            }
            GovernanceBody b = projectBodies.get(s.bodyId);
            out.add(new GovernanceReportView.Seat(s.id, s.bodyId, b.name, b.kind, s.holderContributorId,
                    s.holderContributorId == null ? null : holderName(s.holderContributorId),
                    s.holderOrganisationId == null ? null : organisations.keyOf(s.holderOrganisationId), s.role,
                    s.validFrom, s.validTo, FactSource.of(s)));
        }
        return out;
    }

    private String holderName(long contributorId) {
        try {
            return contributors.get(contributorId, null).displayName();
        } catch (ApiProblem closed) {
            return null;
        }
    }

    private List<GovernanceReportView.Funding> funding(List<FundingEvent> events) {
        return events.stream().map(fundingEvents::view).map(v -> new GovernanceReportView.Funding(v.id(), v.recipientProject(),
                v.funder(), v.type(), v.date(), v.amount(), v.currency(), v.amountUsd(), v.source())).toList();
    }
}

package io.counterpower.query;

import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import io.counterpower.indicator.IndicatorSeriesView;
import io.counterpower.indicator.IndicatorService;
import io.counterpower.indicator.IndicatorValue;
import io.counterpower.indicator.IndicatorsView;
import io.counterpower.indicator.Methodology;
import io.counterpower.project.ProjectService;
import io.counterpower.project.ProjectView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a fork beside its upstream (METHODOLOGY.md section 7, "Forks") from the same indicator series their own endpoints
 * give: the same dates, window and "as recorded on" instant on both sides, from the fork point (or the fork event) on.
 */
@ApplicationScoped
public class ForkService {
    /** The side-by-side indicators, and their titles in words. */
    static final List<String> NAMES = List.of("contributors_active", "org_count", "elephant_factor");
    static final List<String> TITLES = List.of("Active contributors", "Organisations contributing",
            "Organisations doing half of the known work (elephant factor)");
    static final String FORK_NAMES = "fork_response_days,fork_foundation_hosted,fork_carried_people";

    @Inject
    IndicatorService indicators;
    @Inject
    ProjectService projects;
    @Inject
    Methodology methodology;

    public ForkComparison compare(String slug, String from, String to, String step, String window, String asRecordedOn,
                                  String version, UriInfo uri) {
        Methodology.Version m = methodology.pinned(version, "methodology");
        if (m.number() < 2) {
            throw ApiProblem.badRequest("methodology", "forks are measured from methodology version 2 (METHODOLOGY.md section 7)");
        }
        Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
        ProjectView fork = projects.get(slug, asOf);
        if (fork.upstream() == null) {
            throw ApiProblem.notFound("Project '" + slug + "' is not recorded as a fork: it has no upstream");
        }
        ProjectView upstream = projects.get(fork.upstream(), asOf);
        IndicatorsView at = indicators.indicators(slug, FORK_NAMES, to, window, asRecordedOn, null, version);
        Map<String, Object> response = detail(at, "fork_response_days");
        LocalDate relicense = date(response.get("relicenseDate")), forked = date(response.get("forkDate"));
        LocalDate start = fork.forkPointDate() != null ? fork.forkPointDate() : forked;
        String first = from == null || from.isBlank() ? (start == null ? at.at().minusYears(3).toString() : start.toString()) : from;
        LocalDate firstDay = Instants.parseDate(first, "from");
        if (start != null && firstDay != null && firstDay.isBefore(start)) {
            throw ApiProblem.badRequest("from", "must not be before the fork point (" + start + "): the fork's own work starts there");
        }
        IndicatorSeriesView f = indicators.series(slug, String.join(",", NAMES), first, at.at().toString(), step, window, asRecordedOn,
                null, version);
        IndicatorSeriesView u = indicators.series(fork.upstream(), String.join(",", NAMES), first, at.at().toString(), step, window,
                asRecordedOn, null, version);
        List<ForkComparison.SideBySide> sides = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            sides.add(new ForkComparison.SideBySide(NAMES.get(i), TITLES.get(i), f.indicators().get(i).definition(),
                    f.indicators().get(i).points(), u.indicators().get(i).points()));
        }
        List<ForkComparison.Event> events = new ArrayList<>();
        if (relicense != null) {
            events.add(new ForkComparison.Event(relicense, "relicense", upstream.name() + " relicensed (restrictive)"));
        }
        if (fork.forkPointDate() != null) {
            String commit = fork.forkPointCommit() == null ? "" : " " + fork.forkPointCommit().substring(0, Math.min(8, fork.forkPointCommit().length()));
            events.add(new ForkComparison.Event(fork.forkPointDate(), "fork point", "fork point" + commit));
        }
        if (forked != null) {
            events.add(new ForkComparison.Event(forked, "fork", fork.name() + " announced"));
        }
        Instant generatedAt = Instant.now();
        Map<String, String> pins = new java.util.LinkedHashMap<>();
        pins.put("to", f.to().toString());
        pins.put("asRecordedOn", (f.asRecordedOn() == null ? generatedAt : f.asRecordedOn()).toString());
        pins.put("methodology", String.valueOf(m.number()));
        Provenance p = Provenance.of(uri, fork.name() + " beside " + upstream.name() + " since the fork", m.number(), f.dataVersion(),
                generatedAt, pins);
        return new ForkComparison(slug, fork.name(), fork.upstream(), upstream.name(), fork.forkPointCommit(), fork.forkPointDate(),
                events, at.indicators(), f.from(), f.to(), f.step(), f.window(), f.asRecordedOn(), m.number(), f.dataVersion(),
                u.dataVersion(), f.points(), sides, p.generatedAt(), p.query(), p.reproduce(), p.citation());
    }

    private static Map<String, Object> detail(IndicatorsView v, String name) {
        for (IndicatorValue x : v.indicators()) {
            if (x.name().equals(name) && x.detail() != null) {
                return x.detail();
            }
        }
        return Map.of();
    }

    private static LocalDate date(Object o) {
        return o == null ? null : LocalDate.parse(o.toString());
    }
}

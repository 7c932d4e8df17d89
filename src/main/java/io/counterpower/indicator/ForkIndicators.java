package io.counterpower.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fork indicators of METHODOLOGY.md section 7 (version 2), "Forks": {@code fork_response_days} (from the upstream's
 * restrictive relicense to the fork event), {@code fork_foundation_hosted} (the fork's steward at {@code at} is a
 * foundation) and {@code fork_carried_people} (the share of the upstream's top 20 contributors of the 24 months before
 * the fork point who commit to the fork in the 12 months after it), computed by the {@code fork} statement at every step.
 * A project that is not a fork has them null. A side that is not collected leaves fork_carried_people null with the flag
 * {@code not_collected}, never 0.
 */
@ApplicationScoped
class ForkIndicators implements IndicatorGroup {
    static final String STATEMENT = "fork";
    static final List<String> NAMES = List.of("fork_response_days", "fork_foundation_hosted", "fork_carried_people");

    @Inject
    EntityManager em;

    @Override
    public List<String> names() {
        return NAMES;
    }

    /** The group's values at each of {@code days}, in the same order (see {@link IndicatorGroup}); version 2 only. */
    List<Values> compute(FigureScope scope, List<LocalDate> days) {
        List<Values> out = new ArrayList<>();
        if (scope.methodology().number() < 2) {
            days.forEach(d -> out.add(new Values(scope.methodology())));
            return out;
        }
        List<SqlRow> rows = LateralStatement.rows(em, STATEMENT, scope, new Steps(days, scope.window()));
        for (int i = 0; i < days.size(); i++) {
            Values v = new Values(scope.methodology());
            put(rows.get(i), days.get(i), v);
            out.add(v);
        }
        return out;
    }

    static void put(SqlRow r, LocalDate day, Values out) {
        String upstream = r.text("upstream");
        LocalDate forkDate = date(r.get("fork_date")), relicenseDate = date(r.get("relicense_date")), forkPoint = date(r.get("fork_point_date"));
        Long days = forkDate == null || relicenseDate == null ? null : ChronoUnit.DAYS.between(relicenseDate, forkDate);
        String precision = r.text("relicense_precision");
        List<String> flags = precision != null && !precision.equals("day") ? List.of("date_uncertain") : List.of();
        out.put("fork_response_days", days, days == null ? 0.0 : 1.0, days == null ? 0 : 2, flags,
                Values.detail("upstream", upstream, "forkEvent", r.get("fork_event"), "forkDate", text(forkDate),
                        "relicensePeriod", r.get("relicense_period"), "relicenseDate", text(relicenseDate)));
        String stewardType = upstream == null ? null : r.text("steward_type");
        out.put("fork_foundation_hosted", stewardType == null ? null : "foundation".equals(stewardType), stewardType == null ? 0.0 : 1.0,
                stewardType == null ? 0 : 1, List.of(), Values.detail("upstream", upstream, "steward", r.get("steward"), "stewardType", stewardType));

        long top = r.count("upstream_top"), carried = r.count("carried"), upstreamCommits = r.count("upstream_commits"),
                forkCommits = r.count("fork_commits"), shared = r.count("shared_commits");
        LocalDate after = forkPoint == null ? null : forkPoint.plusMonths(12);
        LocalDate forkReach = date(r.get("fork_reach")), upstreamReach = date(r.get("upstream_reach"));
        Map<String, Object> detail = Values.detail("upstream", upstream, "forkPointCommit", r.get("fork_point_commit"),
                "forkPointDate", text(forkPoint), "before", forkPoint == null ? null : forkPoint.minusMonths(24) + ".." + forkPoint,
                "after", forkPoint == null ? null : forkPoint.plusDays(1) + ".." + after, "upstreamTop", top, "carried", carried,
                "upstreamCommits", upstreamCommits, "forkCommits", forkCommits, "sharedCommitsLeftOut", shared,
                "forkCollectedThrough", text(forkReach), "upstreamCollectedThrough", text(upstreamReach));
        List<String> carriedFlags = new ArrayList<>();
        String reason = null;
        if (upstream == null) {
            reason = "not a fork";
        } else if (forkPoint == null) {
            reason = "no fork point or fork event is recorded";
        } else if (upstreamCommits == 0 || forkCommits == 0) {
            reason = upstreamCommits == 0 ? "the upstream's commits are not collected" : "the fork's commits are not collected";
            carriedFlags.add(ContributionIndicators.NOT_COLLECTED);
        } else if (day.isBefore(after)) {
            reason = "the 12 months after the fork point end after at (" + after + ")";
        } else if (forkReach != null && forkReach.isBefore(after) || upstreamReach != null && upstreamReach.isBefore(forkPoint)) {
            // Collected through (section 3): a window past the collection is not collected, never a fork nobody joined.
            reason = forkReach != null && forkReach.isBefore(after)
                    ? "the fork's collection reaches " + forkReach + ", before the end of the 12 months after the fork point (" + after + ")"
                    : "the upstream's collection reaches " + upstreamReach + ", before the fork point";
            carriedFlags.add(ContributionIndicators.NOT_COLLECTED);
        } else if (top == 0) {
            reason = "no upstream commit in the 24 months before the fork point";
        }
        detail.put("reason", reason);
        out.put("fork_carried_people", reason == null ? Values.share(carried, top) : null, reason == null ? 1.0 : 0.0, top,
                carriedFlags, detail);
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}

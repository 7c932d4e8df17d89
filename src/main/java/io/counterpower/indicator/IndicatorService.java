package io.counterpower.indicator;

import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.version.DataVersions;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes the indicators a {@link FigureQuery} or {@link SeriesQuery} asks for (cached by data version) and names their versions. */
@ApplicationScoped
public class IndicatorService {
    @Inject
    ProjectService projects;
    @Inject
    DataVersions dataVersions;
    @Inject
    IndicatorCache cache;
    @Inject
    ContributionIndicators contribution;
    @Inject
    FactIndicators facts;
    @Inject
    GatekeeperIndicators gatekeeping;
    @Inject
    ForkIndicators forks;
    @Inject
    CompostIndicators compost;
    @Inject
    BodyIndicators bodies;
    @Inject
    EntityManager em;
    @Inject
    IndicatorsConfig config;

    /** A currently recorded project and the data version its figures are cached under. */
    record ProjectDataVersion(long id, long dataVersion) {
    }

    /**
     * The project's id and its data version ({@link DataVersions#forProject}) in one round trip: on a
     * cached read this lookup is most of the work. An unknown or closed project falls back to
     * {@link ProjectService#requireId}, which gives the 404.
     */
    ProjectDataVersion project(String slug) {
        List<?> rows = em.createNativeQuery("""
                        select p.id, (select max(d.version) from data_version d where d.scope in ('global', 'project:' || p.id))
                        from project p
                        where p.slug = ?1 and exists (select 1 from project_version v where v.id = p.id and v.superseded_at is null)""")
                .setParameter(1, slug).getResultList();
        if (rows.isEmpty()) {
            long id = projects.requireId(slug);
            return new ProjectDataVersion(id, dataVersions.forProject(id).version());
        }
        Object[] r = (Object[]) rows.get(0);
        return new ProjectDataVersion(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    private static final WalkawayResilience RESILIENCE = new WalkawayResilience();

    private List<IndicatorGroup> groups() {
        return List.of(contribution, facts, gatekeeping, forks, compost, bodies, RESILIENCE);
    }

    /**
     * A figure read resolved against the project.
     *
     * @param dataVersion     the project's current version: what cached figures are keyed by
     * @param reportedVersion the version the answer reports: the current one, or for a pinned request the
     *                        one in force at {@code asOf} (null when that moment precedes the version history)
     * @param names           the indicators asked for, every one the methodology version implements when none
     */
    record Request(long projectId, long dataVersion, Long reportedVersion, String slug, LocalDate at, Window window, Instant asOf,
                   List<String> kinds, Methodology.Version methodology, List<String> names) {
        FigureScope scope() {
            return new FigureScope(projectId, at, window, asOf, kinds, methodology);
        }
    }

    /** The query for the project {@code slug}: a 404 when it is not recorded (or was not on {@code asOf}). */
    Request request(String slug, FigureQuery q) {
        ProjectDataVersion project = project(slug);
        requireRecorded(project.id(), slug, q.asOf());
        return new Request(project.id(), project.dataVersion(), reported(project, q.asOf()), slug, q.at(), q.window(), q.asOf(),
                q.kinds(), q.methodology(), q.names() == null ? implemented(q.methodology()) : q.names());
    }

    /** The data version a response reports: the current one, or the one in force at the moment it is pinned to. */
    private Long reported(ProjectDataVersion project, Instant asOf) {
        return asOf == null ? Long.valueOf(project.dataVersion()) : dataVersions.forProject(project.id(), asOf);
    }

    /**
     * A project not yet recorded at {@code asOf} has no figures "as recorded on" that moment: a 404, as its
     * record is (METHODOLOGY.md section 4, "Time"); the ranking leaves it out likewise.
     */
    void requireRecorded(long projectId, String slug, Instant asOf) {
        if (asOf == null) {
            return;
        }
        boolean recorded = !em.createNativeQuery("select 1 from project_version v where v.id = :project and " + Sql.visible("v"))
                .setParameter("project", projectId).setParameter("asof", asOf.atOffset(ZoneOffset.UTC)).getResultList().isEmpty();
        if (!recorded) {
            throw ApiProblem.notFound("Project '" + slug + "' was not recorded on " + asOf + " (asRecordedOn)");
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Indicators of the methodology version that this build computes, in the methodology's order. */
    public List<String> implemented(Methodology.Version m) {
        Set<String> computed = new LinkedHashSet<>();
        groups().forEach(g -> computed.addAll(g.names()));
        return m.indicatorIds().stream().filter(computed::contains).toList();
    }

    public IndicatorsView indicators(String slug, FigureQuery query) {
        Request r = request(slug, query);
        Map<String, IndicatorValue> values = compute(r.scope(), r.names(), r.dataVersion());
        List<IndicatorValue> list = r.names().stream().map(values::get).toList();
        return new IndicatorsView(slug, r.at(), r.window().name(), r.kinds(), r.asOf(), r.methodology().number(), r.reportedVersion(),
                list);
    }

    /** Every indicator of the groups that hold one of {@code names}, for one scope; cached per data version. */
    Map<String, IndicatorValue> compute(FigureScope scope, List<String> names, long dataVersion) {
        return compute(scope, List.of(scope.at()), names, dataVersion).get(0);
    }

    /**
     * Every indicator of the groups that hold one of {@code names}, at each of {@code days} (same
     * order); one statement per group part for all the days; cached per data version. The fact
     * group needs the contribution group's top organisation at each day, so it reuses that group's
     * (cached) result instead of computing the commit aggregates again. Only the groups asked for
     * run: the merges statement (gatekeeping) is as costly as the commits one.
     */
    List<Map<String, IndicatorValue>> compute(FigureScope scope, List<LocalDate> days, List<String> names, long dataVersion) {
        List<Map<String, IndicatorValue>> all = new ArrayList<>();
        days.forEach(d -> all.add(new LinkedHashMap<>()));
        // walkaway_resilience reads forkable (facts), walkaway_share (contribution) and walkaway_mergers (gatekeeping).
        boolean needResilience = names.contains(WalkawayResilience.NAME);
        boolean needGatekeeping = needResilience || gatekeeping.names().stream().anyMatch(names::contains);
        boolean needFacts = needResilience || facts.names().stream().anyMatch(names::contains);
        List<String> topOrgs = null;
        if (needFacts || needGatekeeping || contribution.names().stream().anyMatch(names::contains)) {
            List<Map<String, IndicatorValue>> contributions = cache.get(key(contribution, scope, days, dataVersion),
                    () -> contribution.compute(scope, days).stream().map(v -> Map.copyOf(v.values())).toList());
            putAll(all, contributions);
            topOrgs = contributions.stream().map(v -> (String) v.get("top_org").value()).toList();
            if (needFacts) {
                List<String> tops = topOrgs;
                putAll(all, cache.get(key(facts, scope, days, dataVersion),
                        () -> facts.compute(scope, days, tops).stream().map(v -> Map.copyOf(v.values())).toList()));
            }
        }
        if (needGatekeeping) {
            List<String> tops = topOrgs;
            putAll(all, cache.get(key(gatekeeping, scope, days, dataVersion),
                    () -> gatekeeping.compute(scope, days, tops).stream().map(v -> Map.copyOf(v.values())).toList()));
        }
        if (forks.names().stream().anyMatch(names::contains)) {
            putAll(all, cache.get(key(forks, scope, days, dataVersion),
                    () -> forks.compute(scope, days).stream().map(v -> Map.copyOf(v.values())).toList()));
        }
        if (needResilience && scope.methodology().indicatorIds().contains(WalkawayResilience.NAME)) {
            for (Map<String, IndicatorValue> step : all) {
                Values v = new Values(scope.methodology());
                WalkawayResilience.derive(scope.methodology(), step, v);
                step.putAll(v.values());
            }
        }
        // Section 7's compost heap and per-body seat checks (version 2): each its own statement, run only when asked for.
        if (compost.names().stream().anyMatch(names::contains)) {
            putAll(all, cache.get(key(compost, scope, days, dataVersion),
                    () -> compost.compute(scope, days).stream().map(v -> Map.copyOf(v.values())).toList()));
        }
        if (bodies.names().stream().anyMatch(names::contains)) {
            putAll(all, cache.get(key(bodies, scope, days, dataVersion),
                    () -> bodies.compute(scope, days).stream().map(v -> Map.copyOf(v.values())).toList()));
        }
        return all;
    }

    private static void putAll(List<Map<String, IndicatorValue>> into, List<Map<String, IndicatorValue>> part) {
        for (int i = 0; i < into.size(); i++) {
            into.get(i).putAll(part.get(i));
        }
    }

    private static List<Object> key(IndicatorGroup group, FigureScope scope, List<LocalDate> days, long dataVersion) {
        return List.of(group.getClass().getSimpleName(), scope.projectId(), dataVersion, scope.methodology().number(), days,
                scope.window(), String.valueOf(scope.asOf()), scope.kinds());
    }

    /** The series request: indicators at the end of each step from {@code from} to {@code to}. */
    public IndicatorSeriesView series(String slug, SeriesQuery q) {
        ProjectDataVersion project = project(slug);
        long projectId = project.id();
        Methodology.Version m = q.methodology();
        LocalDate start = q.from(), end = q.to();
        Step s = q.step();
        Window w = q.window();
        Instant asOf = q.asOf();
        List<String> kindList = q.kinds();
        List<String> nameList = q.names() == null ? implemented(m) : q.names();
        requireRecorded(projectId, slug, asOf);
        int maxPoints = config.seriesMaxPoints();
        List<LocalDate> days = s.ends(start, end, maxPoints);
        if (days == null) {
            throw ApiProblem.badRequest("to", "the series from " + start + " to " + end + " by " + s.name().toLowerCase()
                    + " has more than " + maxPoints + " points (counterpower.indicators.series-max-points): "
                    + "narrow from..to or use a longer step");
        }
        FigureScope scope = new FigureScope(projectId, end, w, asOf, kindList, m);
        long dataVersion = project.dataVersion();
        List<Map<String, IndicatorValue>> values = compute(scope, days, nameList, dataVersion);
        List<IndicatorSeriesView.Series> series = new ArrayList<>();
        for (String name : nameList) {
            List<IndicatorSeriesView.Point> points = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                IndicatorValue v = values.get(i).get(name);
                points.add(new IndicatorSeriesView.Point(days.get(i), v.value(), v.coverage(), v.n(), v.flags(), v.detail()));
            }
            series.add(new IndicatorSeriesView.Series(name, m.definition(name), points));
        }
        return new IndicatorSeriesView(slug, start, end, s.name().toLowerCase(), w.name(), kindList, asOf, m.number(),
                reported(project, asOf), days, series);
    }
}

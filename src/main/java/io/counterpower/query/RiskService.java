package io.counterpower.query;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import io.counterpower.common.version.DataVersions;
import io.counterpower.indicator.Methodology;
import io.counterpower.indicator.Window;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The risk ranking: the stored snapshot for the current state, or, when a request pins {@code at},
 * {@code window}, {@code asRecordedOn} or {@code methodology} (to reproduce a published ranking),
 * every project computed on demand. Either way the rows are filtered, ordered and paged here.
 */
@ApplicationScoped
class RiskService {
    static final Set<String> KINDS = Set.of("model", "library", "framework", "tool", "dataset");
    static final Set<String> ORIGINS = Set.of("corporate", "community", "academic", "foundation");
    /** Orderings that are not an indicator. */
    private static final Set<String> ATTRIBUTES = Set.of("capture_risk", "trend", "stage", "stage_confidence", "project", "name");

    /** The query string of {@code GET /api/v1/risk} as sent, one field per contract parameter but {@code format}. */
    record RiskParams(@RestQuery String sort, @RestQuery String kind, @RestQuery String stage, @RestQuery String steward,
                      @RestQuery String origin, @RestQuery String foundationHosted, @RestQuery String minCoverage,
                      @RestQuery String minEvidence, @RestQuery String at, @RestQuery String window,
                      @RestQuery String asRecordedOn, @RestQuery String methodology, @RestQuery String page,
                      @RestQuery String size) {
    }

    /** The parsed request. */
    record Query(PageRequest page, String sortField, boolean descending, String kind, String stage, String steward,
                 String origin, Boolean foundationHosted, Double minCoverage, Double minEvidence, LocalDate at, Window window, Instant asOf,
                 Methodology.Version methodology, boolean pinned) {
    }

    /** A ranking and where it came from. */
    record Result(RiskRanking ranking, RiskSnapshots.Snapshot snapshot) {
    }

    @Inject
    RiskSnapshots snapshots;
    @Inject
    RiskRows rows;
    @Inject
    Methodology methodology;
    @Inject
    DataVersions versions;

    /** Parses a ranking request once: every fault is reported at once. */
    Query parse(RiskParams p) {
        FieldErrors errors = new FieldErrors();
        PageRequest page = errors.collect(() -> PageRequest.parse(p.page(), p.size(), null, Map.of("rank", "rank"), "rank"));
        Methodology.Version m = errors.collect(() -> methodology.pinned(p.methodology(), "methodology"));
        String sort = p.sort() == null || p.sort().isBlank() ? "-capture_risk" : p.sort().trim();
        boolean descending = sort.startsWith("-");
        String field = descending || sort.startsWith("+") ? sort.substring(1) : sort;
        if (m != null && !ATTRIBUTES.contains(field) && !RiskRows.numeric(m, field)) {
            Set<String> valid = new TreeSet<>(ATTRIBUTES);
            m.indicatorIds().stream().filter(i -> RiskRows.numeric(m, i)).forEach(valid::add);
            errors.add("sort", "unknown sort field '" + field + "'; sortable fields are " + valid + " (prefix with - for descending)");
        }
        String kind = oneOf(p.kind(), "kind", KINDS, errors);
        String origin = oneOf(p.origin(), "origin", ORIGINS, errors);
        Set<String> stages = new java.util.HashSet<>(ProjectGauges.STAGES);
        stages.add("undetermined");
        String stage = oneOf(p.stage(), "stage", stages, errors);
        Boolean hosted = null;
        String h = p.foundationHosted();
        if (h != null && !h.isBlank()) {
            if (h.trim().equals("true") || h.trim().equals("false")) {
                hosted = Boolean.valueOf(h.trim());
            } else {
                errors.add("foundationHosted", "must be true or false");
            }
        }
        Double minCoverage = null;
        String c = p.minCoverage();
        if (c != null && !c.isBlank()) {
            try {
                minCoverage = Double.valueOf(c.trim());
                errors.check(minCoverage >= 0 && minCoverage <= 1, "minCoverage", "must be a number from 0 to 1");
            } catch (NumberFormatException e) {
                errors.add("minCoverage", "must be a number from 0 to 1");
            }
        }
        Double minEvidence = null;
        String e = p.minEvidence();
        if (e != null && !e.isBlank()) {
            try {
                minEvidence = Double.valueOf(e.trim());
                errors.check(minEvidence >= 0 && minEvidence <= 1, "minEvidence",
                        "must be a number from 0 to 1: the share of the methodology's signals present");
            } catch (NumberFormatException x) {
                errors.add("minEvidence", "must be a number from 0 to 1: the share of the methodology's signals present");
            }
        }
        if (minEvidence != null && m != null && m.number() < 2) {
            errors.add("minEvidence", "counts the signals per family, which methodology " + m.number() + " does not; use methodology 2");
        }
        LocalDate at = errors.collect(() -> Instants.parseDate(p.at(), "at"));
        if (at != null && at.isAfter(RiskSnapshots.today())) {
            errors.add("at", "must not be after today (" + RiskSnapshots.today() + "): indicators describe recorded facts");
        }
        Window window = errors.collect(() -> Window.parse(p.window(), "window"));
        Instant asOf = errors.collect(() -> Instants.parseInstantOrDate(p.asRecordedOn(), "asRecordedOn"));
        errors.throwIfAny();
        boolean pinned = at != null || asOf != null || (p.window() != null && !p.window().isBlank())
                || (p.methodology() != null && !p.methodology().isBlank());
        String steward = Texts.trimmedOrNull(p.steward());
        return new Query(page, field, descending, kind, stage, steward, origin, hosted, minCoverage, minEvidence,
                at == null ? RiskSnapshots.today() : at, window, asOf, m, pinned);
    }

    /**
     * The page asked for, from {@code stored} (the snapshot the caller tagged its answer with; null
     * when there is none yet) unless the query is pinned; {@code provenance} builds the citation
     * fields from the versions used.
     */
    Result ranking(Query q, RiskSnapshots.Snapshot stored, ProvenanceFactory provenance) {
        List<RiskRows.Computed> all;
        RiskSnapshots.Snapshot snapshot = null;
        Instant generatedAt;
        Instant recordedOn;
        Long dataVersion;
        if (q.pinned()) {
            generatedAt = Instant.now();
            recordedOn = q.asOf() == null ? generatedAt : q.asOf();
            dataVersion = q.asOf() == null ? versions.served().version() : versions.at(q.asOf());
            all = new ArrayList<>();
            for (RiskRows.ProjectRef p : rows.projects(q.at(), q.asOf())) {
                if (q.kind() == null || q.kind().equals(p.kind())) {
                    all.add(rows.compute(p, q.at(), q.asOf(), q.window(), q.methodology()));
                }
            }
        } else {
            snapshot = stored;
            if (snapshot == null) {
                throw new ApiProblem(503, "Service unavailable",
                        "The risk ranking is being computed for the first time; retry shortly", List.of(), Map.of("Retry-After", "5"));
            }
            all = snapshot.rows();
            generatedAt = snapshot.generatedAt();
            recordedOn = snapshot.recordedOn();
            dataVersion = snapshot.dataVersion();
        }
        Predicate<RiskRows.Computed> keep = c -> {
            RiskRow r = c.row();
            return (q.kind() == null || q.kind().equals(r.kind())) && (q.origin() == null || q.origin().equals(r.origin()))
                    && (q.stage() == null || q.stage().equals(r.stage())) && (q.steward() == null || q.steward().equals(r.steward()))
                    && (q.foundationHosted() == null || q.foundationHosted().equals(r.foundationHosted()))
                    && (q.minCoverage() == null || ranked(c, q.sortField()).coverage() >= q.minCoverage())
                    && (q.minEvidence() == null || (r.evidence() != null && r.evidence().share() >= q.minEvidence() - 1e-12));
        };
        List<RiskRows.Computed> kept = all.stream().filter(keep).sorted(order(q)).toList();
        int from = Math.min(q.page().offset(), kept.size());
        int to = Math.min(from + q.page().size(), kept.size());
        List<RiskRow> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(kept.get(i).row().ranked(i + 1, ranked(kept.get(i), q.sortField())));
        }
        Provenance prov = provenance.create(q.methodology().number(), dataVersion, generatedAt,
                Provenance.pins(q.at(), recordedOn, q.methodology().number()));
        RiskRanking.SnapshotInfo info = snapshot == null ? null : new RiskRanking.SnapshotInfo(snapshot.id(),
                snapshot.dataVersion(), snapshot.recordedOn(), snapshot.generatedAt(), snapshots.stale(snapshot), snapshot.recomputed());
        RiskRanking ranking = new RiskRanking(items, q.page().page(), q.page().size(), kept.size(),
                (q.descending() ? "-" : "") + q.sortField(), q.at(), q.window().name(), q.asOf(), q.methodology().number(), dataVersion,
                generatedAt, prov.query(), prov.reproduce(), prov.citation(), info);
        return new Result(ranking, snapshot);
    }

    /** Builds the provenance of a ranking once its versions are known. */
    interface ProvenanceFactory {
        Provenance create(int methodologyVersion, Long dataVersion, Instant generatedAt, Map<String, String> pins);
    }

    /** The figure a row is ranked by: the indicator asked for, else capture_risk. */
    private static RiskRow.RankedFigure ranked(RiskRows.Computed c, String field) {
        String name = c.figures().containsKey(field) || !ATTRIBUTES.contains(field) ? field : "capture_risk";
        Figure f = c.figures().get(name);
        return f == null ? new RiskRow.RankedFigure(name, null, 0, 0) : new RiskRow.RankedFigure(name, f.value(), f.coverage(), f.n());
    }

    /** Orders by the field asked for, unknown values last whatever the direction, then by project. */
    private static Comparator<RiskRows.Computed> order(Query q) {
        Function<RiskRows.Computed, Comparable<?>> key = switch (q.sortField()) {
            case "trend" -> c -> c.row().trend();
            case "stage" -> c -> c.row().stage() == null ? null : ProjectGauges.STAGES.indexOf(c.row().stage());
            case "stage_confidence" -> c -> c.row().stageConfidence();
            case "project" -> c -> c.row().project();
            case "name" -> c -> c.row().name().toLowerCase(Locale.ROOT);
            default -> c -> ranked(c, q.sortField()).value() instanceof Number n ? n.doubleValue() : null;
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Comparable> natural = q.descending() ? Comparator.<Comparable>naturalOrder().reversed() : Comparator.naturalOrder();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<RiskRows.Computed> byKey = Comparator.comparing(c -> (Comparable) key.apply(c), Comparator.nullsLast(natural));
        return byKey.thenComparing(c -> c.row().project());
    }

    private static String oneOf(String value, String field, Set<String> allowed, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value.trim())) {
            errors.add(field, "must be one of " + new TreeSet<>(allowed));
            return null;
        }
        return value.trim();
    }
}

package io.counterpower.adoption;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Download counts as a kind of fact: one figure per project, platform and period (first and last
 * day, both included). The project's stewards on the last day of the period may write it.
 */
@ApplicationScoped
class DownloadCounts extends DescribedFactKind<DownloadCount, DownloadCounts.Input, DownloadCounts.View> {
    static final int MAX_PLATFORM = 40;
    /**
     * Larger than any figure a platform has published (the most downloaded PyPI packages count tens of
     * billions over their whole life): a value above it is a typing or unit error, not a count.
     */
    static final long MAX_DOWNLOADS = 1_000_000_000_000L;

    /**
     * A download count to record. {@code downloads} is read as a decimal so that a fraction is refused
     * instead of being truncated silently.
     */
    record Input(@Size(max = 80) String project,
                        @Size(max = MAX_PLATFORM) String platform,
                        @Size(max = 10) String periodFrom,
                        @Size(max = 10) String periodTo,
                        BigDecimal downloads,
                        @NotNull @Valid SourceInput source,
                        @Size(max = 2000) String reason) implements FactInput {
    }

    record View(long id, String project, String platform, LocalDate periodFrom, LocalDate periodTo, long downloads,
                       FactSource source, VersionInfo version) implements FactView {
    }

    @Inject
    ProjectService projects;

    DownloadCounts() {
        super("download-count", DownloadCount.class, Input.class, Map.of("periodFrom", "f.periodFrom", "periodTo", "f.periodTo", "platform", "f.platform",
                "downloads", "f.downloads", "recordedAt", "f.recordedAt", "id", "f.id"), "periodFrom");
    }

    @Override
    public DownloadCount build(Input in, FieldErrors errors) {
        DownloadCount c = new DownloadCount();
        c.projectId = projects.resolve(in.project(), "project", errors);
        c.platform = platform(in.platform());
        if (c.platform == null) {
            errors.add("platform", "is required: where the downloads were counted, e.g. huggingface or pypi");
        }
        BodyFields.maxLength(c.platform, MAX_PLATFORM, "platform", errors);
        c.periodFrom = BodyFields.parse(in.periodFrom(), "periodFrom", true, errors);
        c.periodTo = BodyFields.parse(in.periodTo(), "periodTo", true, errors);
        if (c.periodFrom != null && c.periodTo != null && c.periodTo.isBefore(c.periodFrom)) {
            errors.add("periodTo", "must be on or after periodFrom (" + c.periodFrom + ")");
        }
        BodyFields.notInFuture(c.periodTo, "periodTo", "downloads once the period is over", errors);
        c.downloads = downloads(in.downloads(), errors);
        return c;
    }

    @Override
    public View view(DownloadCount c) {
        return new View(c.id, projects.slugOf(c.projectId), c.platform, c.periodFrom, c.periodTo, c.downloads,
                FactSource.of(c), VersionInfo.of(c));
    }

    @Override
    public Input input(DownloadCount c) {
        return new Input(projects.slugOf(c.projectId), c.platform, c.periodFrom.toString(), c.periodTo.toString(),
                BigDecimal.valueOf(c.downloads), new SourceInput(c.sourceKind, c.sourceUrl, c.sourceNote, c.sourceQuote, c.confidence), null);
    }

    @Override
    public String dataScope(DownloadCount c) {
        return ChangeLog.projectScope(c.projectId);
    }

    @Override
    public List<String> stewards(DownloadCount c) {
        return c.projectId == null || c.periodTo == null ? List.of() : projects.stewardKeysOn(c.projectId, c.periodTo);
    }

    /** {@code from} and {@code to} keep the periods that lie wholly between them, so that a sum never counts part of a period. */
    /** The filters of a download count list, in the order their faults are reported. */
    record Filters(String project, String platform, LocalDate from, LocalDate to) {
        static Filters of(FactFilters p) {
            return new Filters(p.project(), DownloadCounts.platform(p.platform()), p.from(), p.to());
        }
    }

    @Override
    public FactFilter<DownloadCount> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> query.and("f.projectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.platform = :platform", "platform", f.platform())
                .and("f.periodFrom >= :from", "from", f.from())
                .and("f.periodTo <= :to", "to", f.to());
    }

    @Override
    public String naturalKey(DownloadCount c) {
        return c.projectId + "|" + c.platform + "|" + c.periodFrom + "|" + c.periodTo;
    }

    @Override
    public void checkUnique(DownloadCount c, Long self) {
        List<DownloadCount> same = DownloadCount.list("projectId = ?1 and platform = ?2 and periodFrom = ?3 and periodTo = ?4"
                + " and supersededAt is null", c.projectId, c.platform, c.periodFrom, c.periodTo);
        for (DownloadCount other : same) {
            if (!other.id.equals(self)) {
                throw ApiProblem.conflict("download count " + other.id + " already records the " + c.platform + " downloads of '"
                        + projects.slugOf(c.projectId) + "' from " + c.periodFrom + " to " + c.periodTo
                        + "; edit that record (PUT " + DownloadCountResource.PATH + "/" + other.id + ") instead");
            }
        }
    }

    /** Platforms are compared without regard to case ("PyPI" and "pypi" are one platform). */
    private static String platform(String text) {
        String value = Texts.trimmedOrNull(text);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static Long downloads(BigDecimal value, FieldErrors errors) {
        if (value == null) {
            errors.add("downloads", "is required: the number of downloads counted over the period");
            return null;
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            errors.add("downloads", "must be a whole number");
            return null;
        }
        if (value.signum() < 0) {
            errors.add("downloads", "must be 0 or more");
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(MAX_DOWNLOADS)) > 0) {
            errors.add("downloads", "is implausibly large (more than " + MAX_DOWNLOADS + "); check the figure and its unit");
            return null;
        }
        return value.longValueExact();
    }
}

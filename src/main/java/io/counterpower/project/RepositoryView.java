package io.counterpower.project;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.time.LocalDate;

/**
 * A repository of a project. {@code collectedThrough}: the date of the newest commit its collection read,
 * as recorded on the view's instant; null when it was never collected (METHODOLOGY.md version 2 section 3).
 */
public record RepositoryView(long id,
                             @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.counterpower.common.fact.LocalPathSerializer.class) String url,
                             String branch, Artifact role, FactSource source, VersionInfo version, LocalDate collectedThrough) {
    static RepositoryView from(ProjectRepository r) {
        return from(r, null);
    }

    static RepositoryView from(ProjectRepository r, LocalDate collectedThrough) {
        return new RepositoryView(r.id, r.url, r.branch, r.role, FactSource.of(r), VersionInfo.of(r), collectedThrough);
    }
}

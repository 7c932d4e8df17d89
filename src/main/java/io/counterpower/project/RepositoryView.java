package io.counterpower.project;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

/** A repository of a project. */
public record RepositoryView(long id,
                             @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.counterpower.common.fact.LocalPathSerializer.class) String url, String branch, Artifact role, FactSource source, VersionInfo version) {
    static RepositoryView from(ProjectRepository r) {
        return new RepositoryView(r.id, r.url, r.branch, r.role, FactSource.of(r), VersionInfo.of(r));
    }
}

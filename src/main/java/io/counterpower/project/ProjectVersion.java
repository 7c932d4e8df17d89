package io.counterpower.project;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** One recorded version of a project's description, kind, origin and fork relation. */
@Entity
@Table(name = "project_version")
class ProjectVersion extends VersionedFact {
    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public ProjectKind kind;

    @Column(nullable = false)
    public ProjectOrigin origin;

    public String description;

    public String homepage;

    /** For a fork: the project it was forked from; work before the fork point belongs there. */
    @Column(name = "upstream_project_id")
    public Long upstreamProjectId;

    @Column(name = "fork_point_commit")
    public String forkPointCommit;

    @Column(name = "fork_point_date")
    public LocalDate forkPointDate;
}

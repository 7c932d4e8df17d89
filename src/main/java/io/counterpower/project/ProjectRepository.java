package io.counterpower.project;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A repository of a project (a project such as Llama spans several), and which artifact it holds. */
@Entity
@Table(name = "project_repository")
class ProjectRepository extends VersionedFact {
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(nullable = false)
    public String url;

    /** Null: the repository's default branch. */
    public String branch;

    @Column(nullable = false)
    public Artifact role;
}

package io.counterpower.governance;

import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionedRows;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A governing body of a project: its board, steering or technical committee, maintainers, security team. */
@Entity
@Table(name = "governance_body")
public class GovernanceBody extends VersionedFact {
    /** The versions the git collector writes (the bodies its maintainer files name) through the batch writer. */
    public static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("governance_body",
            VersionedRows.bigint("project_id"), VersionedRows.text("kind"), VersionedRows.text("name"));

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;
}

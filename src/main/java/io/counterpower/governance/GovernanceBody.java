package io.counterpower.governance;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A governing body of a project: its board, steering or technical committee, maintainers, security team. */
@Entity
@Table(name = "governance_body")
public class GovernanceBody extends VersionedFact {
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;
}

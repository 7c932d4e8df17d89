package io.counterpower.openness;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** How open one component of a model is (METHODOLOGY.md section 6): open, partial, closed or unknown. */
@Entity
@Table(name = "openness_component")
class OpennessComponent extends VersionedFact {
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(nullable = false)
    public String component;

    @Column(nullable = false)
    public String status;

    public String note;

    /**
     * The external index whose rating this is ({@link OpennessComponents#RATERS}), imported with source kind
     * {@code import}; null for the service's own record of the component (METHODOLOGY.md section 6).
     */
    public String rater;
}

package io.counterpower.adoption;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * Something published on top of a project (METHODOLOGY.md section 2, adoption): a fine-tune, a
 * merge, a quantization, an adapter, a fork or a distillation, by a publisher, on a day.
 */
@Entity
@Table(name = "derivative")
class Derivative extends VersionedFact {
    /** The base project. */
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    /** The derivative itself when it is a recorded project. */
    @Column(name = "derived_project_id")
    public Long derivedProjectId;

    /** The derivative's name as published, e.g. a Hugging Face repository id. */
    @Column(name = "derived_name", nullable = false)
    public String derivedName;

    @Column(nullable = false)
    public String relation;

    @Column(name = "publisher_organisation_id")
    public Long publisherOrganisationId;

    /** The publisher's name as published (a user name, an organisation that is not recorded). */
    @Column(name = "publisher_name")
    public String publisherName;

    @Column(name = "published_at")
    public LocalDate publishedAt;

    /** The base as the derivative names it (e.g. the Hub id in its card's base_model), when known. */
    @Column(name = "base_name")
    public String baseName;

    /** The member of the base family it derives from (a license period's artifact name, e.g. llama-2), when known. */
    @Column(name = "base_artifact")
    public String baseArtifact;
}

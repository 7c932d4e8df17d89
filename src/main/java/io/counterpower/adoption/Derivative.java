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
public class Derivative extends VersionedFact {
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
}

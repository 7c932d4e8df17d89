package io.counterpower.adoption;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** How many times a project was downloaded from a platform over a period (METHODOLOGY.md section 2, adoption). */
@Entity
@Table(name = "download_count")
class DownloadCount extends VersionedFact {
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    /** Where the downloads were counted, in lower case: huggingface, pypi, npm… */
    @Column(nullable = false)
    public String platform;

    /** The first day of the period counted. */
    @Column(name = "period_from", nullable = false)
    public LocalDate periodFrom;

    /** The last day of the period counted (included). */
    @Column(name = "period_to", nullable = false)
    public LocalDate periodTo;

    @Column(nullable = false)
    public Long downloads;
}

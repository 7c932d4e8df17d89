package io.counterpower.license;

import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionedRows;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The terms of one artifact of a project (code, weights, data, docs) from a date until the next
 * period of the same artifact, as an SPDX expression stored as given. Its level is derived by the
 * catalog when it is recorded (and again when the catalog changes).
 */
@Entity
@Table(name = "license_period")
public class LicensePeriod extends VersionedFact {
    /** The versions the collectors write (git history, platform-reported licenses) through the batch writer. */
    public static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("license_period",
            VersionedRows.bigint("project_id"), VersionedRows.text("artifact"), VersionedRows.text("expression"),
            VersionedRows.date("valid_from"), VersionedRows.text("date_precision"), VersionedRows.text("change_kind"),
            VersionedRows.text("text_sha256"), VersionedRows.text("evidence_ref"), VersionedRows.text("note"),
            VersionedRows.smallint("level"), VersionedRows.smallint("level_lower"), VersionedRows.smallint("level_upper"),
            VersionedRows.text("catalog_version"), VersionedRows.jsonb("detail"));

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(nullable = false)
    public String artifact;

    /**
     * The artifact's name within its kind (METHODOLOGY.md section 2): {@code falcon-180b} for the weights of
     * Falcon-180B; empty for the single unnamed artifact of the kind (what a repository's license files give).
     */
    @Column(name = "artifact_name", nullable = false)
    public String artifactName = "";

    /** A curator's end of the artifact's currency: after this day it no longer counts in the family's reading. */
    @Column(name = "artifact_closed_on")
    public LocalDate artifactClosedOn;

    @Column(nullable = false)
    public String expression;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "date_precision", nullable = false)
    public String datePrecision;

    /** initial | relicense (the same artifact's terms changed) | new-release (a new version came out under its own terms). */
    @Column(name = "change_kind", nullable = false)
    public String changeKind;

    @Column(name = "release_label")
    public String releaseLabel;

    @Column(name = "text_sha256")
    public String textSha256;

    @Column(name = "evidence_ref")
    public String evidenceRef;

    public String note;

    public Short level;

    @Column(name = "level_lower")
    public Short levelLower;

    @Column(name = "level_upper")
    public Short levelUpper;

    @Column(name = "catalog_version")
    public String catalogVersion;

    /** The parameters read from a license text that has them (BUSL-1.1's licensor, change date, change license). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> detail;
}

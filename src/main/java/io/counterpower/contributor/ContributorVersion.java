package io.counterpower.contributor;

import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionedRows;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One recorded version of a contributor's display name and note. */
@Entity
@Table(name = "contributor_version")
public class ContributorVersion extends VersionedFact {
    /** The versions the collectors write in batches: a new contributor's display name. */
    public static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("contributor_version",
            VersionedRows.text("display_name"));

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String note;
}

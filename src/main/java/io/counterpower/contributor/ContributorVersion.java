package io.counterpower.contributor;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One recorded version of a contributor's display name and note. */
@Entity
@Table(name = "contributor_version")
public class ContributorVersion extends VersionedFact {
    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String note;
}

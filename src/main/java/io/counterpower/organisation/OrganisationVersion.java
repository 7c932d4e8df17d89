package io.counterpower.organisation;

import io.counterpower.common.fact.VersionedFact;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One recorded version of an organisation's names, type and email domains. */
@Entity
@Table(name = "organisation_version")
class OrganisationVersion extends VersionedFact {
    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public OrganisationType type;

    @Column(nullable = false)
    public String[] aliases;

    /** Lower-case email domains; affiliation inference matches them and their sub-domains. */
    @Column(nullable = false)
    public String[] domains;

    public String note;
}

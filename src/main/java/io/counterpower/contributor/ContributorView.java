package io.counterpower.contributor;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.util.List;

/** A contributor with the identities linked to them and their affiliations. */
public record ContributorView(long id, String displayName, String note, List<IdentityView> identities,
                              List<AffiliationView> affiliations, FactSource source, VersionInfo version) {
}

package io.counterpower.organisation;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.util.List;

/** An organisation as recorded (now, or as recorded on a past date), with its parent periods. */
public record OrganisationView(String key, String name, OrganisationType type, List<String> aliases,
                               List<String> domains, String note, List<ParentView> parents,
                               FactSource source, VersionInfo version) {
    static OrganisationView from(String key, OrganisationVersion v, List<ParentView> parents) {
        return new OrganisationView(key, v.name, v.type, List.of(v.aliases), List.of(v.domains), v.note, parents,
                FactSource.of(v), VersionInfo.of(v));
    }
}

package io.counterpower.contributor;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

/**
 * An identity and its current link. The full email is shown to curator keys only; everyone sees
 * its domain, which is what affiliation inference uses.
 */
record IdentityView(long id, Long contributor, String name, String email, String emailDomain, String platform,
                           String username, boolean bot, String botReason, FactSource source, VersionInfo version) {
}

package io.counterpower.contributor;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.time.LocalDate;

/**
 * An enrolment; {@code organisation} is null exactly when {@code independent} is true;
 * {@code disputed} while someone's dispute of it is open.
 */
record AffiliationView(long id, long contributor, String organisation, boolean independent, LocalDate from,
                              LocalDate to, String role, int tier, boolean disputed, FactSource source, VersionInfo version) {
}

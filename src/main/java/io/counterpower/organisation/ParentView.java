package io.counterpower.organisation;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.time.LocalDate;

/** One parent period of an organisation. */
record ParentView(long id, String organisation, String parent, LocalDate from, LocalDate to,
                         FactSource source, VersionInfo version) {
}

package io.counterpower.project;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.time.LocalDate;

/** A steward period of a project. */
public record StewardView(long id, String organisation, LocalDate from, LocalDate to, FactSource source, VersionInfo version) {
}

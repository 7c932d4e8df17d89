package io.counterpower.project;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.time.LocalDate;
import java.util.List;

/**
 * A project as recorded (now, or as recorded on a past date): its repositories, its steward
 * periods and {@code steward}, the steward on the day the view describes. {@code collectedThrough}: how far
 * the collection of its repositories reaches (the newest commit read by the furthest one), null when none
 * was collected (METHODOLOGY.md version 2 section 3, "Collected through").
 */
public record ProjectView(String slug, String name, ProjectKind kind, ProjectOrigin origin, String description,
                          String homepage, String upstream, String forkPointCommit, LocalDate forkPointDate,
                          String steward, List<RepositoryView> repositories, List<StewardView> stewards,
                          FactSource source, VersionInfo version, LocalDate collectedThrough) {
}

package io.counterpower.dataset;

import java.util.List;
import java.util.Map;

/**
 * The tables a snapshot holds, in the order they are written and loaded (a table comes after every
 * table it references). They are the fact base: organisations, projects, people and their
 * identities, contributions and every versioned fact table. Not in a snapshot: API keys, the audit
 * log, jobs and collection cursors, watches and deliveries (an instance's own operations), derived
 * tables (contribution attribution, risk rankings: rebuilt from the facts), and the license catalog
 * and currency rates (reference tables every instance loads from its own resources).
 *
 * <p>Each table is read "as recorded on" a moment through the column that says when a row entered
 * the service ({@code since}); later changes to a row that existed then are hidden ({@code masks}:
 * a version closed after the moment is written open, as it then was).
 */
final class SnapshotTables {
    /** A table of the snapshot: its order, the column that says when a row was recorded, and masked columns. */
    record Table(String name, String orderBy, String since, Map<String, String> masks) {
    }

    /** Versioned facts: a version superseded after the moment was current at the moment. */
    private static final Map<String, String> VERSIONED = Map.of(
            "superseded_at", "case when superseded_at > :t then null else superseded_at end",
            // Snapshots are public: a local path a curator's collection recorded leaves redacted (V037).
            "source_url", "redact_local_path(source_url)",
            "repository_url", "redact_local_path(repository_url)");

    /**
     * Identities leave the service pseudonymised (issue #20): an email as its domain and the SHA-256
     * of the lower-cased address (filled for every identity by V028); the public git name is kept,
     * and so is a GitHub noreply address, which names a public login and nothing more.
     */
    private static final Map<String, String> IDENTITY = Map.of(
            "email", "case when lower(email) like '%@users.noreply.github.com' then email end");

    static final List<Table> ALL = List.of(
            new Table("dataset_load", "name", "loaded_at", Map.of()),
            new Table("organisation", "id", "created_at", Map.of()),
            new Table("organisation_version", "row_id", "recorded_at", VERSIONED),
            new Table("organisation_parent", "row_id", "recorded_at", VERSIONED),
            new Table("project", "id", "created_at", Map.of()),
            new Table("project_version", "row_id", "recorded_at", VERSIONED),
            new Table("project_repository", "row_id", "recorded_at", Map.of(
                    "superseded_at", "case when superseded_at > :t then null else superseded_at end",
                    "source_url", "redact_local_path(source_url)",
                    "url", "redact_local_path(url)")),
            new Table("project_steward", "row_id", "recorded_at", VERSIONED),
            new Table("contributor", "id", "created_at", Map.of()),
            new Table("contributor_version", "row_id", "recorded_at", VERSIONED),
            new Table("identity", "id", "created_at", IDENTITY),
            new Table("identity_link", "row_id", "recorded_at", VERSIONED),
            new Table("contributor_merge", "id", "merged_at", Map.of(
                    "unmerged_at", "case when unmerged_at > :t then null else unmerged_at end")),
            new Table("affiliation", "row_id", "recorded_at", VERSIONED),
            new Table("affiliation_dispute", "id", "raised_at", Map.of(
                    "state", "case when resolved_at > :t then 'open' else state end",
                    "resolved_at", "case when resolved_at > :t then null else resolved_at end",
                    "resolution_note", "case when resolved_at > :t then null else resolution_note end")),
            // Disputes of every kind (V036): "disputed" reads them as it reads affiliation_dispute (issue 17).
            new Table("fact_dispute", "id", "raised_at", Map.of(
                    "state", "case when resolved_at > :t then 'open' else state end",
                    "resolved_at", "case when resolved_at > :t then null else resolved_at end",
                    "resolution_reason", "case when resolved_at > :t then null else resolution_reason end",
                    "resulting_fact_id", "case when resolved_at > :t then null else resulting_fact_id end")),
            new Table("contribution", "id", "recorded_at", VERSIONED),
            new Table("governance_body", "row_id", "recorded_at", VERSIONED),
            new Table("governance_seat", "row_id", "recorded_at", VERSIONED),
            new Table("governance_event", "row_id", "recorded_at", VERSIONED),
            new Table("funding_event", "row_id", "recorded_at", VERSIONED),
            new Table("license_period", "row_id", "recorded_at", VERSIONED),
            new Table("adopter", "row_id", "recorded_at", VERSIONED),
            new Table("derivative", "row_id", "recorded_at", VERSIONED),
            new Table("download_count", "row_id", "recorded_at", VERSIONED),
            new Table("openness_component", "row_id", "recorded_at", VERSIONED),
            new Table("benchmark_result", "row_id", "recorded_at", VERSIONED));

    private SnapshotTables() {
    }

    static int indexOf(String name) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}

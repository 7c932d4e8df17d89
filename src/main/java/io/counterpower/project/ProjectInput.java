package io.counterpower.project;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * The body of POST (with slug; repositories and a first steward may be given at once) and PUT
 * (slug from the path; repositories and stewards have their own endpoints) on projects.
 */
record ProjectInput(
        @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,79}$", message = "must be lower-case kebab-case (a-z, 0-9, -), at most 80 characters") String slug,
        @NotBlank @Size(max = 300) String name,
        @NotNull ProjectKind kind,
        @NotNull ProjectOrigin origin,
        @Size(max = 4000) String description,
        @Size(max = 2000) String homepage,
        @Size(max = 80) String upstream,
        @Pattern(regexp = "^[0-9a-f]{7,64}$", message = "must be a commit id (7 to 64 hex digits)") String forkPointCommit,
        LocalDate forkPointDate,
        @Size(max = 50) List<@Valid RepositoryInput> repositories,
        @Valid StewardInput steward,
        @NotNull @Valid SourceInput source,
        @Size(max = 2000) String reason) {
}

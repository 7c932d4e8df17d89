package io.counterpower.project;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A repository to record; inside a project creation its source defaults to the project's. */
record RepositoryInput(@NotBlank @Size(max = 2000) String url,
                              @Size(max = 250) String branch,
                              Artifact role,
                              @Valid SourceInput source,
                              @Size(max = 2000) String reason) {
}

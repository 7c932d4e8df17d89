package io.counterpower.project;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A steward period to record; inside a project creation its source defaults to the project's. */
record StewardInput(@NotBlank @Size(max = 80) String organisation, LocalDate from, LocalDate to,
                           @Valid SourceInput source, @Size(max = 2000) String reason) {
}

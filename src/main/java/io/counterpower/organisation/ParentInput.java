package io.counterpower.organisation;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A parent period to record: the parent organisation's key and the first and last day. */
record ParentInput(@NotBlank String parent, LocalDate from, LocalDate to,
                          @NotNull @Valid SourceInput source, @Size(max = 2000) String reason) {
}

package io.counterpower.contributor;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** An enrolment to record: give {@code organisation} (a key) or {@code independent: true}, not both. */
record AffiliationInput(@NotNull Long contributor,
                               @Size(max = 80) String organisation,
                               Boolean independent,
                               LocalDate from,
                               LocalDate to,
                               @Size(max = 200) String role,
                               @NotNull @Valid SourceInput source,
                               @Size(max = 2000) String reason) {
}

package io.counterpower.organisation;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of POST (with key) and PUT (key from the path) on organisations. */
record OrganisationInput(
        @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,79}$", message = "must be lower-case kebab-case (a-z, 0-9, -), at most 80 characters") String key,
        @NotBlank @Size(max = 300) String name,
        @NotNull OrganisationType type,
        @Size(max = 50) List<@NotBlank @Size(max = 300) String> aliases,
        @Size(max = 100) List<@NotBlank @Size(max = 253) String> domains,
        @Size(max = 4000) String note,
        @NotNull @Valid SourceInput source,
        @Size(max = 2000) String reason) {
}

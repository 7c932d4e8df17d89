package io.counterpower.contributor;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of POST (identities may be given at once) and PUT (name and note only) on contributors. */
record ContributorInput(@NotBlank @Size(max = 300) String displayName,
                               @Size(max = 4000) String note,
                               @Size(max = 100) List<@Valid @NotNull IdentityInput> identities,
                               @NotNull @Valid SourceInput source,
                               @Size(max = 2000) String reason) {
}

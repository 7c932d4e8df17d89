package io.counterpower.contributor;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of POST /contributors/{id}/identities. */
record AttachIdentityInput(@NotNull @Valid IdentityInput identity, @NotNull @Valid SourceInput source,
                                  @Size(max = 2000) String reason) {
}

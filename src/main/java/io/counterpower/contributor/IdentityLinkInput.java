package io.counterpower.contributor;

import io.counterpower.common.fact.SourceInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Re-links an identity to a contributor and/or flags it as a bot. */
record IdentityLinkInput(@NotNull Long contributor, @NotNull Boolean bot, @Size(max = 500) String botReason,
                                @NotNull @Valid SourceInput source, @Size(max = 2000) String reason) {
}

package io.counterpower.common.fact;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The source a client gives for a fact it writes. {@code kind} defaults to manual; steward keys
 * always record self-reported facts.
 */
public record SourceInput(SourceKind kind,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = LocalPathSerializer.class)
                          @Size(max = 2000) String url,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = LocalPathSerializer.InText.class)
                          @Size(max = 2000) String note,
                          @NotNull Confidence confidence) {
}

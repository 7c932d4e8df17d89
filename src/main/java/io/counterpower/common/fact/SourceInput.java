package io.counterpower.common.fact;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The source a client gives for a fact it writes. {@code kind} defaults to manual; steward keys
 * always record self-reported facts. A {@code verified} fact needs its {@code quote}: the sentence of
 * the source that states it (issue #20 part 7).
 */
public record SourceInput(SourceKind kind,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = LocalPathSerializer.class)
                          @Size(max = 2000) String url,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = LocalPathSerializer.InText.class)
                          @Size(max = 2000) String note,
                          @Size(max = 4000) String quote,
                          @NotNull Confidence confidence) {
    /** A source without a quote (a reported or inferred fact, or one a collector read). */
    public SourceInput(SourceKind kind, String url, String note, Confidence confidence) {
        this(kind, url, note, null, confidence);
    }
}

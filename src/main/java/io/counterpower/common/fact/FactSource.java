package io.counterpower.common.fact;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a person can check a fact, and how sure the record is. Part of every fact in the API. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FactSource(SourceKind kind,
                         @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = LocalPathSerializer.class) String url,
                         @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = LocalPathSerializer.InText.class) String note,
                         String quote,
                         Confidence confidence) {
    /** A source without a quote: collected facts, whose evidence is the file at a commit they were read from. */
    public FactSource(SourceKind kind, String url, String note, Confidence confidence) {
        this(kind, url, note, null, confidence);
    }

    /**
     * This source as the current reader may see it, for representations Jackson does not write
     * (CSV cells, HTML): a local path or file: URL redacted for anyone but curators (issue 17).
     */
    public FactSource forReader() {
        return io.counterpower.common.auth.Caller.readerSeesLocalPaths() ? this
                : new FactSource(kind, io.counterpower.common.text.LocalPathRedaction.url(url),
                io.counterpower.common.text.LocalPathRedaction.text(note), quote, confidence);
    }

    public static FactSource of(VersionedFact fact) {
        return new FactSource(fact.sourceKind, fact.sourceUrl, fact.sourceNote, fact.sourceQuote, fact.confidence);
    }
}

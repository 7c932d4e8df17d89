package io.counterpower.common.fact;

import io.counterpower.common.text.Texts;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;

import java.net.URI;

/**
 * Where a write through the API says its fact comes from, checked against the caller's scopes. It lives with the
 * facts rather than on {@link Caller}, so that knowing who calls does not depend on what facts are.
 */
public final class Provenance {
    private Provenance() {
    }

    /**
     * The provenance a write records: a steward's write is self-reported; a curator's is manual
     * unless it says import. Collector and reference kinds are recorded only by the service itself.
     */
    public static FactWrite of(Caller caller, SourceInput input, String reason, boolean asSteward) {
        FieldErrors errors = new FieldErrors();
        if (input == null) {
            errors.add("source", "is required: { \"url\": \"https://…\", \"confidence\": \"verified\" }");
            errors.throwIfAny();
        }
        SourceKind kind;
        if (asSteward) {
            errors.check(input.kind() == null || input.kind() == SourceKind.SELF_REPORTED, "source.kind",
                    "a steward key records self-reported facts; leave it out or send self-reported");
            kind = SourceKind.SELF_REPORTED;
        } else {
            kind = input.kind() == null ? SourceKind.MANUAL : input.kind();
            errors.check(kind == SourceKind.MANUAL || kind == SourceKind.IMPORT || kind == SourceKind.SELF_REPORTED,
                    "source.kind", "the API records manual, import or self-reported facts; collectors record the others");
        }
        if (input.url() == null || input.url().isBlank()) {
            errors.check(!kind.requiresUrl(), "source.url", "is required for a " + kind.code() + " fact: where a person can check it");
        } else {
            errors.check(isHttpUrl(input.url()), "source.url", "must be an absolute http or https URL");
        }
        if (input.confidence() == null) {
            errors.add("source.confidence", "is required: verified, reported or inferred");
        } else if (input.confidence() == Confidence.VERIFIED && (input.quote() == null || input.quote().isBlank())) {
            // A fact is verified only if its source's text was read and the sentence that states it is kept (issue #20).
            errors.add("source.quote", "is required for a verified fact: the sentence of the source that states it"
                    + " (or send confidence reported)");
        }
        errors.throwIfAny();
        String url = Texts.trimmedOrNull(input.url());
        String quote = Texts.trimmedOrNull(input.quote());
        return new FactWrite(new FactSource(kind, url, input.note(), quote, input.confidence()), Instants.now(), caller.keyId(), reason);
    }

    /**
     * Checks that the caller may close {@code current} (a steward closes only self-reported
     * records) and returns the moment of the close.
     */
    public static java.time.Instant closing(boolean asSteward, VersionedFact current) {
        if (asSteward && current.sourceKind != SourceKind.SELF_REPORTED) {
            throw ApiProblem.forbidden("This record's source is " + current.sourceKind.code()
                    + "; a steward key closes only self-reported records");
        }
        return Instants.now();
    }


    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (Exception e) {
            return false;
        }
    }
}

package io.counterpower.common.auth;

import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import jakarta.enterprise.context.RequestScoped;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The key behind the current request, if any, and the access rules that follow from its scopes. */
@RequestScoped
public class Caller {
    private ApiKey key;
    private List<Scope> scopes = List.of();

    void authenticate(ApiKey key) {
        this.key = key;
        this.scopes = java.util.Arrays.stream(key.scopes).map(Scope::parse).filter(Objects::nonNull).toList();
    }

    public boolean isAuthenticated() {
        return key != null;
    }

    public Long keyId() {
        return key == null ? null : key.id;
    }

    public String actor() {
        return key == null ? "anonymous" : key.name + " (key " + key.keyPrefix + ")";
    }

    public boolean isAdmin() {
        return scopes.stream().anyMatch(s -> s.kind() == Scope.Kind.ADMIN);
    }

    public boolean isCurator() {
        return isAdmin() || scopes.stream().anyMatch(s -> s.kind() == Scope.Kind.CURATOR);
    }

    public Set<String> stewardOf() {
        return scopes.stream().filter(s -> s.kind() == Scope.Kind.STEWARD).map(Scope::organisation).collect(Collectors.toSet());
    }

    /**
     * Whether the body being written may show local paths and {@code file:} URLs whole: only to a
     * curator or admin key, inside its own request, and never in a body rendered for any reader
     * (a shared cache). Anything else (no request: a background render) gets them redacted.
     */
    public static boolean readerSeesLocalPaths() {
        if (io.counterpower.common.text.LocalPathRedaction.serialisingForStorage()) {
            return true; // the audit log keeps them whole; its readers redact them (ChangeFeed)
        }
        if (io.counterpower.common.text.LocalPathRedaction.renderingPublicly()) {
            return false;
        }
        io.quarkus.arc.ArcContainer arc = io.quarkus.arc.Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return false;
        }
        return arc.instance(Caller.class).get().isCurator();
    }

    public void requireKey() {
        if (key == null) {
            throw ApiProblem.unauthorized("This request needs an API key: Authorization: Bearer <key>");
        }
    }

    public void requireAdmin() {
        requireKey();
        if (!isAdmin()) {
            throw ApiProblem.forbidden("This request needs a key with the admin scope");
        }
    }

    public void requireCurator() {
        requireKey();
        if (!isCurator()) {
            throw ApiProblem.forbidden("This request needs a key with the curator or admin scope");
        }
    }

    /**
     * Allows a curator, or a steward of one of the organisations the fact is about. Returns true
     * when the write is a steward's, which is then recorded as self-reported.
     */
    public boolean requireCuratorOrStewardOf(Collection<String> organisationKeys) {
        requireKey();
        if (isCurator()) {
            return false;
        }
        Set<String> mine = stewardOf();
        if (!mine.isEmpty() && organisationKeys.stream().anyMatch(mine::contains)) {
            return true;
        }
        throw ApiProblem.forbidden(mine.isEmpty()
                ? "This request needs a key with the curator or admin scope"
                : "A steward key may only write facts about its own organisation " + mine
                  + " and the projects it stewards");
    }

    /**
     * The provenance a write records: a steward's write is self-reported; a curator's is manual
     * unless it says import. Collector and reference kinds are recorded only by the service itself.
     */
    public FactWrite write(SourceInput input, String reason, boolean asSteward) {
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
        String url = input.url() == null || input.url().isBlank() ? null : input.url().trim();
        String quote = input.quote() == null || input.quote().isBlank() ? null : input.quote().trim();
        return new FactWrite(new FactSource(kind, url, input.note(), quote, input.confidence()), Instants.now(), keyId(), reason);
    }

    /**
     * Checks that the caller may close {@code current} (a steward closes only self-reported
     * records) and returns the moment of the close.
     */
    public java.time.Instant closing(boolean asSteward, io.counterpower.common.fact.VersionedFact current) {
        if (asSteward && current.sourceKind != SourceKind.SELF_REPORTED) {
            throw ApiProblem.forbidden("This record's source is " + current.sourceKind.code()
                    + "; a steward key closes only self-reported records");
        }
        return Instants.now();
    }

    /** Provenance for facts the service records itself (reference dataset, collectors). */
    public static FactWrite system(FactSource source, String reason) {
        return new FactWrite(source, Instants.now(), null, reason);
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

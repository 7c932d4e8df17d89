package io.counterpower.common.auth;

import io.counterpower.common.problem.ApiProblem;
import jakarta.enterprise.context.RequestScoped;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The key behind the current request, if any, and the access rules that follow from its scopes. */
@RequestScoped
public class Caller {
    private ApiKey key;
    private List<KeyScope> scopes = List.of();

    void authenticate(ApiKey key) {
        this.key = key;
        this.scopes = java.util.Arrays.stream(key.scopes).map(KeyScope::parse).filter(Objects::nonNull).toList();
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
        return scopes.stream().anyMatch(s -> s.kind() == KeyScope.Kind.ADMIN);
    }

    public boolean isCurator() {
        return isAdmin() || scopes.stream().anyMatch(s -> s.kind() == KeyScope.Kind.CURATOR);
    }

    public Set<String> stewardOf() {
        return scopes.stream().filter(s -> s.kind() == KeyScope.Kind.STEWARD).map(KeyScope::organisation).collect(Collectors.toSet());
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
}

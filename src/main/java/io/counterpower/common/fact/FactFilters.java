package io.counterpower.common.fact;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;

/**
 * The kinds' filters of a fact list or export as sent, each read as its own type, with a 400 naming the parameter when
 * it does not parse. A kind reads only the filters it has, into its own record, in the order in which it reports
 * faults; the others are never parsed (they are ignored, as any other parameter is).
 */
public final class FactFilters {
    private final String project;
    private final String organisation;
    private final String kind;
    private final String from;
    private final String to;
    private final String at;
    private final String body;
    private final String contributor;
    private final String funder;
    private final String type;
    private final String platform;
    private final String artifact;
    private final String artifactName;
    private final String changeKind;
    private final String component;
    private final String status;
    private final String relation;

    FactFilters(String project, String organisation, String kind, String from, String to, String at, String body,
                String contributor, String funder, String type, String platform, String artifact, String artifactName,
                String changeKind, String component, String status, String relation) {
        this.project = project;
        this.organisation = organisation;
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.at = at;
        this.body = body;
        this.contributor = contributor;
        this.funder = funder;
        this.type = type;
        this.platform = platform;
        this.artifact = artifact;
        this.artifactName = artifactName;
        this.changeKind = changeKind;
        this.component = component;
        this.status = status;
        this.relation = relation;
    }

    /** A project's slug (trimmed; null when absent or blank). */
    public String project() {
        return Texts.trimmedOrNull(project);
    }

    /** An organisation's key: the facts it takes part in. */
    public String organisation() {
        return Texts.trimmedOrNull(organisation);
    }

    /** An organisation's key: the funding it gave. */
    public String funder() {
        return Texts.trimmedOrNull(funder);
    }

    public String platform() {
        return Texts.trimmedOrNull(platform);
    }

    public String artifactName() {
        return Texts.trimmedOrNull(artifactName);
    }

    public LocalDate from() {
        return Instants.parseDate(from, "from");
    }

    public LocalDate to() {
        return Instants.parseDate(to, "to");
    }

    public LocalDate at() {
        return Instants.parseDate(at, "at");
    }

    /** A governance body's id. */
    public Long body() {
        return QueryParams.id(body, "body");
    }

    /** A contributor's id. */
    public Long contributor() {
        return QueryParams.id(contributor, "contributor");
    }

    public String kind(Set<String> allowed) {
        return QueryParams.oneOf(kind, "kind", allowed);
    }

    public String type(Set<String> allowed) {
        return QueryParams.oneOf(type, "type", allowed);
    }

    public String artifact(Set<String> allowed) {
        return QueryParams.oneOf(artifact, "artifact", allowed);
    }

    public String changeKind(Set<String> allowed) {
        return QueryParams.oneOf(changeKind, "changeKind", allowed);
    }

    /** The component, read by {@code parser}, whose IllegalArgumentException message is the 400's detail. */
    public <T> T component(Function<String, T> parser) {
        return QueryParams.code(component, "component", parser);
    }

    public <T> T status(Function<String, T> parser) {
        return QueryParams.code(status, "status", parser);
    }

    public <T> T relation(Function<String, T> parser) {
        return QueryParams.code(relation, "relation", parser);
    }


}

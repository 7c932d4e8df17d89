package io.counterpower.common.fact;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A fact list or export request, parsed once at the edge: the moment it reads as recorded (null: now), the page
 * (null for an export, which takes every match), the source filters every kind shares, and the kind's own filters,
 * which the kind reads from {@code filters} with field-named errors when it builds its statement.
 */
record FactListQuery(Instant asOf, PageRequest page, Confidence confidence, SourceKind sourceKind, FactQuery filters) {

    /**
     * The query string of a fact list ({@code GET /api/v1/<facts>}) or export as sent, but {@code format}: the
     * parameters every kind shares, then every kind's filters (a kind reads its own; the others' are ignored, as
     * any other parameter is).
     */
    record Params(@RestQuery String asRecordedOn, @RestQuery String page, @RestQuery String size, @RestQuery String sort,
                  @RestQuery String confidence, @RestQuery String sourceKind, @RestQuery String project,
                  @RestQuery String organisation, @RestQuery String kind, @RestQuery String from, @RestQuery String to,
                  @RestQuery String at, @RestQuery String body, @RestQuery String contributor, @RestQuery String funder,
                  @RestQuery String type, @RestQuery String platform, @RestQuery String artifact,
                  @RestQuery String artifactName, @RestQuery String changeKind, @RestQuery String component,
                  @RestQuery String status, @RestQuery String relation) {

        /** The moment asked for; parsed first, before the format and the page, as the answers have always done. */
        Instant recordedOn() {
            return Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
        }

        /** A list request: the page (sorted as {@code kind} allows), then the source filters; the first fault is the answer. */
        FactListQuery list(Instant asOf, FactKind<?, ?, ?> kind) {
            PageRequest request = PageRequest.parse(text(page), text(size), text(sort), kind.sortable(), kind.defaultSort());
            return query(asOf, request);
        }

        /** An export request (every match, no page): the source filters; the first fault is the answer. */
        FactListQuery export(Instant asOf) {
            return query(asOf, null);
        }

        private FactListQuery query(Instant asOf, PageRequest request) {
            Confidence c = QueryParams.code(confidence, "confidence", Confidence::of);
            SourceKind s = QueryParams.code(sourceKind, "sourceKind", SourceKind::of);
            return new FactListQuery(asOf, request, c, s, filters());
        }

        /** The kinds' filters, by parameter name. */
        private FactQuery filters() {
            Map<String, String> f = new HashMap<>();
            f.put("project", project);
            f.put("organisation", organisation);
            f.put("kind", kind);
            f.put("from", from);
            f.put("to", to);
            f.put("at", at);
            f.put("body", body);
            f.put("contributor", contributor);
            f.put("funder", funder);
            f.put("type", type);
            f.put("platform", platform);
            f.put("artifact", artifact);
            f.put("artifactName", artifactName);
            f.put("changeKind", changeKind);
            f.put("component", component);
            f.put("status", status);
            f.put("relation", relation);
            return new FactQuery(f);
        }

        private static String text(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}

package io.counterpower.common.fact;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;

/**
 * A fact list or export request, parsed once at the edge: the moment it reads as recorded (null: now), the page
 * (null for an export, which takes every match), the source filters every kind shares, and the kind's own filters.
 */
record FactListQuery<E>(Instant asOf, PageRequest page, Confidence confidence, SourceKind sourceKind, FactFilter<E> filters) {

    /**
     * The query string of a fact list ({@code GET /api/v1/<facts>}) or export as sent, but {@code format}: the
     * parameters every kind shares, then every kind's filters (a kind parses its own; the others' are ignored, as
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

        /**
         * A list request: the page (sorted as {@code kind} allows), then the source filters, then the kind's own;
         * the first fault is the answer.
         */
        <E extends VersionedFact> FactListQuery<E> list(Instant asOf, FactKind<E, ?, ?> kind) {
            PageRequest request = PageRequest.parse(Texts.trimmedOrNull(page), Texts.trimmedOrNull(size), Texts.trimmedOrNull(sort), kind.sortable(), kind.defaultSort());
            return query(asOf, request, kind);
        }

        /** An export request (every match, no page): the source filters, then the kind's own; the first fault is the answer. */
        <E extends VersionedFact> FactListQuery<E> export(Instant asOf, FactKind<E, ?, ?> kind) {
            return query(asOf, null, kind);
        }

        private <E extends VersionedFact> FactListQuery<E> query(Instant asOf, PageRequest request, FactKind<E, ?, ?> kind) {
            Confidence c = QueryParams.code(confidence, "confidence", Confidence::of);
            SourceKind s = QueryParams.code(sourceKind, "sourceKind", SourceKind::of);
            return new FactListQuery<>(asOf, request, c, s, kind.filters(filters()));
        }

        private FactFilters filters() {
            return new FactFilters(project, organisation, kind, from, to, at, body, contributor, funder, type, platform,
                    artifact, artifactName, changeKind, component, status, relation);
        }

    }
}

package io.counterpower.project;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;

/**
 * A project list request ({@code GET /api/v1/projects}), parsed once at the edge.
 *
 * @param kind     only projects of this kind; null: any
 * @param origin   only projects of this origin; null: any
 * @param steward  the key of an organisation stewarding the projects on the day read; null: any
 * @param nameLike a case-insensitive LIKE pattern on the name or the slug; null: any
 * @param asOf     the facts as recorded on this moment; null: as currently recorded
 */
record ProjectListQuery(ProjectKind kind, ProjectOrigin origin, String steward, String nameLike, Instant asOf,
                        PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String kind, @RestQuery String origin, @RestQuery String steward, @RestQuery String q,
                  @RestQuery String asRecordedOn, @RestQuery String page, @RestQuery String size, @RestQuery String sort) {

        /** The page first, then the moment, then the filters: the first fault is the answer, as it has always been. */
        ProjectListQuery query() {
            PageRequest request = PageRequest.parse(page, size, sort, ProjectService.SORTABLE, "slug");
            Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
            ProjectKind k = QueryParams.code(kind, "kind", ProjectKind::of);
            ProjectOrigin o = QueryParams.code(origin, "origin", ProjectOrigin::of);
            String like = QueryParams.likePattern(q);
            return new ProjectListQuery(k, o, Texts.trimmedOrNull(steward), like, asOf, request);
        }
    }
}

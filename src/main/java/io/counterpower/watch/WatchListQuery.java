package io.counterpower.watch;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.PageRequest;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A watch list request ({@code GET /api/v1/watches}), parsed once at the edge.
 *
 * @param project      the watched project's slug; null: any
 * @param organisation the watched organisation's key; null: any
 */
record WatchListQuery(String project, String organisation, PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String project, @RestQuery String organisation, @RestQuery String page,
                  @RestQuery String size, @RestQuery String sort) {

        /** Only the page can be wrong, and it is checked before the key, as it has always been. */
        WatchListQuery query() {
            PageRequest request = PageRequest.parse(page, size, sort, WatchService.SORTABLE, "id");
            return new WatchListQuery(Texts.trimmedOrNull(project), Texts.trimmedOrNull(organisation), request);
        }

    }
}

package io.counterpower.common.auth;

import io.counterpower.common.paging.PageRequest;
import org.jboss.resteasy.reactive.RestQuery;

/** An API key list request ({@code GET /api/v1/api-keys}), parsed once at the edge: only a page. */
record ApiKeyListQuery(PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String page, @RestQuery String size, @RestQuery String sort) {

        ApiKeyListQuery query() {
            return new ApiKeyListQuery(PageRequest.parse(page, size, sort, ApiKeyService.SORTABLE, "id"));
        }
    }
}

package io.counterpower.watch;

import io.counterpower.common.paging.QueryParams;


import io.counterpower.common.paging.PageRequest;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/**
 * A request for a watch's delivery log ({@code GET /api/v1/watches/{id}/deliveries}), parsed once at the edge,
 * after the watch is found visible to the caller.
 *
 * @param state only deliveries in this state; null: any
 * @param page  the page, newest first (the log is not sortable)
 */
record DeliveryListQuery(String state, PageRequest page) {

    /** The query string as sent; a {@code sort} is not read. */
    record Params(@RestQuery String state, @RestQuery String page, @RestQuery String size) {

        /** The page, then the state: the first fault is the answer, as it has always been. */
        DeliveryListQuery query() {
            PageRequest request = PageRequest.parse(page, size, null, Map.of("id", "id"), "-id");
            String wanted = QueryParams.oneOf(state, "state", WebhookOutbox.STATES);
            return new DeliveryListQuery(wanted, request);
        }
    }
}

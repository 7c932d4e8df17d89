package io.counterpower.common.fact;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A fact dispute list request ({@code GET /api/v1/disputes}), parsed once at the edge.
 *
 * @param state only disputes in this state; null: any
 * @param kind  only disputes of facts of this kind, compared as sent (an unknown kind has none); null: any
 * @param fact  only disputes of the fact with this id; null: any
 */
record DisputeListQuery(String state, String kind, Long fact, PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String state, @RestQuery String kind, @RestQuery String fact, @RestQuery String page,
                  @RestQuery String size, @RestQuery String sort) {

        /** The page, the state, then the fact (the kind is never refused): the first fault is the answer, as it has always been. */
        DisputeListQuery query() {
            PageRequest request = PageRequest.parse(page, size, sort, FactDisputes.SORTABLE, "id");
            String wanted = QueryParams.oneOf(state, "state", FactDisputes.STATES);
            return new DisputeListQuery(wanted, Texts.trimmedOrNull(kind), QueryParams.id(fact, "fact"), request);
        }

    }
}

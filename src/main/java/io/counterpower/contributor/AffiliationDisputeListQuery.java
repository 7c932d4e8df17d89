package io.counterpower.contributor;


import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * An affiliation dispute list request ({@code GET /api/v1/affiliation-disputes}), parsed once at the edge.
 *
 * @param state       only disputes in this state; null: any
 * @param affiliation only disputes of this affiliation; null: any
 */
record AffiliationDisputeListQuery(String state, Long affiliation, PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String state, @RestQuery String affiliation, @RestQuery String page,
                  @RestQuery String size, @RestQuery String sort) {

        /** The page, the state, then the affiliation: the first fault is the answer, as it has always been. */
        AffiliationDisputeListQuery query() {
            PageRequest request = PageRequest.parse(page, size, sort, AffiliationDisputes.SORTABLE, "id");
            String wanted = QueryParams.oneOf(state, "state", AffiliationDisputes.STATES);
            return new AffiliationDisputeListQuery(wanted, QueryParams.id(affiliation, "affiliation"), request);
        }
    }
}

package io.counterpower.contributor;

import io.counterpower.common.text.Texts;

import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An affiliation list request ({@code GET /api/v1/affiliations}), parsed once at the edge.
 *
 * @param contributor  the contributor's id; null: any
 * @param organisation the organisation's key; null: any
 * @param independent  true: only periods without an organisation; false: only those with one; null: both
 * @param at           only periods that cover this day; null: any
 * @param asOf         the facts as recorded on this moment; null: as currently recorded
 */
record AffiliationListQuery(Long contributor, String organisation, Boolean independent, LocalDate at,
                            SourceKind sourceKind, Confidence confidence, Instant asOf, PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String contributor, @RestQuery String organisation, @RestQuery String independent,
                  @RestQuery String at, @RestQuery String sourceKind, @RestQuery String confidence,
                  @RestQuery String asRecordedOn, @RestQuery String page, @RestQuery String size, @RestQuery String sort) {

        /** The page, the moment, then the filters in this order: the first fault is the answer, as it has always been. */
        AffiliationListQuery query() {
            PageRequest request = PageRequest.parse(page, size, sort, AffiliationService.SORTABLE, "id");
            Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
            Long contributorId = QueryParams.id(contributor, "contributor");
            SourceKind kind = QueryParams.code(sourceKind, "sourceKind", SourceKind::of);
            Confidence c = QueryParams.code(confidence, "confidence", Confidence::of);
            Boolean independentOnly = QueryParams.code(independent, "independent", AffiliationService::parseBoolean);
            LocalDate day = Instants.parseDate(at, "at");
            return new AffiliationListQuery(contributorId, Texts.trimmedOrNull(organisation), independentOnly, day,
                    kind, c, asOf, request);
        }
    }
}

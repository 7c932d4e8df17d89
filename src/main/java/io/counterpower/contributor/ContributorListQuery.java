package io.counterpower.contributor;

import io.counterpower.common.text.Texts;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A contributor list request ({@code GET /api/v1/contributors}), parsed once at the edge.
 *
 * @param nameLike     a case-insensitive LIKE pattern on the display name; null: any
 * @param email        an identity's email, lower case (a curator's filter); null: any
 * @param organisation the key of an organisation the contributors are affiliated with on the day read; null: any
 * @param asOf         the facts as recorded on this moment; null: as currently recorded
 */
record ContributorListQuery(String nameLike, String email, String organisation, Instant asOf, PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String q, @RestQuery String email, @RestQuery String organisation,
                  @RestQuery String asRecordedOn, @RestQuery String page, @RestQuery String size, @RestQuery String sort) {

        /**
         * The page, the moment, the name, then whether {@code caller} may search by email: the first fault is the
         * answer, as it has always been.
         */
        ContributorListQuery query(Caller caller) {
            PageRequest request = PageRequest.parse(page, size, sort, ContributorService.SORTABLE, "id");
            Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
            String like = QueryParams.likePattern(q);
            String byEmail = lowerCase(email);
            if (byEmail != null) {
                ContributorService.requireCuratorToSearchByEmail(caller);
            }
            return new ContributorListQuery(like, byEmail, Texts.trimmedOrNull(organisation), asOf, request);
        }
    }

    /** The merge candidates' page ({@code GET /api/v1/contributors/merge-candidates}): ordered by the pair, no sort. */
    record CandidateParams(@RestQuery String page, @RestQuery String size) {
        PageRequest query() {
            return PageRequest.parse(page, size, null, Map.of("contributors", "contributors"), "contributors");
        }
    }


    static String lowerCase(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}

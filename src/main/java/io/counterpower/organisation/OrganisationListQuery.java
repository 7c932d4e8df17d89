package io.counterpower.organisation;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;

/**
 * An organisation list request ({@code GET /api/v1/organisations}), parsed once at the edge.
 *
 * @param type     only organisations of this type; null: any
 * @param nameLike a case-insensitive LIKE pattern on the name, the key or an alias; null: any
 * @param domain   only organisations claiming this email domain (lower case, without '@'); null: any
 * @param asOf     the facts as recorded on this moment; null: as currently recorded
 * @param page     the page; for a CSV list, the first page of {@link PageRequest#MAX_SIZE} in the order asked for
 */
record OrganisationListQuery(OrganisationType type, String nameLike, String domain, Instant asOf, PageRequest page) {

    /** The same filters, page {@code number} of {@link PageRequest#MAX_SIZE} (a CSV list reads every page). */
    OrganisationListQuery fullPage(int number) {
        return new OrganisationListQuery(type, nameLike, domain, asOf,
                new PageRequest(number, PageRequest.MAX_SIZE, page.orderBy()));
    }

    /** The query string as sent, but {@code format}. */
    record Params(@RestQuery String type, @RestQuery String q, @RestQuery String domain, @RestQuery String asRecordedOn,
                  @RestQuery String page, @RestQuery String size, @RestQuery String sort) {

        /** The moment, then the page, then the filters: the first fault is the answer, as it has always been. */
        OrganisationListQuery list() {
            Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
            return filters(asOf, PageRequest.parse(page, size, sort, OrganisationService.SORTABLE, "key"));
        }

        /** A CSV list, which is not paged: {@code page} and {@code size} are not read, {@code sort} is. */
        OrganisationListQuery csv() {
            Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
            return filters(asOf, PageRequest.parse("0", String.valueOf(PageRequest.MAX_SIZE), sort,
                    OrganisationService.SORTABLE, "key"));
        }

        private OrganisationListQuery filters(Instant asOf, PageRequest request) {
            OrganisationType t = QueryParams.code(type, "type", OrganisationType::of);
            String like = QueryParams.likePattern(q);
            // a blank domain is kept (it matches no organisation), as it always was
            return new OrganisationListQuery(t, like, domain == null ? null : OrganisationService.normaliseDomain(domain),
                    asOf, request);
        }
    }
}

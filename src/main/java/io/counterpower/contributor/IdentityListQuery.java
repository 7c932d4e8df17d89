package io.counterpower.contributor;

import io.counterpower.common.text.Texts;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.Set;

import static io.counterpower.contributor.ContributorListQuery.lowerCase;

/**
 * An identity list request ({@code GET /api/v1/identities}), parsed once at the edge.
 *
 * @param email    the identity's email, lower case (a curator's filter); null: any
 * @param platform the platform of a username identity; null: any
 * @param username the platform username, lower case; null: any
 * @param asOf     the links as recorded on this moment; null: as currently recorded
 */
record IdentityListQuery(String email, String platform, String username, Instant asOf, PageRequest page) {
    static final Set<String> PLATFORMS = Set.of("github", "huggingface", "gitlab");

    /** The query string as sent. */
    record Params(@RestQuery String email, @RestQuery String platform, @RestQuery String username,
                  @RestQuery String asRecordedOn, @RestQuery String page, @RestQuery String size, @RestQuery String sort) {

        /**
         * The page, the moment, whether {@code caller} may search by email, then the platform: the first fault is the
         * answer, as it has always been (a search by email without a curator key is refused whatever else it holds).
         */
        IdentityListQuery query(Caller caller) {
            PageRequest request = PageRequest.parse(page, size, sort, ContributorService.IDENTITY_SORTABLE, "id");
            Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
            String byEmail = lowerCase(email);
            if (byEmail != null) {
                ContributorService.requireCuratorToSearchByEmail(caller);
            }
            String p = Texts.trimmedOrNull(platform);
            if (p != null && !PLATFORMS.contains(p)) {
                throw ApiProblem.badRequest("platform", "must be one of [github, huggingface, gitlab]");
            }
            return new IdentityListQuery(byEmail, p, lowerCase(username), asOf, request);
        }
    }
}

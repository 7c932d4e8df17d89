package io.counterpower.license;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A license change list request ({@code GET /api/v1/license-changes}), parsed once at the edge.
 *
 * @param project   the project's slug; null: every project
 * @param artifact  the artifact (code, weights, ...); null: every one
 * @param direction only changes in this direction; null: any
 * @param from      only changes on or after this day; null: any
 * @param to        only changes on or before this day; null: any
 * @param asOf      the periods as recorded on this moment; null: as currently recorded
 * @param page      the page of a JSON answer (a CSV answer holds every change, but the page is still checked)
 */
record LicenseChangeQuery(String project, String artifact, LicenseChangeKind direction, LocalDate from, LocalDate to,
                          Instant asOf, PageRequest page) {

    /** The query string as sent, but {@code format}. */
    record Params(@RestQuery String project, @RestQuery String artifact, @RestQuery String direction,
                  @RestQuery String from, @RestQuery String to, @RestQuery String asRecordedOn,
                  @RestQuery String page, @RestQuery String size) {

        /** The page, the direction, the dates, then the moment: the first fault is the answer, as it has always been. */
        LicenseChangeQuery query() {
            PageRequest request = PageRequest.parse(page, size, null, Map.of("date", "date"), "date");
            LicenseChangeKind wanted = QueryParams.code(direction, "direction", LicenseChangeKind::of);
            LocalDate fromDay = Instants.parseDate(from, "from");
            LocalDate toDay = Instants.parseDate(to, "to");
            Instant asOf = Instants.parseInstantOrDate(asRecordedOn, "asRecordedOn");
            return new LicenseChangeQuery(Texts.trimmedOrNull(project), Texts.trimmedOrNull(artifact), wanted, fromDay, toDay, asOf, request);
        }

    }
}

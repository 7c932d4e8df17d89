package io.counterpower.license;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Locale;
import java.util.Map;

/**
 * A catalog list request ({@code GET /api/v1/licenses}), parsed once at the edge.
 *
 * @param level    only licenses of this restrictiveness level (0 to 7); null: any
 * @param spdxOnly true: only SPDX-listed licenses; false: only the others; null: both
 * @param needle   lower-case text the id or the name contains; null: any
 */
record LicenseListQuery(Integer level, Boolean spdxOnly, String needle, PageRequest page) {

    boolean matches(LicenseEntry e) {
        return (level == null || level.equals(e.level()))
                && (spdxOnly == null || spdxOnly == e.spdx())
                && (needle == null || e.id().toLowerCase(Locale.ROOT).contains(needle)
                || e.name().toLowerCase(Locale.ROOT).contains(needle));
    }

    /** The query string as sent. */
    record Params(@RestQuery String q, @RestQuery String level, @RestQuery String spdx, @RestQuery String page,
                  @RestQuery String size) {

        /** The page, then the level, then spdx: the first fault is the answer, as it has always been. */
        LicenseListQuery query() {
            PageRequest request = PageRequest.parse(page, size, null, Map.of("id", "id"), "id");
            Integer wanted = QueryParams.code(level, "level", Params::level);
            Boolean spdxOnly = QueryParams.code(spdx, "spdx", Params::bool);
            return new LicenseListQuery(wanted, spdxOnly, q == null || q.isBlank() ? null : q.trim().toLowerCase(Locale.ROOT),
                    request);
        }

        private static Integer level(String value) {
            try {
                int level = Integer.parseInt(value);
                if (level >= 0 && level <= 7) {
                    return level;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("must be a level from 0 to 7");
        }

        private static Boolean bool(String value) {
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }
    }
}

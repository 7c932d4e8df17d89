package io.counterpower.license;

import io.counterpower.common.paging.Page;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.problem.ApiProblem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The license catalog, and the level of any expression under it. */
@Path("/api/v1/licenses")
@Produces(MediaType.APPLICATION_JSON)
class LicenseResource {

    /** The level of an expression under the current catalog. */
    record Evaluation(String expression, LicensePeriods.Level restrictiveness, String malformedReason, String catalogVersion) {
    }

    @Inject
    LicenseCatalog catalog;
    @Inject
    LicenseExpressions expressions;

    @GET
    public Page<LicenseEntry> licenses(@QueryParam("q") String q, @QueryParam("level") String level,
                                       @QueryParam("spdx") String spdx, @QueryParam("page") String page,
                                       @QueryParam("size") String size) {
        PageRequest paging = PageRequest.parse(page, size, null, Map.of("id", "id"), "id");
        Integer wanted = QueryParams.code(level, "level", LicenseResource::level);
        Boolean spdxOnly = QueryParams.code(spdx, "spdx", LicenseResource::bool);
        String needle = q == null || q.isBlank() ? null : q.trim().toLowerCase(Locale.ROOT);
        List<LicenseEntry> matching = catalog.entries().stream()
                .filter(e -> wanted == null || wanted.equals(e.level()))
                .filter(e -> spdxOnly == null || spdxOnly == e.spdx())
                .filter(e -> needle == null || e.id().toLowerCase(Locale.ROOT).contains(needle)
                        || e.name().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        return slice(matching, paging);
    }

    @GET
    @Path("/{id}")
    public LicenseEntry license(@PathParam("id") String id) {
        return catalog.find(id).orElseThrow(() -> ApiProblem.notFound("The catalog has no license '" + id
                + "'; a period may still record it, and it is then shown as unknown"));
    }

    @GET
    @Path("/evaluate")
    public Evaluation evaluate(@QueryParam("expression") String expression) {
        if (expression == null || expression.isBlank() || expression.length() > 500) {
            throw ApiProblem.badRequest("expression", "is required: an SPDX expression of at most 500 characters");
        }
        ExpressionLevel level = expressions.evaluate(expression);
        return new Evaluation(expression, level.malformed() ? null : LicensePeriods.Level.of(level), level.malformedReason(),
                catalog.catalogVersion());
    }

    static <T> Page<T> slice(List<T> all, PageRequest paging) {
        int fromIndex = Math.min(paging.offset(), all.size());
        int toIndex = Math.min(fromIndex + paging.size(), all.size());
        return new Page<>(all.subList(fromIndex, toIndex), paging.page(), paging.size(), all.size());
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

package io.counterpower.license;

import io.counterpower.common.paging.Page;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.problem.ApiProblem;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

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
    public Page<LicenseEntry> licenses(@BeanParam LicenseListQuery.Params params) {
        LicenseListQuery q = params.query();
        return slice(catalog.entries().stream().filter(q::matches).toList(), q.page());
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
}

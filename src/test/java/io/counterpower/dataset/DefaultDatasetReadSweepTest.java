package io.counterpower.dataset;

import io.counterpower.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.counterpower.support.Api.anonymous;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every read endpoint of every organisation and project of the default dataset answers without a
 * 5xx, and within the contract (the governance report once answered 500 for most organisations: a
 * steward period without a first day). The dear endpoints (series, charts, comparisons) are asked for
 * a sample of the projects, so that the sweep stays near a minute; every project and organisation gets
 * the others.
 */
@QuarkusTest
class DefaultDatasetReadSweepTest {
    /** Series and charts for every n-th project. */
    private static final int SAMPLE_EVERY = 5;

    @Inject
    DataSource db;

    private final List<String> failures = new ArrayList<>();
    private int asked;

    private void read(String what, Supplier<RequestSpecification> as, String path) {
        asked++;
        try {
            Response r = as.get().get(path);
            if (r.statusCode() >= 500) {
                failures.add(what + " " + path + " -> " + r.statusCode() + " " + r.asString());
            }
        } catch (RuntimeException | AssertionError e) {
            // The contract filter's complaint (a response outside the contract) is a failure too.
            failures.add(what + " " + path + " -> " + e.getMessage());
        }
    }

    private static Supplier<RequestSpecification> accepting(String type) {
        return () -> anonymous().accept(type + ", application/problem+json");
    }

    private List<String> referenceKeys(String sql) throws Exception {
        return new Sql(db).rows(sql).stream().map(row -> (String) row.get(0)).toList();
    }

    @Test
    void everyOrganisationAndProjectOfTheDefaultDatasetIsReadWithoutA5xx() throws Exception {
        List<String> organisations = referenceKeys("""
                select distinct o.key from organisation o join organisation_version v on v.id = o.id
                where v.source_kind = 'reference-dataset' order by o.key""");
        List<String> projects = referenceKeys("""
                select distinct p.slug from project p join project_version v on v.id = p.id
                where v.source_kind = 'reference-dataset' order by p.slug""");
        assertEquals(92, organisations.size(), "the default dataset's organisations (2026.12.12)");
        assertEquals(37, projects.size(), "the default dataset's projects");
        Supplier<RequestSpecification> json = () -> anonymous();

        for (String key : organisations) {
            String o = "/api/v1/organisations/" + key;
            read("organisation", json, o);
            read("history", json, o + "/history");
            read("parents", json, o + "/parents");
            read("governance report", json, o + "/governance-report?from=2024-01-01");
            read("governance report csv", accepting("text/csv"), o + "/governance-report?from=2024-01-01&format=csv");
            read("governance report html", accepting("text/html"), o + "/governance-report?from=2024-01-01&format=html");
        }
        for (int i = 0; i < projects.size(); i++) {
            String slug = projects.get(i);
            String p = "/api/v1/projects/" + slug;
            read("project", json, p);
            read("history", json, p + "/history");
            read("stewards", json, p + "/stewards");
            read("repositories", json, p + "/repositories");
            read("assessment", json, p + "/assessment");
            read("assessment at", json, p + "/assessment?at=2024-06-30&window=P24M");
            read("indicators", json, p + "/indicators");
            read("openness", json, p + "/openness");
            read("badge", accepting("image/svg+xml"), p + "/badge.svg");
            // A fork beside its upstream (a 404 for a project that is not a fork), and its chart for the forks.
            read("fork", json, p + "/fork?to=2024-12-31&step=quarter");
            if (List.of("opentofu", "valkey", "opensearch").contains(slug)) {
                read("fork csv", accepting("text/csv"), p + "/fork?to=2024-12-31&step=quarter&format=csv");
                read("fork chart", accepting("image/svg+xml"), p + "/charts/fork.svg?to=2024-12-31&step=quarter");
            }
            read("compare", json, "/api/v1/compare?projects=" + slug + "," + projects.get((i + 1) % projects.size())
                    + "&at=2024-12-31");
            if (i % SAMPLE_EVERY == 0) {
                read("series", json, p + "/indicators/series?from=2023-01-01&to=2024-12-31&step=quarter");
                read("series csv", accepting("text/csv"), p + "/indicators/series?from=2023-01-01&to=2024-12-31&step=quarter&format=csv");
                read("chart", accepting("image/svg+xml"), p + "/charts/top_org_share.svg?from=2023-01-01&to=2024-12-31&step=quarter");
                read("risk chart", accepting("image/svg+xml"), p + "/charts/capture_risk.svg?from=2023-01-01&to=2024-12-31&step=quarter");
                read("license periods", json, "/api/v1/license-periods?project=" + slug);
                read("license changes", json, "/api/v1/license-changes?project=" + slug);
                read("governance events", json, "/api/v1/governance-events?project=" + slug);
            }
        }
        assertTrue(asked > 700, "asked " + asked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + asked + " reads failed:\n" + String.join("\n", failures));
    }
}

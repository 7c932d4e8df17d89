package io.counterpower.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.file.Path;
import java.util.UUID;

/**
 * REST Assured entry points. Every request goes through the contract filter, which validates the
 * request and the response against openapi/openapi.yaml, so the spec and the code cannot drift.
 */
public final class Api {
    public static final String ADMIN_KEY = "cp_test_admin_key_for_the_test_suite_only";
    private static final String SPEC = Path.of("openapi/openapi.yaml").toAbsolutePath().toString();

    /** Loaded once, on first use. */
    private static final class Contract {
        /** Validates requests and responses: for every request that is meant to be valid. */
        static final OpenApiValidationFilter FULL = new OpenApiValidationFilter(
                OpenApiInteractionValidator.createForSpecificationUrl(SPEC).build());

        /**
         * Validates responses only: for requests that are invalid on purpose (a malformed body, a
         * wrong type), whose problem+json answer must still match the contract.
         */
        static final OpenApiValidationFilter RESPONSES_ONLY = new OpenApiValidationFilter(
                OpenApiInteractionValidator.createForSpecificationUrl(SPEC)
                        .withLevelResolver(LevelResolver.create()
                                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                .build())
                        .build());
    }

    /** Decimal amounts compare as doubles (REST Assured would read them as floats). */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    private Api() {
    }

    /** An anonymous request (reads are public). */
    public static RequestSpecification anonymous() {
        return RestAssured.given().config(DOUBLES).filter(Contract.FULL).contentType(ContentType.JSON)
                .accept("application/json, application/problem+json");
    }

    public static RequestSpecification admin() {
        return as(ADMIN_KEY);
    }

    public static RequestSpecification as(String key) {
        return anonymous().header("Authorization", "Bearer " + key);
    }

    /** A deliberately invalid request: only the response is checked against the contract. */
    public static RequestSpecification invalid() {
        return RestAssured.given().config(DOUBLES).filter(Contract.RESPONSES_ONLY).accept("application/json, application/problem+json");
    }

    public static RequestSpecification invalidAsAdmin() {
        return invalid().header("Authorization", "Bearer " + ADMIN_KEY);
    }

    /** A key, slug or name unique to this test run, so that tests never depend on each other. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.counterpower.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.counterpower.support.Api.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

@QuarkusTest
class OperationsTest {

    @Test
    void healthChecksTheDatabase() {
        RestAssured.get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        RestAssured.get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void metricsAreExposedForPrometheus() {
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void theContractIsServedByteForByte() throws Exception {
        byte[] served = RestAssured.get("/openapi").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(Path.of("openapi/openapi.yaml")), served);
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void apiResponsesNameTheirDataVersion() {
        anonymous().get("/api/v1/projects").then().statusCode(200).header("Counterpower-Data-Version", notNullValue());
    }
}

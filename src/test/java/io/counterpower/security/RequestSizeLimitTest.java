package io.counterpower.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static io.counterpower.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests too large to be worth reading are refused before any work, as problem+json. The 414 and
 * 431 answers come before routing, for any path, so they are checked with a plain HTTP client
 * rather than against an operation of the contract (which says so in its introduction).
 */
@QuarkusTest
class RequestSizeLimitTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aLongRequestTargetIs414() throws Exception {
        HttpResponse<String> answer = get("/api/v1/projects?q=" + "a".repeat(9000), null);
        assertEquals(414, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(answer.body().contains("\"status\":414") && answer.body().contains("at most 8192"), answer.body());
    }

    @Test
    void largeHeadersAre431() throws Exception {
        HttpResponse<String> answer = get("/api/v1/projects", "x".repeat(20_000));
        assertEquals(431, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(answer.body().contains("\"status\":431"), answer.body());
    }

    @Test
    void tooManyQueryParametersAre400() {
        StringBuilder query = new StringBuilder("page=0");
        for (int i = 0; i < 70; i++) {
            query.append("&p").append(i).append('=').append(i);
        }
        invalid().get("/api/v1/projects?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("71 query parameters"));
        invalid().get("/api/v1/projects?page=0&size=5").then().statusCode(200);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() {
        invalid().header("Authorization", "Bearer x").contentType("application/json").body(new byte[2 * 1024 * 1024 + 10])
                .post("/api/v1/projects").then().statusCode(413).body("status", equalTo(413));
    }

    private HttpResponse<String> get(String target, String headerValue) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + target))
                .timeout(Duration.ofSeconds(30)).GET();
        if (headerValue != null) {
            request.header("X-Padding", headerValue);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

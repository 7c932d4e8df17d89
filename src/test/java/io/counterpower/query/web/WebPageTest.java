package io.counterpower.query.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web page at / and its files: security headers, no inline script, no markup written from data. */
@QuarkusTest
class WebPageTest {

    static void assertPageHeaders(Response r) {
        r.then().header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    @Test
    void thePageAndItsFilesCarryTheSecurityHeaders() {
        Response page = anonymous().accept("text/html").get("/");
        page.then().statusCode(200).contentType(startsWith("text/html"));
        assertPageHeaders(page);
        Response script = anonymous().accept("text/javascript").get("/assets/app.js");
        script.then().statusCode(200).contentType(containsString("javascript"));
        assertPageHeaders(script);
        Response style = anonymous().accept("text/css").get("/assets/app.css");
        style.then().statusCode(200).contentType(startsWith("text/css"));
        assertPageHeaders(style);
        anonymous().get("/assets/" + unique("missing") + ".js").then().statusCode(404).contentType("application/problem+json");
        // Only the page's paths: Swagger UI under /q runs inline script, and the API answers JSON.
        anonymous().accept("application/yaml").get("/openapi").then().statusCode(200)
                .header("Content-Security-Policy", nullValue());
        anonymous().get("/api/v1/projects/terraform").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }

    @Test
    void thePageRunsNoInlineScriptAndItsScriptNeverWritesMarkup() {
        String html = anonymous().accept("text/html").get("/").then().statusCode(200).extract().asString();
        Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(html);
        int count = 0;
        while (scripts.find()) {
            assertTrue(scripts.group().contains("src=\"/assets/"), scripts.group());
            count++;
        }
        assertTrue(count > 0);
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no inline event handlers");
        assertFalse(html.contains("style="), "no inline styles");
        String script = anonymous().accept("text/javascript").get("/assets/app.js").then().statusCode(200).extract().asString();
        for (String sink : new String[]{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("}) {
            assertFalse(script.contains(sink), "the script writes text, never markup: " + sink);
        }
    }
}

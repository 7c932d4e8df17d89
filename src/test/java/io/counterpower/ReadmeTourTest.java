package io.counterpower;

import io.counterpower.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's tour is {@code docs/tour/tour.sh}, shown in the README verbatim, and it runs as written
 * against the started service: each step checks its answer (HTTP status and the value the README
 * promises), so a tour that drifts from the product fails here.
 */
@QuarkusTest
class ReadmeTourTest {
    private static final Path TOUR = Path.of("docs/tour/tour.sh");

    @Test
    void theReadmeShowsTheTourScriptVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String script = Files.readString(TOUR);
        assertTrue(readme.contains("```bash\n" + script + "```\n"),
                "README.md must show docs/tour/tour.sh verbatim in a bash block");
        assertTrue(Files.exists(TOUR.resolveSibling("developers_affiliations1.txt")), "the tour's example file ships");
    }

    @Test
    void theTourRunsAsWrittenAgainstTheService() throws Exception {
        Process tour = new ProcessBuilder("bash", TOUR.toString(), "http://localhost:" + RestAssured.port, Api.ADMIN_KEY)
                .redirectErrorStream(true).start();
        // Read the output while the tour runs (a full pipe would stall it); the wait is a bound, not a measure.
        byte[] output = tour.getInputStream().readAllBytes();
        assertTrue(tour.waitFor(5, TimeUnit.MINUTES), "the tour ended");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, tour.exitValue(), "the tour failed:\n" + text);
        assertTrue(text.contains("304"), text);
    }
}

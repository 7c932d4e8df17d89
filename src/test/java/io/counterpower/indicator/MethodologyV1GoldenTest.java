package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Methodology version 1 is frozen (METHODOLOGY.md section 8): it keeps answering as it did when version 2
 * became the default ({@link MethodologyGolden}, {@code src/test/resources/golden/methodology-v1.json}).
 * Regenerate with {@code ./mvnw test -Dtest=MethodologyV1GoldenTest -Dgolden.rewrite=true} (once, after a
 * deliberate change to what version 1 answers, such as the license fixes of #12-#14).
 */
@QuarkusTest
class MethodologyV1GoldenTest {

    @Test
    void versionOneAnswersAsFrozen() throws IOException {
        MethodologyGolden.check(1, MethodologyGolden.SAMPLE);
    }
}

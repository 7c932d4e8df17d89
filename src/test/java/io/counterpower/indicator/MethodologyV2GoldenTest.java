package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Methodology version 2 is frozen once its section 7 measures landed (METHODOLOGY.md sections 7 and 8): it
 * keeps answering as {@code src/test/resources/golden/methodology-v2.json} recorded ({@link MethodologyGolden}),
 * on version 1's sample plus the forks' other sides (Valkey, OpenSearch), so that the walk-away, fork, compost
 * and body figures are pinned too. A change to what version 2 computes is a version 3.
 */
@QuarkusTest
class MethodologyV2GoldenTest {
    static final List<String> SAMPLE;

    static {
        List<String> sample = new ArrayList<>(MethodologyGolden.SAMPLE);
        sample.addAll(List.of("valkey", "opensearch"));
        SAMPLE = List.copyOf(sample);
    }

    @Test
    void versionTwoAnswersAsFrozen() throws IOException {
        MethodologyGolden.check(2, SAMPLE);
    }
}

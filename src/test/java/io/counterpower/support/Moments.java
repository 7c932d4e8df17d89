package io.counterpower.support;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/**
 * Moments that tests put between recorded writes. "As recorded on" compares instants, so a test that reads the
 * state between two writes needs an instant strictly after the first and strictly before the second: it waits
 * until the clock has moved past a point (a condition on the clock, not a sleep of a chosen length).
 */
public final class Moments {
    /** A margin wider than any rounding between the JVM's and PostgreSQL's timestamps (microseconds). */
    private static final Duration MARGIN = Duration.ofMillis(1);

    private Moments() {
    }

    /** An instant after every write that has returned, and before every write that starts after this returns. */
    public static Instant between() {
        passed(Instant.now());
        Instant moment = Instant.now();
        passed(moment);
        return moment;
    }

    /** Returns once the clock reads more than {@code instant} plus the margin. */
    public static void passed(Instant instant) {
        Instant mark = instant.plus(MARGIN);
        await("the clock passes " + mark).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> Instant.now().isAfter(mark));
    }
}

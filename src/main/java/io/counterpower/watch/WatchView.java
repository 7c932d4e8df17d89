package io.counterpower.watch;

import java.time.Instant;
import java.util.List;

/**
 * A watch as the API shows it. {@code secret} is the signing secret, present only in the answer
 * that created the watch: it is never shown again. {@code methodology} is the methodology version
 * its figures are evaluated with.
 */
record WatchView(long id, String name, String project, String organisation, String owner, String url,
                        List<WatchCondition> conditions, boolean active, int methodology, Instant createdAt,
                        Instant updatedAt, String secret) {
}

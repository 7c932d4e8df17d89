package io.counterpower.watch;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * The background work of watches on this instance: evaluating queued scopes, sending due
 * deliveries, and queueing every watch on a schedule (figures move as days pass even when no fact
 * changes). The work itself is rows shared by every instance; {@code counterpower.watches.workers=false}
 * leaves it to the others.
 */
@ApplicationScoped
class WatchWorkers {
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    WatchesConfig config;
    @Inject
    WatchEvaluations evaluations;
    @Inject
    WebhookSender sender;
    /** Delivery steps run on this instance: tests wait on it for "a few more ticks" instead of sleeping. */
    private final java.util.concurrent.atomic.AtomicLong deliverySteps = new java.util.concurrent.atomic.AtomicLong();

    @Scheduled(every = "${counterpower.watches.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "watch-evaluations")
    void evaluate() {
        if (config.workers()) {
            run("evaluation", () -> evaluations.evaluateQueued(instance + "/evaluate"));
        }
    }

    @Scheduled(every = "${counterpower.watches.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "webhook-deliveries")
    void deliver() {
        if (config.workers()) {
            run("delivery", () -> sender.sendDue(instance + "/deliver"));
            deliverySteps.incrementAndGet();
        }
    }

    @Scheduled(every = "${counterpower.watches.evaluate-every}", delayed = "${counterpower.watches.evaluate-every}",
            identity = "watch-schedule")
    void schedule() {
        if (config.workers()) {
            run("schedule", () -> {
                evaluations.queueAll();
                return 1;
            });
        }
    }

    long deliverySteps() {
        return deliverySteps.get();
    }

    private static void run(String what, java.util.function.IntSupplier step) {
        try {
            step.getAsInt();
        } catch (RuntimeException e) {
            // The database is away, most likely: the next tick tries again.
            Log.warnf("Watch %s step failed: %s", what, e.getMessage());
        }
    }
}

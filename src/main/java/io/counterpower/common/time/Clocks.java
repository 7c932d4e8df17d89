package io.counterpower.common.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The service's clock (UTC). Code that needs "now" or "today" for something a client sees (the day in
 * an ETag, a Last-Modified) injects it, so that a test can fix the date (e.g. a single-digit day of the
 * month) with {@code QuarkusMock.installMockForType(Clock.fixed(...), Clock.class)}.
 */
@ApplicationScoped
class Clocks {
    @Produces
    @ApplicationScoped
    Clock utc() {
        return Clock.systemUTC();
    }
}

package io.counterpower.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link PlatformServer} for every Quarkus test, so that they share one application start. */
@QuarkusTestResource(value = PlatformServer.class, restrictToAnnotatedClass = false)
public final class PlatformServerBinding {
    private PlatformServerBinding() {
    }
}

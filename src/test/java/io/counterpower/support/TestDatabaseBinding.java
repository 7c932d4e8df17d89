package io.counterpower.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link TestDatabase} for every Quarkus test (restrictToAnnotatedClass = false). */
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = false)
public final class TestDatabaseBinding {
    private TestDatabaseBinding() {
    }
}

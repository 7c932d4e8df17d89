package io.counterpower.common.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Makes sure an admin key exists on start (COUNTERPOWER_ADMIN_KEY, or one generated once). */
@ApplicationScoped
class AdminKeyBootstrap {
    @Inject
    ApiKeyService keys;

    // One property directly under counterpower: a mapping would need that whole prefix.
    @ConfigProperty(name = "counterpower.admin-key")
    Optional<String> adminKey;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        keys.bootstrap(adminKey);
    }
}

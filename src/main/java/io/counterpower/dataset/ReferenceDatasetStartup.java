package io.counterpower.dataset;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Loads the default dataset on first start, so that a new user sees real projects at once. */
@ApplicationScoped
public class ReferenceDatasetStartup {
    @Inject
    ReferenceDataset dataset;

    @ConfigProperty(name = "counterpower.dataset.load-on-start", defaultValue = "true")
    boolean loadOnStart;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (loadOnStart) {
            dataset.loadIfEmpty();
        }
    }
}

package io.counterpower.dataset;

import io.counterpower.common.problem.ApiProblem;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the default dataset on first start, so that a new user sees real projects at once: the
 * bundled default snapshot (the reference dataset and the default projects' collected git
 * histories, ops/default-snapshot/build.sh) when it is there, else the reference dataset alone.
 */
@ApplicationScoped
class ReferenceDatasetStartup {
    static final String DEFAULT_SNAPSHOT = "/dataset/default-snapshot.jsonl.gz";

    @Inject
    ReferenceDataset dataset;
    @Inject
    Snapshots snapshots;
    @Inject
    ReferenceDatasetUpgrade upgrade;

    @Inject
    DatasetConfig config;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (!config.loadOnStart()) {
            return;
        }
        loadIfEmpty();
        // A newer default dataset shipped with this release reaches the instance as recorded corrections.
        upgrade.applyIfNewer(dataset.bundled());
    }

    private void loadIfEmpty() {
        if (config.snapshotOnStart() && snapshots.isEmpty()) {
            try (InputStream in = ReferenceDatasetStartup.class.getResourceAsStream(DEFAULT_SNAPSHOT)) {
                if (in != null) {
                    long started = System.nanoTime();
                    Snapshots.LoadReport report = snapshots.load(new BufferedInputStream(in, 1 << 16), 1800,
                            "default dataset snapshot loaded on first start");
                    Log.infof("Loaded the default dataset snapshot (%d records, sha256 %s) in %d ms: %s", report.records(),
                            report.sha256(), (System.nanoTime() - started) / 1_000_000, report.tables());
                    return;
                }
            } catch (ApiProblem e) {
                if (e.status() != 409) {
                    throw e;
                }
                // Another instance loaded a dataset first.
                Log.info("The default dataset snapshot was not loaded: the database holds facts already");
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        dataset.loadIfEmpty();
    }
}

package io.counterpower;

import io.counterpower.common.db.DatabaseBootstrap;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Entry point: makes sure the database exists, then starts the service (which migrates it). */
@QuarkusMain
public class CounterpowerMain {
    public static void main(String... args) {
        Config config = ConfigProvider.getConfig();
        DatabaseBootstrap.ensureExists(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        Quarkus.run(args);
    }
}

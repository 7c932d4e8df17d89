package io.counterpower.common.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The read replica's pool and what the service knows of it: whether it answers, and the data version
 * it has replayed. The replica is a copy of the primary (streaming replication), so its
 * {@code data_version} rows say how far it has come; a read is sent there only when that is at least
 * the version the client saw ({@code version.ReadRouting}). A replica that fails is left alone for
 * {@code retry-after}, and every read meanwhile goes to the primary: the service never depends on it.
 */
@ApplicationScoped
public class ReadReplica {
    /** The replica's newest data version and its change time, as read at {@code readAtNanos}. */
    public record Replayed(long version, Instant changedAt, long readAtNanos) {
    }

    @Inject
    ReadReplicaConfig config;
    @Inject
    TransactionManager transactions;
    @Inject
    TransactionSynchronizationRegistry synchronizations;
    // Loose properties, not a mapping: counterpower.db.* also holds url (read by the datasource) and replica.* (ReadReplicaConfig).
    @ConfigProperty(name = "counterpower.db.user")
    String primaryUser;
    @ConfigProperty(name = "counterpower.db.password")
    java.util.Optional<String> primaryPassword;

    private volatile AgroalDataSource pool;
    private volatile Replayed replayed;
    /** System.nanoTime() before which the replica is not tried again; 0 when it is healthy. */
    private volatile long downUntilNanos;
    private volatile String lastFailure;

    public boolean configured() {
        return config.url().filter(u -> !u.isBlank()).isPresent();
    }

    /** Whether reads may be sent to the replica now: configured and not failed within {@code retry-after}. */
    public boolean usable() {
        return configured() && (downUntilNanos == 0 || System.nanoTime() - downUntilNanos >= 0);
    }

    /** Whether the replica failed recently (health reports the service degraded, not down). */
    boolean down() {
        return configured() && downUntilNanos != 0;
    }

    String lastFailure() {
        return lastFailure;
    }

    /**
     * The replica's replayed data version, read again when the held one is older than
     * {@code version-max-age} or older than {@code atLeast}; null when the replica cannot say (it is
     * then marked down).
     */
    public Replayed replayed(long atLeast) {
        Replayed r = replayed;
        if (r != null && r.version() >= atLeast && System.nanoTime() - r.readAtNanos() < config.versionMaxAge().toNanos()) {
            return r;
        }
        try (Connection c = pool().getConnection();
             PreparedStatement st = c.prepareStatement("select version, changed_at from data_version order by version desc limit 1");
             ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Replayed now = new Replayed(rs.getLong(1), rs.getTimestamp(2).toInstant(), System.nanoTime());
            replayed = now;
            healthy();
            return now;
        } catch (SQLException | RuntimeException e) {
            failed(e);
            return null;
        }
    }

    /** The last replayed version read, without a query (health). */
    Replayed lastReplayed() {
        return replayed;
    }

    /** A connection to the replica. */
    Connection connection() throws SQLException {
        try {
            return pool().getConnection();
        } catch (SQLException | RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    void failed(Exception e) {
        if (downUntilNanos == 0) {
            Log.warnf("The read replica failed (%s); reads go to the primary, and the replica is tried again in %s",
                    e.getMessage(), config.retryAfter());
        }
        lastFailure = e.getMessage();
        replayed = null;
        long until = System.nanoTime() + config.retryAfter().toNanos();
        downUntilNanos = until == 0 ? 1 : until;
    }

    private void healthy() {
        if (downUntilNanos != 0) {
            Log.infof("The read replica answers again; lag-tolerant reads go to it");
        }
        downUntilNanos = 0;
        lastFailure = null;
    }

    private AgroalDataSource pool() throws SQLException {
        AgroalDataSource p = pool;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (pool == null) {
                pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(cp -> cp
                                .maxSize(config.maxSize())
                                .acquisitionTimeout(Duration.ofSeconds(2))
                                .validationTimeout(Duration.ofSeconds(10))
                                .idleValidationTimeout(Duration.ofSeconds(1))
                                .reapTimeout(Duration.ofMinutes(5))
                                // A replica that restarted left dead connections: checked before use, dropped on error.
                                .connectionValidator(io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator.defaultValidator())
                                .exceptionSorter(new io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter())
                                // Enlisted like the primary's connections: one connection per transaction.
                                .transactionIntegration(new NarayanaTransactionIntegration(transactions, synchronizations))
                                .connectionFactoryConfiguration(cf -> cf
                                        .jdbcUrl(config.url().orElseThrow())
                                        .principal(new NamePrincipal(config.user().orElse(primaryUser)))
                                        .credential(new SimplePassword(config.password().or(() -> primaryPassword).orElse("")))
                                        .initialSql("set jit = off")
                                        .jdbcProperty("connectTimeout", "2")
                                        .jdbcProperty("ApplicationName", "counterpower-replica-reads")
                                        .jdbcProperty("tcpKeepAlive", "true"))));
            }
            return pool;
        }
    }

    void close(@Observes ShutdownEvent event) {
        AgroalDataSource p = pool;
        if (p != null) {
            p.close();
        }
    }
}

package io.counterpower.common.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.customized.QuarkusConnectionProvider;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hibernate's sessions take their connections from the primary, or from the read replica when the
 * request was routed there ({@code version.ReadRouting}). This is Hibernate's database multi-tenancy with two
 * "tenants" holding the same data, the only supported way in Quarkus to choose a session's datasource
 * per request (entities, Panache and native queries alike). Work outside a request (jobs, watches, the
 * ranking refresh) is on the primary. A replica that fails to give a connection is replaced by the
 * primary for that session, so a stopped replica never fails a read.
 */
@ApplicationScoped
@PersistenceUnitExtension
class ReplicaTenants implements TenantResolver, TenantConnectionResolver {
    static final String PRIMARY = "primary";
    static final String REPLICA = "replica";

    @Inject
    AgroalDataSource primary;
    @Inject
    ReadReplica replica;

    @Override
    public String getDefaultTenantId() {
        return PRIMARY;
    }

    @Override
    public String resolveTenantId() {
        if (!replica.configured() || !Arc.container().requestContext().isActive()) {
            return PRIMARY;
        }
        ReadRoute route = Arc.container().instance(ReadRoute.class).get();
        return route.onReplica() ? REPLICA : PRIMARY;
    }

    @Override
    public ConnectionProvider resolve(String tenantId) {
        QuarkusConnectionProvider onPrimary = new QuarkusConnectionProvider(primary);
        return REPLICA.equals(tenantId) ? new ReplicaFirst(onPrimary) : onPrimary;
    }

    /** Connections of the replica, or of the primary when the replica cannot give one. */
    private final class ReplicaFirst implements ConnectionProvider {
        private final QuarkusConnectionProvider onPrimary;

        ReplicaFirst(QuarkusConnectionProvider onPrimary) {
            this.onPrimary = onPrimary;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (replica.usable()) {
                try {
                    return replica.connection();
                } catch (SQLException | RuntimeException e) {
                    // Marked down by connection(): this and the next reads go to the primary.
                }
            }
            return onPrimary.getConnection();
        }

        @Override
        public void closeConnection(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return true; // as Quarkus' own provider: connections are enlisted in the transaction
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return onPrimary.isUnwrappableAs(type);
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return onPrimary.unwrap(type);
        }
    }
}

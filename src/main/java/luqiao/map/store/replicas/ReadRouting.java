package luqiao.map.store.replicas;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Chooses where a connection comes from: a healthy replica for work marked as an anonymous read
 * ({@link ReplicaReads}) outside a read-write transaction, else the primary. Asked only when the first statement
 * runs ({@link RoutedDataSource} is lazy), by which time the transaction, if any, has said whether it writes.
 */
final class ReadRouting extends AbstractDataSource {

    private final HikariDataSource primary;
    private final Replicas replicas;

    ReadRouting(HikariDataSource primary, Replicas replicas) {
        this.primary = primary;
        this.replicas = replicas;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (ReplicaReads.marked() && !inReadWriteTransaction()) {
            var replica = replicas.connection();
            if (replica.isPresent()) {
                return replica.get();
            }
        }
        return primary.getConnection();
    }

    private static boolean inReadWriteTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the routed data source connects with the configured user only");
    }

    /** The primary's pool, for what looks for it (Boot's pool metrics and health). */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : primary.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || primary.isWrapperFor(type);
    }
}

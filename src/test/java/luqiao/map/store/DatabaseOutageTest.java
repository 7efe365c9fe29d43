package luqiao.map.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

    /** What PostgreSQL's driver and Hikari throw when a query's connection dies and its rollback then fails. */
    @Test
    void aFailedRollbackAfterALostConnectionIsAnOutage() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException(
                "reading parcels", new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(DatabaseOutage.cause(rollback))
                .hasValueSatisfying(cause -> assertThat(cause).startsWith("SQLException: An I/O error occurred"));
    }

    @Test
    void aFailedRollbackAfterAnOrdinaryErrorIsNot() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("a bug"));

        assertThat(DatabaseOutage.cause(rollback)).isEmpty();
    }
}

package luqiao.map.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database is out of reach (restarting, down, refusing connections, or the
 * pool timed out waiting for a connection) rather than that a request or the code is wrong. Such a
 * failure is temporary: it is answered 503 with {@code Retry-After}, not 500. The store decides it
 * because only the store knows JDBC (ArchitectureTest).
 */
public final class DatabaseOutage {

    /** PostgreSQL: admin shutdown, crash shutdown, cannot connect now, too many connections. */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {}

    /**
     * What made the database unreachable, in one line ("SQLTransientConnectionException: HikariPool-1 -
     * Connection is not available, ..."), when {@code failure} is such an outage; empty otherwise.
     */
    public static Optional<String> cause(Throwable failure) {
        boolean acquiring = false;
        boolean resource = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A statement that failed on a dead connection is followed by a rollback that fails too; Spring then
            // throws the rollback's failure ("Connection is closed", no SQL state) and keeps the statement's.
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                Optional<String> statement = cause(rollback.getApplicationException());
                if (statement.isPresent()) {
                    return statement;
                }
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return Optional.of(describe(t));
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                boolean outage = state.startsWith("08") || OUTAGE_STATES.contains(state) || acquiring;
                // Otherwise the database refused this statement for its own reasons (e.g. 54000, a program
                // limit, which Spring also calls a resource failure): the request's problem, not an outage.
                return outage ? Optional.of(describe(t)) : Optional.empty();
            }
            acquiring |= t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException;
            resource |= acquiring
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException;
        }
        return resource ? Optional.of(describe(deepest(failure))) : Optional.empty();
    }

    private static Throwable deepest(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null
                ? ""
                : t.getMessage().replaceAll("\\s+", " ").strip();
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}

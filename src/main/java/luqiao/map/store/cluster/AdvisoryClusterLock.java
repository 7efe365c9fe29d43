package luqiao.map.store.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import luqiao.map.store.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL: a job runs inside a transaction holding its advisory lock ({@code pg_try_advisory_xact_lock}),
 * so no two instances run it at once, and only after claiming the period in {@code cluster_jobs}, so an
 * instance whose timer fires after another's run has ended does not run it a second time. The lock ends
 * with the transaction, also when an instance dies in the middle: nothing is left to clean up. Start-up work
 * waits for a session advisory lock instead ({@link #runExclusively}).
 */
final class AdvisoryClusterLock implements ClusterLock {

    private static final Logger log = LoggerFactory.getLogger(AdvisoryClusterLock.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String tryLock;
    private final String claimRun;
    private final String lock;
    private final String unlock;

    AdvisoryClusterLock(JdbcTemplate jdbc, TransactionTemplate transaction, SqlStatements sql) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.tryLock = sql.get("cluster/try-lock");
        this.claimRun = sql.get("cluster/claim-run");
        this.lock = sql.get("cluster/lock");
        this.unlock = sql.get("cluster/unlock");
    }

    @Override
    public boolean runOnce(String name, Duration minGap, Runnable task) {
        Boolean ran = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject(tryLock, Boolean.class, key(name)))) {
                log.debug("Job {} skipped: another instance is running it", name);
                return false;
            }
            if (jdbc.update(claimRun, name, minGap.toMillis() / 1000.0) == 0) {
                log.debug("Job {} skipped: another instance ran it less than {} ago", name, minGap);
                return false;
            }
            task.run();
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }

    /**
     * A session lock ({@code pg_advisory_lock}) on a connection held for the task's length, not a transaction's: the
     * task's own transactions commit as they go (a failed step of the seed leaves the steps before it loaded),
     * while the lock spans them all. The wait has no statement timeout: another instance's task may take longer.
     */
    @Override
    public void runExclusively(String name, Runnable task) {
        long key = key(name);
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            call(connection, lock, key);
            try {
                task.run();
            } finally {
                call(connection, unlock, key);
            }
            return null;
        });
    }

    private static void call(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(
                    0); // JdbcTemplate's proxy set the API's statement timeout; waiting may take longer
            statement.setLong(1, key);
            statement.execute();
        }
    }

    /** The job's advisory lock key: 64 bits of the SHA-256 of its name, so other users of advisory locks are unlikely to collide. */
    static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("luqiao-map:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package luqiao.map.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlProvider;

/**
 * The {@link JdbcTemplate} of the embedded H2GIS database: a query that met a row inserted by a
 * transaction that committed while the query ran is run again, as a new statement.
 *
 * <p>Why: H2's spatial index (MVSpatialIndex, up to 2.5.252) walks the R-tree as it is now and keeps
 * the entries whose row is committed now ({@code TransactionMap.containsKey}), but then reads each row
 * from the statement's snapshot, taken when the statement started ({@code MVPrimaryIndex.getRow}). A
 * row inserted and committed in between is in the first and not in the second: error 90143 "Row not
 * found in primary index". H2 retries the statement itself, but with the same snapshot, so it fails
 * the same way until the session's LOCK_TIMEOUT has passed and then reports a lock timeout (50200,
 * "Timeout trying to lock table", the 90143 as its cause), which the API answers 503 (bench/README.md,
 * "Soak check"). Raising LOCK_TIMEOUT only makes that futile loop longer. A new statement takes a new
 * snapshot, which holds the row, so here the query is run again (at most {@value #ATTEMPTS} times in
 * all). That is safe because H2 runs a query to its end before it returns the result set (lazy query
 * execution is off), so no row has reached the caller when the error comes.
 *
 * <p>Row locks: a writer's {@code SELECT ... FOR UPDATE} (the editing and chain lock statements) waits
 * for another writer of the same row up to the statement timeout, as on PostGIS, instead of failing
 * after H2's LOCK_TIMEOUT (2 s): it is sent as {@code FOR UPDATE WAIT <statement timeout>}. The
 * session's LOCK_TIMEOUT stays as it is, because it also bounds the futile loop above.
 */
class EmbeddedJdbcTemplate extends JdbcTemplate {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedJdbcTemplate.class);

    static final int ATTEMPTS = 3;

    EmbeddedJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    private static final Pattern FOR_UPDATE = Pattern.compile("(?is).*\\bFOR\\s+UPDATE\\s*");

    @Override
    public <T> T query(PreparedStatementCreator psc, PreparedStatementSetter pss, ResultSetExtractor<T> rse) {
        if (getQueryTimeout() > 0
                && psc instanceof SqlProvider p
                && p.getSql() != null
                && FOR_UPDATE.matcher(p.getSql()).matches()) {
            psc = new FixedSql(p.getSql() + " WAIT " + getQueryTimeout());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return super.query(psc, pss, rse);
            } catch (DataAccessException e) {
                retryOrThrow(e, attempt);
            }
        }
    }

    @Override
    public <T> T query(String sql, ResultSetExtractor<T> rse) {
        for (int attempt = 1; ; attempt++) {
            try {
                return super.query(sql, rse);
            } catch (DataAccessException e) {
                retryOrThrow(e, attempt);
            }
        }
    }

    private static void retryOrThrow(DataAccessException e, int attempt) {
        if (attempt >= ATTEMPTS || !racedAnInsert(e)) {
            throw e;
        }
        log.info(
                "Query met a row committed while it ran (H2 spatial index, error 90143); running it again ({} of {})",
                attempt + 1,
                ATTEMPTS);
    }

    /** A statement of fixed SQL, which it names for error messages. */
    private record FixedSql(String sql) implements PreparedStatementCreator, SqlProvider {
        @Override
        public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
            return connection.prepareStatement(sql);
        }

        @Override
        public String getSql() {
            return sql;
        }
    }

    /** Whether H2 gave up on the query because of a row its spatial index saw and its snapshot did not. */
    static boolean racedAnInsert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX
                    || t instanceof DbException db && db.getErrorCode() == ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX) {
                return true;
            }
        }
        return false;
    }
}

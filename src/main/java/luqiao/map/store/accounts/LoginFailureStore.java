package luqiao.map.store.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import luqiao.map.store.SqlStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Failed sign-ins, counted in the database (table {@code login_failures}, migration V8) so that every
 * instance sees the failures made on the others. Three scopes: a user name at a client address
 * ({@code pair}), a client address for any user name ({@code client}), a user name from all addresses
 * ({@code user}). A user is stored by a key (its hash), not by name; what the counts mean is the
 * security package's business.
 */
@Repository
public class LoginFailureStore {

    /** The failures still counting for an attempt, and when the user's last one was (null: none counting). */
    public record Failures(int pair, int client, int user, Instant lastUserFailure) {}

    private final JdbcTemplate jdbc;
    private final String failures;
    private final String forgetExpired;
    private final String countFailure;
    private final String forgetSuccess;
    private final String forgetUser;
    private final String deleteExpired;

    LoginFailureStore(JdbcTemplate jdbc, SqlStatements sql) {
        this.jdbc = jdbc;
        this.failures = sql.get("logins/failures");
        this.forgetExpired = sql.get("logins/forget-expired");
        this.countFailure = sql.get("logins/count-failure");
        this.forgetSuccess = sql.get("logins/forget-success");
        this.forgetUser = sql.get("logins/forget-user");
        this.deleteExpired = sql.get("logins/delete-expired");
    }

    /**
     * The failures of the pair and of the client since their first failure, if that is after {@code since},
     * and of the user if their last failure is after {@code since}.
     */
    public Failures failures(String userKey, String client, Instant since) {
        Timestamp after = Timestamp.from(since);
        int[] counts = new int[3];
        Instant[] last = new Instant[1];
        jdbc.query(
                failures,
                rs -> {
                    int n = rs.getInt("failures");
                    switch (rs.getString("scope")) {
                        case "pair" -> counts[0] = n;
                        case "client" -> counts[1] = n;
                        default -> {
                            counts[2] = n;
                            last[0] = rs.getTimestamp("last_failure").toInstant();
                        }
                    }
                },
                userKey,
                client,
                client,
                after,
                userKey,
                after);
        return new Failures(counts[0], counts[1], counts[2], last[0]);
    }

    /** One more failure at {@code at} in each scope; a scope whose window began before {@code since} starts again. */
    public void failed(String userKey, String client, Instant at, Instant since) {
        Timestamp expired = Timestamp.from(since);
        jdbc.update(forgetExpired, userKey, client, client, expired, userKey, expired);
        Timestamp when = Timestamp.from(at);
        jdbc.update(countFailure, "pair", userKey, client, when);
        jdbc.update(countFailure, "client", "", client, when);
        jdbc.update(countFailure, "user", userKey, "", when);
    }

    /** A sign-in succeeded: the user's failures at this address and their slowdown are forgotten. */
    public void succeeded(String userKey, String client) {
        jdbc.update(forgetSuccess, userKey, client, userKey);
    }

    /** Forgets every failure of the user at every address; false when there was none. */
    public boolean forgetUser(String userKey) {
        return jdbc.update(forgetUser, userKey) > 0;
    }

    /** Deletes the rows whose last failure is not after {@code before}; how many. */
    public int deleteExpired(Instant before) {
        return jdbc.update(deleteExpired, Timestamp.from(before));
    }
}

package luqiao.map.store.replicas;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One read replica: its own small pool (named {@code replica-N}, the {@code pool} tag of its Hikari metrics) and
 * what the last probe found. A replica starts unhealthy and takes reads from its first good probe on.
 */
final class Replica implements AutoCloseable {

    /** What a probe found. */
    enum State {
        /** Not probed yet. */
        UNKNOWN,
        HEALTHY,
        /** Answers, but further behind the primary than {@code luqiao.db.max-replica-lag}. */
        LAGGING,
        /** Does not answer (or the probe failed). */
        DOWN
    }

    private final String name;
    private final String address;
    private final HikariDataSource pool;
    private volatile State state = State.UNKNOWN;
    private volatile double lagSeconds = Double.NaN;
    private volatile String problem = "";

    Replica(String name, String address, HikariDataSource pool) {
        this.name = name;
        this.address = address;
        this.pool = pool;
    }

    String name() {
        return name;
    }

    /** Where it is, without the URL's parameters (which may hold credentials). */
    String address() {
        return address;
    }

    HikariDataSource pool() {
        return pool;
    }

    boolean healthy() {
        return state == State.HEALTHY;
    }

    State state() {
        return state;
    }

    /** Seconds behind the primary at the last probe that answered; NaN before the first. */
    double lagSeconds() {
        return lagSeconds;
    }

    /** Why it is not healthy, in one line; empty when it is. */
    String problem() {
        return problem;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    void answered(double lag, boolean tooFar, String why) {
        lagSeconds = lag;
        problem = tooFar ? why : "";
        state = tooFar ? State.LAGGING : State.HEALTHY;
    }

    void failed(String why) {
        problem = why;
        state = State.DOWN;
    }

    @Override
    public void close() {
        pool.close();
    }
}

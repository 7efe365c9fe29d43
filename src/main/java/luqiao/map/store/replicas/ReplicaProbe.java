package luqiao.map.store.replicas;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import luqiao.map.store.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Asks every replica each second how far it is behind ({@code replicas/lag}); one further behind than
 * {@code luqiao.db.max-replica-lag}, or not answering, is skipped until a later probe finds it well. Runs on
 * every instance (each has its own view of the replicas), on a thread of its own rather than the scheduled jobs.
 */
@Component
@ConditionalOnReplicas
class ReplicaProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplicaProbe.class);

    /** How often each replica is asked; a lagging replica is noticed at most this late. */
    static final Duration EVERY = Duration.ofSeconds(1);

    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final Replicas replicas;
    private final ReplicaSettings settings;
    private final String lag;

    /**
     * The probe's own connection to each replica, outside its pool: a pool busy with requests must not make a
     * replica look down, and the pool's metrics count requests only.
     */
    private final Map<Replica, Connection> connections = new ConcurrentHashMap<>();

    private ScheduledExecutorService executor;

    ReplicaProbe(Replicas replicas, ReplicaSettings settings, SqlStatements sql) {
        this.replicas = replicas;
        this.settings = settings;
        this.lag = sql.get("replicas/lag");
    }

    /** Probes once before the server takes requests, so that healthy replicas serve from the first one. */
    @Override
    public void start() {
        probeAll();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "luqiao-replica-probe");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::probeAll, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
        executor = null;
        connections.values().forEach(ReplicaProbe::closeQuietly);
        connections.clear();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void probeAll() {
        replicas.all().forEach(this::probe);
    }

    private void probe(Replica replica) {
        boolean wasHealthy = replica.healthy();
        try (PreparedStatement s = connection(replica).prepareStatement(lag)) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                double seconds = rs.getDouble(1); // NULL reads as 0: not a replica, nothing to replay
                boolean tooFar = seconds > settings.maxReplicaLag().toMillis() / 1000.0;
                replica.answered(
                        seconds,
                        tooFar,
                        String.format(
                                Locale.ROOT,
                                "%.1f s behind the primary (more than %s)",
                                seconds,
                                settings.maxReplicaLag()));
            }
        } catch (SQLException | RuntimeException e) {
            replica.failed(e.getMessage());
            closeQuietly(connections.remove(replica));
        }
        if (wasHealthy && !replica.healthy()) {
            log.warn("Read replica {} is skipped: {}", replica.name(), replica.problem());
        } else if (!wasHealthy && replica.healthy()) {
            log.info("Read replica {} takes reads ({} s behind)", replica.name(), replica.lagSeconds());
        }
    }

    private Connection connection(Replica replica) throws SQLException {
        Connection open = connections.get(replica);
        if (open != null) {
            return open;
        }
        Properties properties = new Properties();
        if (replica.pool().getUsername() != null) {
            properties.setProperty("user", replica.pool().getUsername());
        }
        if (replica.pool().getPassword() != null) {
            properties.setProperty("password", replica.pool().getPassword());
        }
        properties.setProperty("ApplicationName", "luqiao-replica-probe");
        properties.setProperty("connectTimeout", String.valueOf(QUERY_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(2 * QUERY_TIMEOUT_SECONDS));
        Connection made = DriverManager.getConnection(replica.pool().getJdbcUrl(), properties);
        connections.put(replica, made);
        return made;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // a broken connection: nothing left to close
        }
    }
}

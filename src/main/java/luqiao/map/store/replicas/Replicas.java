package luqiao.map.store.replicas;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.env.Environment;

/**
 * The configured read replicas, taken in turn (round-robin) among the healthy ones. Each has its own pool with
 * the primary's pool settings ({@code spring.datasource.hikari.*}) except its size and connection timeout
 * ({@code luqiao.db.replica-pool-size}, {@code replica-connection-timeout}). Gauges per replica:
 * {@code luqiao.db.replica.lag.seconds} and {@code luqiao.db.replica.healthy} (1 or 0), tagged {@code replica}.
 */
public final class Replicas implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replicas.class);

    private final List<Replica> all;
    private final AtomicInteger next = new AtomicInteger();

    private Replicas(List<Replica> all) {
        this.all = List.copyOf(all);
    }

    static Replicas of(
            ReplicaSettings settings, DataSourceProperties primary, Environment environment, MeterRegistry registry) {
        List<Replica> replicas = new ArrayList<>();
        for (String url : settings.replicaUrls()) {
            String name = "replica-" + (replicas.size() + 1);
            HikariConfig config = new HikariConfig();
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(config));
            config.setPoolName(name);
            config.setJdbcUrl(url);
            config.setUsername(primary.determineUsername());
            config.setPassword(primary.determinePassword());
            config.setMaximumPoolSize(settings.replicaPoolSize());
            config.setMinimumIdle(Math.min(config.getMinimumIdle(), settings.replicaPoolSize()));
            config.setConnectionTimeout(settings.replicaConnectionTimeout().toMillis());
            config.setReadOnly(true);
            // Started at once (so its metrics are there from the start), but a replica that is down does not stop
            // the server: the pool keeps trying and the probe keeps it out of use meanwhile.
            config.setInitializationFailTimeout(-1);
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
            HikariDataSource pool = new HikariDataSource(config);
            Replica replica = new Replica(name, address(url), pool);
            Gauge.builder("luqiao.db.replica.lag.seconds", replica, Replica::lagSeconds)
                    .description("how far the replica is behind the primary, at the last probe")
                    .tag("replica", name)
                    .baseUnit("seconds")
                    .register(registry);
            Gauge.builder("luqiao.db.replica.healthy", replica, r -> r.healthy() ? 1 : 0)
                    .description("1 while the replica takes reads, 0 while it is skipped (down or lagging)")
                    .tag("replica", name)
                    .register(registry);
            replicas.add(replica);
            log.info("Read replica {} at {}", name, replica.address());
        }
        return new Replicas(replicas);
    }

    private static String address(String url) {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    List<Replica> all() {
        return all;
    }

    /**
     * A connection to the next healthy replica; empty when none is healthy or none gives one (a replica that
     * fails here is skipped until its next good probe).
     */
    Optional<Connection> connection() {
        for (int i = 0; i < all.size(); i++) {
            Replica replica = all.get(Math.floorMod(next.getAndIncrement(), all.size()));
            if (!replica.healthy()) {
                continue;
            }
            try {
                return Optional.of(replica.connection());
            } catch (SQLException e) {
                replica.failed(e.getMessage());
                log.warn(
                        "Read replica {} gave no connection ({}): skipped until it answers",
                        replica.name(),
                        e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        all.forEach(Replica::close);
    }
}

package luqiao.map.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import luqiao.map.store.FeaturesChanged.Origin;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cache invalidation across instances on one PostgreSQL database (profile {@code postgis}).
 *
 * <p>Every {@link FeaturesChanged} this instance publishes is announced with {@code pg_notify} in the writing
 * transaction itself, so PostgreSQL delivers the notice exactly when the write commits, and never for a rollback.
 * A change published outside a transaction is announced in one of its own, right away.
 *
 * <p>One connection of its own (outside the pool, {@code ApplicationName=luqiao-listener}) listens on a daemon
 * thread; a notice from another instance is published here as a {@link FeaturesChanged} of origin
 * {@link Origin#ELSEWHERE}, which the tile cache evicts by as it does for local writes. Its own notices are
 * skipped: it evicted those tiles when it wrote. When the connection is lost it is made again, with a growing
 * pause; notices sent meanwhile are lost for good, so once listening again it publishes {@link ChangesMissed}.
 */
@Component
@Profile("postgis")
public class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /** The end of a notice that users or tokens changed: {@code instance|accounts|} (no layer is named so). */
    static final String ACCOUNTS_NOTICE = "|accounts|";

    /** How long one wait for notices lasts, which bounds how long a stop waits for the thread. */
    private static final int WAIT_MILLIS = 1000;

    /** A connection silent for this long is asked whether it is still alive (a cut cable sends nothing). */
    private static final Duration CHECK_AFTER = Duration.ofSeconds(10);

    private static final Duration FIRST_CONNECTION = Duration.ofSeconds(5);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    /** Names this instance in its notices, so that it skips its own. */
    private final String instance = UUID.randomUUID().toString();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final DataSourceProperties database;
    private final String notify;
    private final String listen;
    private final Counter sent;
    private final Counter received;

    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    ChangeFeed(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            DataSourceProperties database,
            SqlStatements sql,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.database = database;
        this.notify = sql.get("changes/notify");
        this.listen = sql.get("changes/listen");
        this.sent = Counter.builder("luqiao.notify.sent")
                .description("change notices this instance sent to the others")
                .register(registry);
        this.received = Counter.builder("luqiao.notify.received")
                .description("change notices this instance heard from the others")
                .register(registry);
    }

    /** Just before the writing transaction commits (or at once, outside one): tell the other instances. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void announce(FeaturesChanged change) {
        if (change.origin() != Origin.HERE) {
            return;
        }
        String payload = new ChangeNotice(instance, change.layer(), change.envelopes()).payload();
        // Joins the writing transaction; outside one it is a read-write transaction, so on the primary.
        transaction.executeWithoutResult(status -> jdbc.query(notify, (ResultSetExtractor<Void>) rs -> null, payload));
        sent.increment();
    }

    /** Users or tokens changed here: tell the other instances, when the change commits, to drop cached sign-ins. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void announce(AccountsChanged change) {
        if (change.elsewhere()) {
            return;
        }
        String payload = instance + ACCOUNTS_NOTICE;
        transaction.executeWithoutResult(status -> jdbc.query(notify, (ResultSetExtractor<Void>) rs -> null, payload));
        sent.increment();
    }

    /** Whether the listening connection is open now (the {@code tileListener} health). */
    public boolean listening() {
        return listening;
    }

    /** Starts listening; waits a little for the first connection, so that readiness is UP from the start. */
    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listenUntilStopped, "luqiao-change-listener");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + FIRST_CONNECTION.toNanos();
        while (!listening && System.nanoTime() < deadline && pauseFor(Duration.ofMillis(10))) {
            // the thread connects; readiness reports DOWN if it cannot
        }
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly(connection);
        try {
            thread.join(2L * WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenUntilStopped() {
        Duration pause = FIRST_PAUSE;
        Instant lost = null; // when notices started to go unheard; null while none can have been missed
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute(listen);
                }
                listening = true;
                pause = FIRST_PAUSE;
                if (lost != null) {
                    log.warn(
                            "Listening for other instances' changes again (lost at {}): notices sent meanwhile are"
                                    + " lost, so every cached tile is forgotten",
                            lost);
                    events.publishEvent(new ChangesMissed("listener-reconnect"));
                    lost = null;
                }
                receive(c);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                if (lost == null) {
                    lost = Instant.now();
                }
                log.warn(
                        "The listener for other instances' changes has no connection ({}); trying again in {} ms",
                        e.getMessage(),
                        pause.toMillis());
                if (!pauseFor(pause)) {
                    break;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    /** Hands on notices until the connection fails (an exception) or the feed stops. */
    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (running) {
            PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
            if (notices != null && notices.length > 0) {
                for (PGNotification notice : notices) {
                    heard(notice.getParameter());
                }
                checked = System.nanoTime();
            } else if (System.nanoTime() - checked > CHECK_AFTER.toNanos()) {
                if (!c.isValid((int) CHECK_AFTER.toSeconds())) {
                    throw new SQLException("the listening connection does not answer");
                }
                checked = System.nanoTime();
            }
        }
    }

    private void heard(String payload) {
        if (payload.endsWith(ACCOUNTS_NOTICE)) {
            if (!payload.equals(instance + ACCOUNTS_NOTICE)) {
                received.increment();
                events.publishEvent(new AccountsChanged(true));
            }
            return;
        }
        ChangeNotice.parse(payload)
                .ifPresentOrElse(
                        notice -> {
                            if (notice.instance().equals(instance)) {
                                return; // evicted when written
                            }
                            received.increment();
                            try {
                                events.publishEvent(
                                        new FeaturesChanged(notice.layer(), notice.envelopes(), Origin.ELSEWHERE));
                            } catch (RuntimeException e) {
                                log.error("A listener failed on another instance's change to {}", notice.layer(), e);
                            }
                        },
                        () -> log.warn("Ignored a notice on luqiao_features that is not a change: {}", payload));
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (database.determineUsername() != null) {
            properties.setProperty("user", database.determineUsername());
        }
        if (database.determinePassword() != null) {
            properties.setProperty("password", database.determinePassword());
        }
        // Found in pg_stat_activity by this name; keep-alive so that a dead peer is noticed.
        properties.setProperty("ApplicationName", "luqiao-listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(database.determineUrl(), properties);
    }

    private boolean pauseFor(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // closing a connection that is already broken: nothing left to do
        }
    }
}

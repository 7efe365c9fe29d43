package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import luqiao.map.support.Caller;
import luqiao.map.support.PostgisTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14, cache invalidation across instances: two servers on one PostGIS database. A tile cached by B shows an
 * edit made through A within a second (A's notice reaches B's listener); after B's listening connection is ended
 * (as a database restart or a network cut would), B listens again, clears its tile cache and counts it, and the
 * next edit through A still reaches it.
 */
class PostgisChangeFeedTest {

    /** How soon another instance's tile shows an edit (the figure). */
    private static final Duration FRESH_WITHIN = Duration.ofSeconds(1);

    private static final String ADMIN = MetricsContract.ADMIN;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String database;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void twoInstances() {
        String url = PostgisTestDatabase.fresh("luqiao_test_fanout", false);
        database = url.substring(url.lastIndexOf('/') + 1);
        a = start(url); // loads the shipped data; B then finds it there
        b = start(url);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(MapApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--spring.profiles.active=postgis",
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + PostgisTestDatabase.USER,
                        "--spring.datasource.password=" + PostgisTestDatabase.PASSWORD);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aTileCachedOnBShowsAnEditThroughAWithinASecond() throws Exception {
        Caller onA = new Caller(port(a), ADMIN);
        Caller onB = Caller.anonymous(port(b));
        String tile = "/tiles/parcels/" + MetricsContract.lakeTile(15) + ".mvt";
        byte[] before = onB.get(tile).bytes();
        assertThat(onB.get(tile).bytes()).as("cached on B").isEqualTo(before);
        double sentBefore = metric(onA, "luqiao_notify_sent_total", Map.of());
        double receivedBefore = metric(new Caller(port(b), ADMIN), "luqiao_notify_received_total", Map.of());

        String parcel = newParcelThrough(onA, 0);
        assertThat(freshWithin(() -> !Arrays.equals(onB.get(tile).bytes(), before)))
                .as("B's tile shows the parcel %s created through A", parcel)
                .isTrue();
        assertThat(metric(onA, "luqiao_notify_sent_total", Map.of())).isGreaterThan(sentBefore);
        assertThat(metric(new Caller(port(b), ADMIN), "luqiao_notify_received_total", Map.of()))
                .isGreaterThan(receivedBefore);
    }

    @Test
    void afterBsListeningConnectionIsEndedBClearsItsCacheAndStaysFresh() throws Exception {
        Caller onA = new Caller(port(a), ADMIN);
        Caller onB = Caller.anonymous(port(b));
        Caller adminOnB = new Caller(port(b), ADMIN);
        Map<String, String> reconnect = Map.of("reason", "listener-reconnect");
        double clearedBefore = metric(adminOnB, "luqiao_tiles_cache_cleared_total", reconnect);
        String tile = "/tiles/parcels/" + MetricsContract.lakeTile(15) + ".mvt";
        byte[] before = onB.get(tile).bytes();

        terminateNewestListener();
        assertThat(until(
                        Duration.ofSeconds(30),
                        () -> metric(adminOnB, "luqiao_tiles_cache_cleared_total", reconnect) > clearedBefore))
                .as("B listens again and has cleared its tile cache")
                .isTrue();
        assertThat(JSON.readTree(adminOnB.get("/actuator/health/readiness").text())
                        .at("/components/tileListener/status")
                        .asString())
                .isEqualTo("UP");

        String parcel = newParcelThrough(onA, 1);
        assertThat(freshWithin(() -> !Arrays.equals(onB.get(tile).bytes(), before)))
                .as("B's tile shows the parcel %s created through A after B reconnected", parcel)
                .isTrue();
    }

    /**
     * Ends B's listening backend: the newest of the two {@code luqiao-listener} sessions on the database (B started
     * second), as {@code pg_terminate_backend} by an operator or a restart would.
     */
    private static void terminateNewestListener() throws Exception {
        try (Connection c = PostgisTestDatabase.connect(PostgisTestDatabase.MAINTENANCE_URL);
                PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = ? AND application_name = 'luqiao-listener'"
                        + " ORDER BY backend_start DESC LIMIT 1")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a listener session on " + database).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
    }

    /** A parcel in the lake (the {@code n}-th test's own spot, so that each test's tile change is its own). */
    private static String newParcelThrough(Caller onA, int n) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        double side = 0.0003;
        double lon = MetricsContract.LAKE_LON + n * 2 * side;
        double lat = MetricsContract.LAKE_LAT;
        String square = String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                lon,
                lat,
                lon + side,
                lat,
                lon + side,
                lat + side,
                lon,
                lat + side,
                lon,
                lat);
        Caller.Answer created = onA.send("POST", "/api/parcels", EditingContract.parcel(id, "储备", square));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id;
    }

    private static boolean freshWithin(BooleanSupplier fresh) throws InterruptedException {
        return until(FRESH_WITHIN, fresh);
    }

    private static boolean until(Duration deadline, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    private static double metric(Caller admin, String name, Map<String, String> labels) {
        Caller.Answer answer = admin.get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return MetricsContract.value(answer.text(), name, labels);
    }
}

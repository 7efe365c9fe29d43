package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import luqiao.map.support.Caller;
import luqiao.map.support.PostgisTestDatabase;
import luqiao.map.support.StreamingReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14, read replicas, against a real streaming replica of the test server ({@link StreamingReplica}):
 * anonymous tile and item requests are read from it; a planner reads their own edit at once (signed-in users read
 * from the primary); with the replica stopped every request still succeeds, from the primary, and readiness says
 * DEGRADED with 200; started again, it takes reads again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
@DirtiesContext
class PostgisReplicaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static StreamingReplica replica;
    private static String replicaUrl;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        replica = StreamingReplica.copyOfPrimary(luqiao.map.support.Commands.freePort());
        replica.start();
        String url = PostgisTestDatabase.fresh("luqiao_test_replica", false);
        replicaUrl = replica.jdbcUrl(url.substring(url.lastIndexOf('/') + 1));
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgisTestDatabase.USER);
        registry.add("spring.datasource.password", () -> PostgisTestDatabase.PASSWORD);
        registry.add("luqiao.db.replica-urls", () -> replicaUrl);
    }

    @AfterAll
    static void removeReplica() {
        replica.close();
    }

    @BeforeEach
    void replicaTakesReads() throws InterruptedException {
        assertThat(until(Duration.ofSeconds(60), () -> "UP"
                        .equals(replicasHealth().path("status").asString())))
                .as("the replica is healthy: %s", replicasHealth())
                .isTrue();
    }

    @Test
    void anonymousTilesAndItemsAreReadFromTheReplica() throws Exception {
        Caller anonymous = Caller.anonymous(port);
        long scansBefore = parcelScansOnReplica();
        double replicaConnectionsBefore = acquisitions("replica-1");

        assertThat(anonymous
                        .get("/tiles/parcels/" + MetricsContract.lakeTile(13) + ".mvt")
                        .status())
                .isEqualTo(200);
        assertThat(anonymous.get("/ogc/collections/parcels/items?limit=5").status())
                .isEqualTo(200);

        assertThat(acquisitions("replica-1")).isGreaterThanOrEqualTo(replicaConnectionsBefore + 2);
        // The primary's pool is measured beside the replica's.
        Caller.Answer metrics = new Caller(port, MetricsContract.ADMIN).get("/actuator/prometheus");
        assertThat(metrics.text()
                        .lines()
                        .filter(l -> l.startsWith("hikaricp_connections_max{"))
                        .count())
                .as("a pool series for the primary and one for the replica")
                .isEqualTo(2);
        // The replica's own statistics (flushed within a second or so) count the reads of parcels.
        assertThat(until(Duration.ofSeconds(20), () -> parcelScansOnReplica() > scansBefore))
                .as("the replica read the parcels table")
                .isTrue();
    }

    @Test
    void aPlannerReadsTheirOwnEditAtOnceAndThePublicOnceReplicated() throws Exception {
        Caller planner = new Caller(port, newUser("PLANNER"));
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        double replicaConnectionsBefore = acquisitions("replica-1");

        String point = String.format(
                Locale.ROOT,
                "{\"type\":\"Point\",\"coordinates\":[%s,%s]}",
                MetricsContract.LAKE_LON,
                MetricsContract.LAKE_LAT);
        Caller.Answer created = planner.send("POST", "/api/projects", EditingContract.project(id, "开工", point));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Caller.Answer read = planner.get("/api/projects/" + id);
        assertThat(read.status()).as("the planner reads the project just made").isEqualTo(200);
        assertThat(read.text()).contains(id);
        assertThat(acquisitions("replica-1"))
                .as("nothing the planner did used the replica")
                .isEqualTo(replicaConnectionsBefore);

        Caller anonymous = Caller.anonymous(port);
        assertThat(until(
                        Duration.ofSeconds(30),
                        () -> anonymous.get("/api/projects/" + id).status() == 200))
                .as("the public reads it from the replica once replayed")
                .isTrue();
    }

    @Test
    void withTheReplicaStoppedEveryRequestSucceedsAndReadinessIsDegraded() throws Exception {
        Caller anonymous = Caller.anonymous(port);
        replica.stop();
        try {
            assertThat(until(Duration.ofSeconds(30), () -> "DEGRADED"
                            .equals(replicasHealth().path("status").asString())))
                    .as("the probe finds the replica down: %s", replicasHealth())
                    .isTrue();
            assertThat(replicasHealth().at("/details/replica-1/state").asString())
                    .isEqualTo("down");
            Caller.Answer readiness = anonymous.get("/actuator/health/readiness");
            assertThat(readiness.status()).as("still in the balancer").isEqualTo(200);
            assertThat(JSON.readTree(readiness.text()).path("status").asString())
                    .isEqualTo("DEGRADED");
            assertThat(metric("luqiao_db_replica_healthy", Map.of("replica", "replica-1")))
                    .isZero();

            for (int i = 0; i < 10; i++) {
                String tile = "/tiles/parcels/14/" + (13700 + i) + "/6920.mvt";
                assertThat(anonymous.get(tile).status()).as(tile).isIn(200, 204);
                assertThat(anonymous
                                .get("/ogc/collections/parcels/items?limit=3&offset=" + i)
                                .status())
                        .isEqualTo(200);
                assertThat(anonymous.get("/api/zones?limit=1").status()).isEqualTo(200);
            }
        } finally {
            replica.start();
        }
        assertThat(until(Duration.ofSeconds(60), () -> "UP"
                        .equals(replicasHealth().path("status").asString())))
                .as("the replica takes reads again once it answers")
                .isTrue();
        assertThat(metric("luqiao_db_replica_healthy", Map.of("replica", "replica-1")))
                .isEqualTo(1);
    }

    private JsonNode replicasHealth() {
        Caller.Answer answer = new Caller(port, MetricsContract.ADMIN).get("/actuator/health/readiness");
        return JSON.readTree(answer.text()).at("/components/replicas");
    }

    private long parcelScansOnReplica() {
        try (Connection c = PostgisTestDatabase.connect(replicaUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0)"
                        + " FROM pg_stat_user_tables WHERE relname = 'parcels'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double acquisitions(String pool) {
        return metric("hikaricp_connections_acquire_seconds_count", Map.of("pool", pool));
    }

    private double metric(String name, Map<String, String> labels) {
        Caller.Answer answer = new Caller(port, MetricsContract.ADMIN).get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return MetricsContract.value(answer.text(), name, labels);
    }

    private String newUser(String role) {
        String name = role.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Caller.Answer created = new Caller(port, MetricsContract.ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role
                                + "\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name + ":correct-horse-battery";
    }

    private static boolean until(Duration deadline, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}

package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import luqiao.map.support.Balancer;
import luqiao.map.support.LocalSockets;
import luqiao.map.support.PostgisTestDatabase;
import luqiao.map.support.ServerProcess;
import luqiao.map.support.StreamingReplica;
import luqiao.map.support.TcpRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment of issue #14 on real processes: two instances of the packaged jar ({@code java -jar}, postgis
 * profile) behind nginx round-robin with the shipped {@code deploy/nginx.conf}, one PostGIS primary (a fresh
 * database on the test server) and a streaming replica of it made with {@code pg_basebackup -R}; a third
 * instance reaches the primary through a relay the test cuts, for readiness DOWN and UP again. The figures
 * (signed-in requests, freshness delays, requests and errors while the replica is down) are printed at the
 * end as "ClusterIT figures" and written to target/cluster-it/figures.txt.
 *
 * <p>Run by {@code ./mvnw verify} (failsafe, after {@code package}); needs nginx and the PostgreSQL server
 * programs (scripts/test.sh installs them) and replication allowed from 127.0.0.1 on the test server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "cluster-admin-password";
    private static final String ADMIN = "admin:" + ADMIN_PASSWORD;
    private static final Path OUT = Path.of("target/cluster-it");
    /**
     * How long the test waits for an edit on one instance to reach another's cached tile. The bound is 1 s;
     * the delay is measured and printed with the figures, and the wait is longer so that a busy 2-core machine
     * does not fail a correct run (timings are reported, not asserted).
     */
    private static final Duration FRESH_WITHIN = Duration.ofSeconds(10);
    /** A point inside the district where the test's own project lies, and the zoom of its tile. */
    private static final double LON = 121.4137;

    private static final double LAT = 28.5716;
    private static final int ZOOM = 14;

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<AutoCloseable> started = new ArrayList<>();
    private String database;
    private StreamingReplica replica;
    private ServerProcess a;
    private ServerProcess b;
    private ServerProcess c;
    private TcpRelay relay;
    private Balancer nginx;
    private String projectId;

    @BeforeAll
    void startTheCluster() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "cluster-it-cleanup"));
        Files.createDirectories(OUT);
        Path staging = Files.createTempDirectory("luqiao-staging");
        started.add(() -> deleteTree(staging));
        String primaryUrl = PostgisTestDatabase.fresh("luqiao_test_cluster", true);
        database = primaryUrl.substring(primaryUrl.lastIndexOf('/') + 1);

        // The replica is copied while the first instance creates the schema and loads the data set (it streams
        // whatever the copy missed). The first instance starts alone: on a new database it loads the data set.
        int replicaPort = luqiao.map.support.Commands.freePort();
        CompletableFuture<StreamingReplica> copying = CompletableFuture.supplyAsync(() -> {
            StreamingReplica r = StreamingReplica.copyOfPrimary(replicaPort);
            synchronized (started) {
                started.add(r);
            }
            r.start();
            return r;
        });
        String replicaUrl = "jdbc:postgresql://127.0.0.1:" + replicaPort + "/" + database;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LUQIAO_DB_URL", primaryUrl);
        env.put("LUQIAO_DB_USER", PostgisTestDatabase.USER);
        env.put("LUQIAO_DB_PASSWORD", PostgisTestDatabase.PASSWORD);
        env.put("LUQIAO_DB_REPLICA_URLS", replicaUrl);
        env.put("LUQIAO_SECURITY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("LUQIAO_SECURITY_COOKIE_SECURE", "false");
        env.put("LUQIAO_SECURITY_TRUSTED_PROXIES", "127.0.0.1/32");
        env.put("LUQIAO_TRANSFER_STAGING_DIR", staging.toString());
        env.put("LUQIAO_DB_POOL_SIZE", "5");
        a = track(ServerProcess.start("a", env, OUT));
        try {
            a.awaitReady(Duration.ofSeconds(240));
        } finally {
            // Not left running unseen when A fails: the clean-up below must find the replica.
            copying.handle((r, failure) -> r).join();
        }
        replica = copying.get();
        b = track(ServerProcess.start("b", env, OUT));
        // The third instance reaches the primary through a relay the test cuts (readiness DOWN, then UP).
        relay = track(new TcpRelay("127.0.0.1", primaryPort(primaryUrl)));
        Map<String, String> cEnv = new LinkedHashMap<>(env);
        cEnv.put("LUQIAO_DB_URL", "jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + database);
        cEnv.remove("LUQIAO_DB_REPLICA_URLS");
        cEnv.put("LUQIAO_DB_POOL_CONNECTION_TIMEOUT", "2000");
        c = track(ServerProcess.start("c", cEnv, OUT));
        b.awaitReady(Duration.ofSeconds(240));
        c.awaitReady(Duration.ofSeconds(240));
        nginx = track(Balancer.start(List.of(a.port(), b.port())));
        await("the replica replays the primary", Duration.ofSeconds(60), replica::caughtUp);
    }

    /** Sign in once through the balancer; every later request, on either instance, is signed in. */
    @Test
    @Order(1)
    void aUserSignedInThroughTheBalancerStaysSignedInOnBothInstances() {
        String planner = newUser("PLANNER");
        Web browser = Web.browser(nginx.url(""));
        String csrf = browser.get("/api/me").json().path("csrf").path("token").asString();
        Reply login = browser.form(
                "/login",
                "username=" + planner.split(":")[0] + "&password=" + planner.split(":")[1] + "&_csrf=" + csrf);
        assertThat(login.status()).as(login.text()).isEqualTo(302);
        int before = nginx.accessLog().size();
        int signedIn = 0;
        for (int i = 0; i < 20; i++) {
            JsonNode me = browser.get("/api/me").json();
            if (me.path("signedIn").asBoolean()
                    && me.path("username").asString().equals(planner.split(":")[0])) {
                signedIn++;
            }
        }
        List<String> served =
                nginx.accessLog().subList(before, nginx.accessLog().size());
        figures.put("signed-in requests through nginx", signedIn + "/20");
        figures.put("  of them answered by A / B", count(served, a) + " / " + count(served, b));
        assertThat(count(served, a)).as("round-robin reached A").isPositive();
        assertThat(count(served, b)).as("round-robin reached B").isPositive();
        assertThat(signedIn).as("requests answered as signed in").isEqualTo(20);
    }

    /** The upload's dry run on A, its commit on B: the job and its file are shared. */
    @Test
    @Order(2)
    void aDryRunOnOneInstanceIsCommittedOnTheOther() {
        String prefix = "CL" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        byte[] upload = parcels(prefix, 3).getBytes(StandardCharsets.UTF_8);
        Web adminOnA = Web.basic(a.url(""), ADMIN);
        Reply accepted = adminOnA.send(
                "POST", "/api/import/parcels?filename=cluster.geojson", upload, "application/octet-stream");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String job = accepted.json().path("id").asString();
        JsonNode[] report = new JsonNode[1];
        await("the dry run on A ends", Duration.ofSeconds(60), () -> {
            report[0] = adminOnA.get("/api/import/" + job).json();
            return !report[0].path("status").asString().equals("reading");
        });
        assertThat(report[0].path("status").asString()).as(report[0].toString()).isEqualTo("ready");

        Reply commit = Web.basic(b.url(""), ADMIN).send("POST", "/api/import/" + job + "/commit", null, null);
        figures.put("import: dry run on A, commit on B", commit.status());
        assertThat(commit.status()).as("the commit on B: " + commit.text()).isEqualTo(200);
        assertThat(commit.json().path("imported").asLong()).isEqualTo(3);
        assertThat(Web.basic(nginx.url(""), ADMIN)
                        .get("/api/parcels/" + prefix + "-1")
                        .status())
                .isEqualTo(200);
    }

    /** B caches a tile; an edit through A reaches B's cache (LISTEN/NOTIFY) within a second. */
    @Test
    @Order(3)
    void anEditThroughAChangesTheTileBHasCached() {
        projectId = createProject("cluster-v0");
        Web publicOnB = Web.anonymous(b.url(""));
        String tile = tilePath("projects", LON, LAT, ZOOM);
        await(
                "B serves the new project's tile",
                Duration.ofSeconds(10),
                () -> contains(publicOnB.get(tile), "cluster-v0"));
        double hits = metric(b, "luqiao_tiles_cache_hits_total", "set=\"projects\"", "format=\"mvt\"");
        assertThat(contains(publicOnB.get(tile), "cluster-v0")).isTrue();
        assertThat(metric(b, "luqiao_tiles_cache_hits_total", "set=\"projects\"", "format=\"mvt\""))
                .as("B answered the tile from its cache")
                .isGreaterThan(hits);
        await("B listens for changes", Duration.ofSeconds(20), () -> listenerBackend(b) != null);
        assertThat(readinessComponent(b, "tileListener")).isEqualTo("UP");

        long delay = editThenAwait(a, "cluster-v1", publicOnB, tile, FRESH_WITHIN);
        figures.put("freshness: edit on A to B's fresh tile (ms)", delay);
    }

    /** B's listening connection is killed; after another edit B still answers fresh tiles. */
    @Test
    @Order(4)
    void bStaysFreshAfterItsListeningConnectionIsTerminated() throws SQLException {
        assertThat(projectId).as("the project of the previous test").isNotNull();
        Integer listener = listenerBackend(b);
        assertThat(listener).as("B's luqiao-listener backend").isNotNull();
        double cleared = metric(b, "luqiao_tiles_cache_cleared_total");
        try (Connection db = PostgisTestDatabase.connect(primaryDatabaseUrl());
                PreparedStatement kill = db.prepareStatement("SELECT pg_terminate_backend(?)")) {
            kill.setInt(1, listener);
            kill.executeQuery();
        }
        Web publicOnB = Web.anonymous(b.url(""));
        String tile = tilePath("projects", LON, LAT, ZOOM);
        long delay = editThenAwait(a, "cluster-v2", publicOnB, tile, Duration.ofSeconds(30));
        figures.put("freshness after B's listener was terminated (ms)", delay);
        await("B listens again", Duration.ofSeconds(30), () -> {
            Integer again = listenerBackend(b);
            return again != null && !again.equals(listener);
        });
        assertThat(metric(b, "luqiao_tiles_cache_cleared_total"))
                .as("B cleared its tile cache when it listened again")
                .isGreaterThan(cleared);
    }

    /**
     * Anonymous tiles and items are read on the replica: its statistics count them and its pg_stat_activity
     * shows the instances' connections, while the primary hardly reads the parcels meanwhile.
     */
    @Test
    @Order(5)
    void anonymousTilesAndItemsAreServedByTheReplica() {
        long replicaBefore = transactions(replica.jdbcUrl("postgres"));
        // The primary's reads of parcels: the periodic jobs never read that table, but the statistics of earlier
        // steps (the import) may still be on their way, so the count is taken once it has stood still.
        long[] primaryBefore = {parcelScans(primaryDatabaseUrl())};
        await("the primary's parcel statistics settle", Duration.ofSeconds(30), () -> {
            pause(Duration.ofSeconds(2));
            long now = parcelScans(primaryDatabaseUrl());
            boolean still = now == primaryBefore[0];
            primaryBefore[0] = now;
            return still;
        });
        long replicaScansBefore = parcelScans(replica.jdbcUrl(database));
        Web visitor = Web.anonymous(nginx.url(""));
        int requests = 0;
        for (int i = 0; i < 20; i++) {
            // Tiles nobody asked for yet (so no cache answers them), then pages of items.
            Reply tile = visitor.get("/tiles/all/15/" + (27437 + i % 5) + "/" + (13735 + i / 5) + ".mvt");
            assertThat(tile.status()).as(tile.text()).isIn(200, 204);
            requests++;
        }
        List<String> tileQueries = replicaQueries("%ST_AsMVT%", "");
        for (int i = 0; i < 20; i++) {
            Reply items = visitor.get("/api/parcels?limit=10&offset=" + (i * 10));
            assertThat(items.status()).as(items.text()).isEqualTo(200);
            requests++;
        }
        List<String> itemQueries = replicaQueries("%parcels%", "%ST_AsMVT%");
        int sent = requests;
        long[] onReplica = new long[1];
        await("the replica's statistics count the reads", Duration.ofSeconds(30), () -> {
            onReplica[0] = transactions(replica.jdbcUrl("postgres")) - replicaBefore;
            return onReplica[0] >= sent;
        });
        long[] replicaScans = new long[1];
        await("the replica's statistics count the parcel reads", Duration.ofSeconds(30), () -> {
            replicaScans[0] = parcelScans(replica.jdbcUrl(database)) - replicaScansBefore;
            return replicaScans[0] >= 20;
        });
        long onPrimary = parcelScans(primaryDatabaseUrl()) - primaryBefore[0];
        figures.put("anonymous requests through nginx", sent);
        figures.put("  transactions on the replica", onReplica[0]);
        figures.put("  scans of parcels on the replica / on the primary", replicaScans[0] + " / " + onPrimary);
        figures.put(
                "  replica connections last running a tile / an items query",
                tileQueries.size() + " / " + itemQueries.size());
        assertThat(replicaQueries("%", ""))
                .as("the instances' connections on the replica (pg_stat_activity)")
                .isNotEmpty();
        assertThat(onPrimary).as("scans of parcels on the primary meanwhile").isLessThan(replicaScans[0] / 2);
        assertThat(readinessComponent(a, "replicas")).isEqualTo("UP");
    }

    /** A planner sees their edit at once (the primary); the public once the replica has replayed it. */
    @Test
    @Order(6)
    void aPlannersEditIsTheirsAtOnceAndThePublicsOnceReplicated() {
        String id = projectId != null ? projectId : createProject("cluster-v0");
        Web planner = Web.basic(nginx.url(""), newUser("PLANNER"));
        Reply edited = planner.send("PUT", "/api/projects/" + id, project(id, "planner-v3"), "application/json");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        long written = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            assertThat(planner.get("/api/projects/" + id)
                            .json()
                            .path("properties")
                            .path("name_en")
                            .asString())
                    .as("the planner's own read, through either instance")
                    .isEqualTo("planner-v3");
        }
        Web visitor = Web.anonymous(nginx.url(""));
        await("the public sees the edit", Duration.ofSeconds(10), () -> visitor.get("/api/projects/" + id)
                .json()
                .path("properties")
                .path("name_en")
                .asString()
                .equals("planner-v3"));
        figures.put("planner's edit public after (ms)", (System.nanoTime() - written) / 1_000_000);
    }

    /** After the traffic above, each instance's Prometheus scrape names the metrics with values that moved. */
    @Test
    @Order(7)
    void thePrometheusScrapeNamesTheMetricsAfterTraffic() {
        assertThat(metric(a, "luqiao_notify_sent_total"))
                .as("A announced its edits")
                .isPositive();
        assertThat(metric(b, "luqiao_notify_received_total"))
                .as("B heard A's edits")
                .isPositive();
        assertThat(metric(b, "luqiao_tiles_cache_cleared_total", "reason=\"listener-reconnect\""))
                .isPositive();
        for (String counter : List.of(
                "luqiao_tiles_cache_hits_total",
                "luqiao_tiles_cache_misses_total",
                "luqiao_tiles_renders_total",
                "luqiao_tiles_cache_evictions_total")) {
            assertThat(metric(b, counter, "set=\"projects\"", "format=\"mvt\""))
                    .as(counter)
                    .isPositive();
        }
        assertThat(metric(a, "luqiao_tiles_cache_size_bytes") + metric(b, "luqiao_tiles_cache_size_bytes"))
                .as("tiles held")
                .isPositive();
        assertThat(metric(a, "http_server_requests_seconds_count", "uri=\"/tiles/{set}/{z}/{x}/{y}.mvt\"")
                        + metric(b, "http_server_requests_seconds_count", "uri=\"/tiles/{set}/{z}/{x}/{y}.mvt\""))
                .as("latency by route template")
                .isPositive();
        assertThat(metric(a, "hikaricp_connections_max", "pool=\"replica-1\""))
                .as("the replica's pool")
                .isPositive();
        assertThat(metric(a, "hikaricp_connections_acquire_seconds_count", "pool=\"replica-1\"")
                        + metric(b, "hikaricp_connections_acquire_seconds_count", "pool=\"replica-1\""))
                .as("connections taken from the replica's pool")
                .isPositive();
        assertThat(metric(a, "luqiao_db_replica_healthy", "replica=")).isEqualTo(1.0);
        assertThat(metric(a, "luqiao_db_replica_lag_seconds", "replica="))
                .as("replica lag (s)")
                .isGreaterThanOrEqualTo(0.0);
        assertThat(metric(a, "luqiao_import_rows_total") + metric(b, "luqiao_import_rows_total"))
                .as("import rows")
                .isPositive();
    }

    /** With the replica stopped every anonymous request still succeeds, and readiness says DEGRADED. */
    @Test
    @Order(8)
    void withTheReplicaStoppedEveryRequestSucceedsAndReadinessReportsIt() {
        replica.stop();
        Web visitor = Web.anonymous(nginx.url(""));
        int requests = 0;
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (String path : List.of(
                    "/tiles/all/16/" + (54874 + i % 10) + "/" + (27470 + i / 10) + ".mvt",
                    "/api/projects?limit=5&offset=" + i)) {
                requests++;
                try {
                    Reply reply = visitor.get(path);
                    if (reply.status() >= 300) {
                        errors.add(reply.status() + " " + path);
                    }
                } catch (IllegalStateException e) {
                    errors.add(e.getMessage() + " " + path);
                }
            }
        }
        figures.put("replica stopped: anonymous requests / errors", requests + " / " + errors.size());
        assertThat(errors).as("requests that failed while the replica was down").isEmpty();
        for (ServerProcess instance : List.of(a, b)) {
            await(
                    "readiness of " + instance.name() + " reports the replica down, still 200",
                    Duration.ofSeconds(30),
                    () -> {
                        Reply r = Web.basic(instance.url(""), ADMIN).get("/actuator/health/readiness");
                        return r.status() == 200
                                && r.json()
                                        .path("components")
                                        .path("replicas")
                                        .path("status")
                                        .asString()
                                        .equals("DEGRADED");
                    });
        }
    }

    /** Readiness goes DOWN while the primary is unreachable and UP again, without a restart. */
    @Test
    @Order(9)
    void readinessGoesDownWithoutThePrimaryAndUpAgainWithoutARestart() {
        assertThat(c.readinessStatus()).isEqualTo(200);
        long pid = c.pid();
        long cut = System.nanoTime();
        relay.cut();
        await("readiness DOWN (503)", Duration.ofSeconds(60), () -> c.readinessStatus() == 503);
        figures.put("readiness DOWN after the primary became unreachable (ms)", (System.nanoTime() - cut) / 1_000_000);
        long back = System.nanoTime();
        relay.restore();
        await("readiness UP (200)", Duration.ofSeconds(60), () -> c.readinessStatus() == 200);
        figures.put("readiness UP after the primary was back (ms)", (System.nanoTime() - back) / 1_000_000);
        assertThat(c.isAlive()).isTrue();
        assertThat(c.pid()).as("the same process: no restart").isEqualTo(pid);
    }

    @AfterAll
    void report() throws IOException {
        StringBuilder text = new StringBuilder("ClusterIT figures\n");
        figures.forEach((name, value) ->
                text.append("  ").append(name).append(": ").append(value).append('\n'));
        System.out.print(text);
        Files.writeString(OUT.resolve("figures.txt"), text, StandardCharsets.UTF_8);
        stopAll();
    }

    /** Stops every process and cluster this test started, newest first; also run when the JVM exits. */
    private void stopAll() {
        synchronized (started) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("cleaning up: " + e);
                }
            }
            started.clear();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        synchronized (started) {
            started.add(resource);
        }
        return resource;
    }

    /** Edits the test project's English name through {@code via}; the ms until {@code tile} on the reader shows it. */
    private long editThenAwait(ServerProcess via, String name, Web reader, String tile, Duration within) {
        Reply edited = Web.basic(via.url(""), ADMIN)
                .send("PUT", "/api/projects/" + projectId, project(projectId, name), "application/json");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        long written = System.nanoTime();
        await("the tile shows " + name, within, () -> contains(reader.get(tile), name));
        return (System.nanoTime() - written) / 1_000_000;
    }

    private String createProject(String name) {
        String id = "CL-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created =
                Web.basic(a.url(""), ADMIN).send("POST", "/api/projects", project(id, name), "application/json");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id;
    }

    /** A public project (stage 开工) at the test's point. */
    private static byte[] project(String id, String nameEn) {
        return ("{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + LON
                        + "," + LAT + "]},\"properties\":{\"name_zh\":\"集群测试项目\",\"name_en\":\"" + nameEn
                        + "\",\"category\":\"绿色生态\",\"stage\":\"开工\",\"investment_wan\":100,"
                        + "\"planned_start\":\"2025-03-01\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String parcels(String prefix, int n) {
        StringBuilder features = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            double lon = 121.42 + i * 0.001;
            double lat = 28.56;
            double s = 0.0004;
            features.append(i > 1 ? "," : "")
                    .append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[")
                    .append(lon)
                    .append(',')
                    .append(lat)
                    .append("],[")
                    .append(lon + s)
                    .append(',')
                    .append(lat)
                    .append("],[")
                    .append(lon + s)
                    .append(',')
                    .append(lat + s)
                    .append("],[")
                    .append(lon)
                    .append(',')
                    .append(lat + s)
                    .append("],[")
                    .append(lon)
                    .append(',')
                    .append(lat)
                    .append("]]]},\"properties\":{\"parcel_no\":\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\",\"LU_CODE\":\"0701\",\"LU_NAME\":\"城镇住宅用地\",\"LU_L1_CODE\":\"07\",")
                    .append("\"LU_L1_NAME\":\"居住用地\",\"status\":\"做地\",\"renovation\":\"盘活置换\",")
                    .append("\"town\":\"路桥街道\",\"owner\":\"集群测试\"}}");
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}";
    }

    private String newUser(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = Web.basic(a.url(""), ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        ("{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role
                                        + "\"]}")
                                .getBytes(StandardCharsets.UTF_8),
                        "application/json");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name + ":correct-horse-battery";
    }

    /** The status of a readiness component as an administrator sees it (components are hidden from others). */
    private static String readinessComponent(ServerProcess instance, String component) {
        Reply readiness = Web.basic(instance.url(""), ADMIN).get("/actuator/health/readiness");
        return readiness
                .json()
                .path("components")
                .path(component)
                .path("status")
                .asString();
    }

    /** The primary's backend id of the instance's {@code luqiao-listener} connection, or null. */
    private Integer listenerBackend(ServerProcess instance) {
        Set<Integer> ports = LocalSockets.tcpPorts(instance.pid());
        try (Connection db = PostgisTestDatabase.connect(primaryDatabaseUrl());
                PreparedStatement q = db.prepareStatement("SELECT pid, client_port FROM pg_stat_activity"
                        + " WHERE application_name = 'luqiao-listener' AND datname = ?")) {
            q.setString(1, database);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    if (ports.contains(r.getInt("client_port"))) {
                        return r.getInt("pid");
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Committed and rolled back transactions on the test database, from the server of {@code url}. */
    /** Sequential and index scans of the parcels table in the test database at {@code url}. */
    private static long parcelScans(String url) {
        try (Connection r = PostgisTestDatabase.connect(url);
                PreparedStatement q = r.prepareStatement("SELECT COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0)"
                        + " FROM pg_stat_user_tables WHERE relname = 'parcels'")) {
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long transactions(String url) {
        try (Connection r = PostgisTestDatabase.connect(url);
                PreparedStatement q = r.prepareStatement(
                        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The last statements of the replica's client connections to the test database that are {@code like} and not
     * {@code notLike} (empty: no such condition).
     */
    private List<String> replicaQueries(String like, String notLike) {
        try (Connection r = replica.connect("postgres");
                PreparedStatement q = r.prepareStatement("SELECT query FROM pg_stat_activity"
                        + " WHERE datname = ? AND backend_type = 'client backend' AND query ILIKE ?"
                        + " AND (? = '' OR query NOT ILIKE ?) AND pid <> pg_backend_pid()")) {
            q.setString(1, database);
            q.setString(2, like);
            q.setString(3, notLike);
            q.setString(4, notLike);
            List<String> queries = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    queries.add(rows.getString(1));
                }
            }
            return queries;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String primaryDatabaseUrl() {
        String maintenance = PostgisTestDatabase.MAINTENANCE_URL;
        return maintenance.substring(0, maintenance.lastIndexOf('/') + 1) + database;
    }

    private static int primaryPort(String jdbcUrl) {
        int port = URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    /** The sum of a Prometheus series over the lines carrying all {@code tags}, as the instance's admin reads it. */
    private static double metric(ServerProcess instance, String name, String... tags) {
        Reply scrape = Web.basic(instance.url(""), ADMIN).get("/actuator/prometheus");
        assertThat(scrape.status()).as(scrape.text()).isEqualTo(200);
        double sum = 0;
        for (String line : scrape.text().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                if (List.of(tags).stream().allMatch(line::contains)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    private static long count(List<String> accessLog, ServerProcess instance) {
        return accessLog.stream()
                .filter(line -> line.endsWith("127.0.0.1:" + instance.port()))
                .count();
    }

    /** A vector tile answer holds a string value as its UTF-8 bytes. */
    private static boolean contains(Reply tile, String text) {
        return tile.status() == 200
                && new String(tile.bytes(), StandardCharsets.ISO_8859_1)
                        .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    static String tilePath(String set, double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return "/tiles/" + set + "/" + z + "/" + x + "/" + y + ".mvt";
    }

    /** Retries {@code condition} until it holds, or fails when {@code within} has passed. */
    private static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path dir) {
        luqiao.map.support.Commands.run(List.of("rm", "-rf", dir.toString()), Map.of(), 30);
    }

    /** An HTTP client of one base URL: anonymous, with Basic credentials, or a browser keeping cookies. */
    private record Web(HttpClient client, String base, String basic) {

        static Web anonymous(String base) {
            return new Web(HttpClient.newHttpClient(), base, null);
        }

        static Web basic(String base, String credentials) {
            return new Web(HttpClient.newHttpClient(), base, credentials);
        }

        static Web browser(String base) {
            return new Web(
                    HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), base, null);
        }

        Reply get(String path) {
            return send("GET", path, null, null);
        }

        /** A form POST, as the sign-in page sends it. */
        Reply form(String path, String form) {
            return send("POST", path, form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        }

        Reply send(String method, String path, byte[] body, String contentType) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (basic != null) {
                request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
            if (method.equals("PUT")) {
                request.header("If-Match", "*");
            }
            try {
                return new Reply(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + base + path + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private record Reply(HttpResponse<byte[]> response) {
        int status() {
            return response.statusCode();
        }

        byte[] bytes() {
            return response.body();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(text());
        }
    }
}

package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import luqiao.map.store.cluster.ClusterLock;
import luqiao.map.support.PostgisTestDatabase;
import luqiao.map.support.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14: two instances of the server on one PostGIS database behave as one. Two application contexts,
 * each with its own web server, connection pool and memory, share nothing but the database and the import
 * staging folder: a session started on A works on B, an administrator's change on A ends it on B, failed
 * sign-ins on A and B add up, a periodic job runs on one of them, an import staged on A is read and committed
 * on B (and only once), and two instances starting together on an empty database load the shipped data once.
 */
class TwoInstancesTest {

    private static final String ADMIN = "admin:test-admin-password";
    private static final String PASSWORD = "correct-horse-battery";

    private static String url;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        url = PostgisTestDatabase.fresh("luqiao_test_two_instances", false);
        // One staging folder for both, as on a shared mount; no other test's instance uses it.
        Path staging = Files.createTempDirectory("luqiao-two-instances-staging");
        a = start(url, staging, false);
        b = start(url, staging, false);
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

    private static ConfigurableApplicationContext start(String url, Path staging, boolean seed) {
        return new SpringApplicationBuilder(MapApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=0",
                        "--spring.profiles.active=postgis",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + PostgisTestDatabase.USER,
                        "--spring.datasource.password=" + PostgisTestDatabase.PASSWORD,
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--luqiao.transfer.staging-dir=" + staging,
                        // The shipped data set is not needed but by the test of seeding.
                        "--luqiao.seed.enabled=" + seed);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aSessionStartedOnOneInstanceWorksOnTheOtherAndAnAdministratorsChangeOnOneEndsItOnBoth() {
        String name = newUser();
        RawHttp browserOnA = new RawHttp(port(a), "127.0.0.1").withCookies();
        String csrf =
                browserOnA.get("/api/me").json().path("csrf").path("token").asString();
        RawHttp.Response login = browserOnA.send(
                "POST",
                "/login",
                "username=" + name + "&password=" + PASSWORD + "&_csrf=" + csrf,
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(login.status()).as(login.text()).isEqualTo(302);
        String session = browserOnA.cookie("JSESSIONID");
        assertThat(session).isNotBlank();
        String cookies = "JSESSIONID=" + session + "; XSRF-TOKEN=" + browserOnA.cookie("XSRF-TOKEN");

        RawHttp onB = new RawHttp(port(b), "127.0.0.1");
        JsonNode meOnB = onB.get("/api/me", "Cookie", cookies).json();
        assertThat(meOnB.path("signedIn").asBoolean())
                .as("the session cookie of A, on B")
                .isTrue();
        assertThat(meOnB.path("username").asString()).isEqualTo(name);
        // A write on B with the session and its CSRF token (a cookie, so it too works on every instance).
        RawHttp.Response token = onB.send(
                "POST",
                "/api/me/tokens",
                "{\"name\":\"from-b\"}",
                "Cookie",
                cookies,
                "X-XSRF-TOKEN",
                browserOnA.cookie("XSRF-TOKEN"));
        assertThat(token.status()).as(token.text()).isEqualTo(201);

        RawHttp.Response disabled = disableOnA(name);
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(onB.get("/api/me", "Cookie", cookies).json().path("signedIn").asBoolean())
                .as("the user disabled on A is signed out on B at once")
                .isFalse();
        assertThat(browserOnA.get("/api/me").json().path("signedIn").asBoolean())
                .as("and on A")
                .isFalse();
    }

    /**
     * Each instance remembers a checked password and token for a while (no bcrypt per tile); a user disabled through
     * A must still be refused by B at once, not when B's memory of the check runs out (60 s).
     */
    @Test
    void aUserDisabledOnOneInstanceIsRefusedByTheOtherDespiteItsCachedCheck() throws Exception {
        String name = newUser();
        String user = name + ":" + PASSWORD;
        RawHttp onB = new RawHttp(port(b), "127.0.0.1");
        assertThat(onB.getAs(user, "/api/me").json().path("signedIn").asBoolean())
                .as("signed in on B (and the check cached there)")
                .isTrue();
        RawHttp.Response disabled = disableOnA(name);
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        // The notice reaches B when A's change commits; wait for it, far below the cache's 60 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = onB.getAs(user, "/api/me").status();
            if (status == 401) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(status).as("B refuses the disabled user's password").isEqualTo(401);
    }

    @Test
    void failedSignInsOnBothInstancesAddUpToOneThrottle() {
        String name = newUser();
        RawHttp attackerOnA = new RawHttp(port(a), "127.0.0.2");
        RawHttp attackerOnB = new RawHttp(port(b), "127.0.0.2");
        // The product's max-failures (5) for one user name at one address: three on A, two on B.
        for (int i = 0; i < 3; i++) {
            assertThat(attackerOnA.getAs(name + ":wrong-" + i, "/api/me/tokens").status())
                    .isEqualTo(401);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(attackerOnB
                            .getAs(name + ":wrong-b-" + i, "/api/me/tokens")
                            .status())
                    .isEqualTo(401);
        }
        RawHttp.Response onA = attackerOnA.getAs(name + ":" + PASSWORD, "/api/me/tokens");
        assertThat(onA.status())
                .as("paused on A by failures counted on A and B")
                .isEqualTo(429);
        assertThat(onA.header("Retry-After")).isNotBlank();
        assertThat(attackerOnB.getAs(name + ":" + PASSWORD, "/api/me/tokens").status())
                .as("and on B")
                .isEqualTo(429);
        assertThat(new RawHttp(port(b), "127.0.0.1")
                        .getAs(name + ":" + PASSWORD, "/api/me/tokens")
                        .status())
                .as("another address is not paused")
                .isEqualTo(200);

        RawHttp.Response unlocked = new RawHttp(port(b), "127.0.0.1")
                .send("POST", "/api/admin/users/" + name + "/unlock", null, "Authorization", RawHttp.basic(ADMIN));
        assertThat(unlocked.status()).as(unlocked.text()).isEqualTo(204);
        assertThat(attackerOnA.getAs(name + ":" + PASSWORD, "/api/me/tokens").status())
                .as("an administrator's unlock on B lifts the pause on A")
                .isEqualTo(200);
    }

    @Test
    void aJobHeldByOneInstanceIsSkippedByTheOther() throws Exception {
        String job = "test.held-" + UUID.randomUUID();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> lock(a).runOnce(job, Duration.ZERO, () -> {
            running.countDown();
            await(release);
        }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ranOnB = new AtomicInteger();
        assertThat(lock(b).runOnce(job, Duration.ZERO, ranOnB::incrementAndGet))
                .as("B skips the job while A runs it (advisory lock)")
                .isFalse();
        release.countDown();
        assertThat(onA.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOnB).hasValue(0);
        assertThat(lock(b).runOnce(job, Duration.ZERO, ranOnB::incrementAndGet))
                .as("with no minimum gap, B runs it once A is done")
                .isTrue();
    }

    @Test
    void bothInstancesTickingAtOnceRunAPeriodicJobOnce() throws Exception {
        String job = "test.tick-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        for (int tick = 0; tick < 3; tick++) {
            String name = job + "-" + tick;
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> {
                await(together);
                return lock(a).runOnce(name, Duration.ofMinutes(1), runs::incrementAndGet);
            });
            CompletableFuture<Boolean> onB = CompletableFuture.supplyAsync(() -> {
                await(together);
                return lock(b).runOnce(name, Duration.ofMinutes(1), runs::incrementAndGet);
            });
            assertThat(onA.get(30, TimeUnit.SECONDS) ^ onB.get(30, TimeUnit.SECONDS))
                    .as("tick %d ran on exactly one instance", tick)
                    .isTrue();
            assertThat(lock(a).runOnce(name, Duration.ofMinutes(1), runs::incrementAndGet))
                    .as("a late tick within the period does not run it again")
                    .isFalse();
        }
        assertThat(runs).hasValue(3);
    }

    /** The real periodic jobs, as their timers would run them on both instances at a tick. */
    @Test
    void thePeriodicCleanUpsDeleteTimedOutSessionsAndExpiredFailures() throws Exception {
        String expiredSession = UUID.randomUUID().toString();
        try (Connection c = PostgisTestDatabase.connect(url);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,"
                    + " max_inactive_interval, expiry_time, principal_name) VALUES ('" + expiredSession + "', '"
                    + UUID.randomUUID() + "', 0, 0, 1800, 1800000, 'nobody')");
            s.execute("INSERT INTO login_failures VALUES ('client', '', '192.0.2.1', 3,"
                    + " now() - interval '1 day', now() - interval '1 day')");
            // As if the last runs were long ago: the instances' own timers may have run the jobs a moment before.
            s.execute("DELETE FROM cluster_jobs");
        }
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {a, b}) {
            for (ScheduledTask task :
                    instance.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks()) {
                task.getTask().getRunnable().run();
            }
        }
        try (Connection c = PostgisTestDatabase.connect(url);
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM spring_session WHERE primary_id = '" + expiredSession + "'"))
                    .as("the timed-out session")
                    .isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM login_failures WHERE client = '192.0.2.1'"))
                    .as("the expired failures")
                    .isZero();
            assertThat(count(
                            s,
                            "SELECT COUNT(*) FROM cluster_jobs WHERE name IN ('sessions.cleanup',"
                                    + " 'login-failures.cleanup')"))
                    .as("both jobs claimed their run")
                    .isEqualTo(2);
        }
    }

    @Test
    void aDryRunOnOneInstanceIsReadAndCommittedOnTheOtherAndASecondCommitAnywhereIsRefused() throws Exception {
        String staff = newUser("LAND_STAFF") + ":" + PASSWORD;
        String parcel = "LQ-TWO-" + UUID.randomUUID().toString().substring(0, 8);
        RawHttp onA = new RawHttp(port(a), "127.0.0.1");
        RawHttp onB = new RawHttp(port(b), "127.0.0.1");

        JsonNode dryRun = dryRun(onA, staff, parcel);
        assertThat(dryRun.path("report").path("accepted").asLong()).isEqualTo(1);
        RawHttp.Response seenOnB =
                onB.getAs(staff, "/api/import/" + dryRun.path("id").asString());
        assertThat(seenOnB.status()).as(seenOnB.text()).isEqualTo(200);
        assertThat(seenOnB.json()).as("the job staged on A, read on B").isEqualTo(dryRun);
        String other = newUser("LAND_STAFF") + ":" + PASSWORD;
        assertThat(onB.getAs(other, "/api/import/" + dryRun.path("id").asString())
                        .status())
                .as("another user's job, on B as on A")
                .isEqualTo(404);

        RawHttp.Response committed = commit(onB, staff, dryRun);
        assertThat(committed.status()).as(committed.text()).isEqualTo(200);
        assertThat(committed.json().path("status").asString()).isEqualTo("committed");
        assertThat(committed.json().path("imported").asLong()).isEqualTo(1);
        try (Connection c = PostgisTestDatabase.connect(url);
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM parcels WHERE parcel_no = '" + parcel + "'"))
                    .as("the row committed on B")
                    .isEqualTo(1);
            assertThat(count(
                            s,
                            "SELECT COUNT(*) FROM feature_versions WHERE layer = 'parcels' AND feature_id = '" + parcel
                                    + "'"))
                    .as("its first version, as an import on A records it")
                    .isEqualTo(1);
        }

        RawHttp.Response againOnB = commit(onB, staff, dryRun);
        RawHttp.Response againOnA = commit(onA, staff, dryRun);
        assertThat(againOnB.status()).as(againOnB.text()).isEqualTo(409);
        assertThat(againOnB.json().path("detail").asString()).isEqualTo("the import is committed, not ready to commit");
        assertThat(againOnA.status())
                .as("a second commit on A answers as one on the instance that committed")
                .isEqualTo(againOnB.status());
        assertThat(againOnA.json()).isEqualTo(againOnB.json());
        assertThat(onA.getAs(staff, "/api/import/" + dryRun.path("id").asString())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("committed");
    }

    @Test
    void commitsOfOneJobOnBothInstancesAtOnceImportItOnce() throws Exception {
        String staff = newUser("LAND_STAFF") + ":" + PASSWORD;
        String parcel = "LQ-RACE-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode dryRun = dryRun(new RawHttp(port(a), "127.0.0.1"), staff, parcel);
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<RawHttp.Response> onA = CompletableFuture.supplyAsync(() -> {
            await(together);
            return commit(new RawHttp(port(a), "127.0.0.1"), staff, dryRun);
        });
        CompletableFuture<RawHttp.Response> onB = CompletableFuture.supplyAsync(() -> {
            await(together);
            return commit(new RawHttp(port(b), "127.0.0.1"), staff, dryRun);
        });
        List<Integer> statuses = List.of(
                onA.get(60, TimeUnit.SECONDS).status(),
                onB.get(60, TimeUnit.SECONDS).status());
        assertThat(statuses).as("one commit, one conflict").containsExactlyInAnyOrder(200, 409);
        try (Connection c = PostgisTestDatabase.connect(url);
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM parcels WHERE parcel_no = '" + parcel + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void twoInstancesStartingTogetherOnAnEmptyDatabaseLoadTheShippedDataOnce() throws Exception {
        String empty = PostgisTestDatabase.fresh("luqiao_test_two_instances_seed", false);
        Path staging = Files.createTempDirectory("luqiao-two-instances-seed");
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture.supplyAsync(() -> {
            await(together);
            return start(empty, staging, true);
        });
        CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(() -> {
            await(together);
            return start(empty, staging, true);
        });
        try {
            first.get(5, TimeUnit.MINUTES);
            second.get(5, TimeUnit.MINUTES);
            try (Connection c = PostgisTestDatabase.connect(empty);
                    Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM zones"))
                        .as("the shipped zones, once")
                        .isEqualTo(shippedZones());
            }
        } finally {
            first.thenAccept(ConfigurableApplicationContext::close);
            second.thenAccept(ConfigurableApplicationContext::close);
        }
    }

    private static long shippedZones() throws Exception {
        try (var in = TwoInstancesTest.class.getResourceAsStream("/gis-data/zones.geojson")) {
            return JsonMapper.builder().build().readTree(in).path("features").size();
        }
    }

    /** Stages one new parcel as GeoJSON through {@code instance} and waits for its dry run (retrying until a deadline). */
    private static JsonNode dryRun(RawHttp instance, String user, String parcel) throws Exception {
        String geojson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"parcel_no\":\"" + parcel + "\",\"landuse_code\":\"0701\",\"landuse_name\":\"城镇住宅用地\","
                + "\"landuse_l1_code\":\"07\",\"landuse_l1_name\":\"居住用地\",\"status\":\"储备\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.45,28.55],[121.451,28.55],"
                + "[121.451,28.551],[121.45,28.551],[121.45,28.55]]]}}]}";
        RawHttp.Response staged = instance.send(
                "POST",
                "/api/import/parcels?filename=two.geojson",
                geojson,
                "Content-Type",
                "application/geo+json",
                "Authorization",
                RawHttp.basic(user));
        assertThat(staged.status()).as(staged.text()).isEqualTo(202);
        String id = staged.json().path("id").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode job = instance.getAs(user, "/api/import/" + id).json();
            if (!job.path("status").asString().equals("reading")) {
                assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the dry run of " + id + " did not end");
    }

    private static RawHttp.Response commit(RawHttp instance, String user, JsonNode job) {
        return instance.send(
                "POST",
                "/api/import/" + job.path("id").asString() + "/commit",
                null,
                "Authorization",
                RawHttp.basic(user));
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ClusterLock lock(ConfigurableApplicationContext context) {
        return context.getBean(ClusterLock.class);
    }

    private static String newUser() {
        return newUser("PLANNER");
    }

    private static String newUser(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        RawHttp.Response created = new RawHttp(port(a), "127.0.0.1")
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role
                                + "\"]}",
                        "Authorization",
                        RawHttp.basic(ADMIN));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An administrator disables the user through instance A. */
    private RawHttp.Response disableOnA(String name) {
        return new RawHttp(port(a), "127.0.0.1")
                .send(
                        "PUT",
                        "/api/admin/users/" + name,
                        "{\"roles\":[\"PLANNER\"],\"enabled\":false}",
                        "Authorization",
                        RawHttp.basic(ADMIN));
    }
}

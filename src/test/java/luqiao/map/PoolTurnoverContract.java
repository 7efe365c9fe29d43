package luqiao.map;

import static luqiao.map.EditingContract.LAKE_LAT;
import static luqiao.map.EditingContract.LAKE_LON;
import static luqiao.map.EditingContract.parcel;
import static luqiao.map.EditingContract.project;
import static luqiao.map.EditingContract.square;
import static luqiao.map.EditingContract.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #17: writes keep working after the connection pool has replaced every connection, as it does
 * in production each {@code max-lifetime} (30 minutes by default). H2 2.4.240 ties a
 * {@code CHECK (x IN (...))} constraint to the session that created it; once that connection was
 * retired, every insert or update of the table failed with "The database has been closed" (a 500).
 * Here the pool retires all its connections (twice, so constraints first used by a later connection
 * are covered too) and then every layer is created, replaced and deleted over HTTP by the role that
 * edits it, a project moves along the chain, and an import is committed.
 */
abstract class PoolTurnoverContract extends BackendContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "admin:test-admin-password";

    @Autowired
    DataSource dataSource;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String[]> made = new ArrayList<>();

    @AfterEach
    void removeTestFeatures() {
        for (String[] f : made) {
            String table = f[0];
            String idColumn =
                    switch (table) {
                        case "zones", "projects" -> "code";
                        default -> "parcel_no";
                    };
            if (table.equals("projects")) {
                jdbc.update("DELETE FROM project_stage_events WHERE project_code = ?", f[1]);
            }
            jdbc.update("DELETE FROM " + table + " WHERE " + idColumn + " = ?", f[1]);
            jdbc.update("DELETE FROM feature_versions WHERE layer = ? AND feature_id = ?", table, f[1]);
        }
    }

    @Test
    void everyKindOfWriteSucceedsAfterThePoolHasReplacedAllItsConnections() throws Exception {
        String landStaff = newUser("LAND_STAFF");
        String planner = newUser("PLANNER");
        for (int round = 1; round <= 2; round++) {
            retireEveryPooledConnection();
            String as = "after pool turnover " + round + ": ";

            String zoneId = newId("zones");
            createReplaceDelete(
                    ADMIN,
                    "zones",
                    zoneId,
                    zone(zoneId, square(LAKE_LON, LAKE_LAT, 0.001)),
                    zone(zoneId, square(LAKE_LON, LAKE_LAT, 0.002))
                            .replace("\"kind\":\"key_zone\"", "\"kind\":\"port\""),
                    as);

            String projectId = newId("projects");
            createReplaceDelete(
                    planner,
                    "projects",
                    projectId,
                    project(projectId, "谋划", square(LAKE_LON, LAKE_LAT, 0.001)),
                    project(projectId, "谋划", square(LAKE_LON, LAKE_LAT, 0.002)).replace("绿色生态", "城市提能"),
                    as);

            String parcelId = newId("parcels");
            createReplaceDelete(
                    landStaff,
                    "parcels",
                    parcelId,
                    parcel(parcelId, "储备", square(LAKE_LON, LAKE_LAT, 0.0003)),
                    parcel(parcelId, "出让", square(LAKE_LON, LAKE_LAT, 0.0005))
                            .replace("\"renovation\":null", "\"renovation\":\"改造提升\""),
                    as);

            String moving = newId("projects");
            Reply created =
                    send(planner, "POST", "/api/projects", project(moving, "谋划", square(LAKE_LON, LAKE_LAT, 0.001)));
            assertThat(created.status()).as(as + created.text()).isEqualTo(201);
            Reply moved = send(
                    planner,
                    "POST",
                    "/api/projects/" + moving + "/transitions",
                    "{\"to\":\"前期\",\"note\":\"入库\"}",
                    "Content-Type",
                    "application/json");
            assertThat(moved.status()).as(as + moved.text()).isEqualTo(200);
            assertThat(moved.json().path("stage").asString()).isEqualTo("前期");

            String imported = "LQ-POOL-" + UUID.randomUUID().toString().substring(0, 8);
            made.add(new String[] {"parcels", imported});
            commitImport(landStaff, imported, as);
            Reply read = send(landStaff, "GET", "/api/parcels/" + imported, null);
            assertThat(read.status()).as(as + read.text()).isEqualTo(200);
            Reply deleted =
                    send(landStaff, "DELETE", "/api/parcels/" + imported, null, "If-Match", read.header("ETag"));
            assertThat(deleted.status()).as(as + deleted.text()).isEqualTo(200);
        }
    }

    /**
     * Retires every connection the pool holds and waits until the database has seen them all closed.
     * One old connection stays borrowed until a new one is open, as under a pool's staggered
     * max-lifetime in production: an embedded H2 database therefore stays open (and keeps the
     * constraints it loaded) instead of closing with its last connection and starting afresh.
     */
    private void retireEveryPooledConnection() throws SQLException, InterruptedException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Set<Long> old = poolSessions(pool);
        assertThat(old).isNotEmpty();
        try (Connection held = pool.getConnection()) {
            old.add(sessionId(held));
            pool.getHikariPoolMXBean().softEvictConnections();
            Set<Long> now = sessions();
            assertThat(now)
                    .as("a new connection is open while an old one is still borrowed")
                    .isNotEqualTo(old);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Set<Long> left = sessions();
            left.retainAll(old);
            if (left.isEmpty()) {
                return;
            }
            assertThat(Instant.now()).as("old connections still open: %s", left).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * The sessions of this pool's own connections, found by borrowing all its idle ones: the
     * database also lists other clients' sessions (another test context's pool, the reference
     * connection), which this pool can never retire.
     */
    private static Set<Long> poolSessions(HikariDataSource pool) throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        try {
            // Every idle connection (those in use by the server are retired when they come back).
            do {
                Connection c = pool.getConnection();
                borrowed.add(c);
                ids.add(sessionId(c));
            } while (pool.getHikariPoolMXBean().getIdleConnections() > 0);
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
        return ids;
    }

    private static long sessionId(Connection c) throws SQLException {
        boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
        try (var s = c.createStatement();
                var rs = s.executeQuery(h2 ? "SELECT SESSION_ID()" : "SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The ids of the sessions now connected to this database (H2's SESSION_ID, PostgreSQL's backend pid). */
    private Set<Long> sessions() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return sessions(c);
        }
    }

    private static Set<Long> sessions(Connection c) throws SQLException {
        boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
        String sql = h2
                ? "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS"
                : "SELECT pid FROM pg_stat_activity WHERE datname = current_database()";
        Set<Long> ids = new HashSet<>();
        try (var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private void createReplaceDelete(String user, String layer, String id, String first, String second, String as) {
        Reply created = send(user, "POST", "/api/" + layer, first);
        assertThat(created.status())
                .as(as + "create " + layer + ": " + created.text())
                .isEqualTo(201);
        Reply replaced = send(user, "PUT", "/api/" + layer + "/" + id, second, "If-Match", created.header("ETag"));
        assertThat(replaced.status())
                .as(as + "replace " + layer + ": " + replaced.text())
                .isEqualTo(200);
        Reply deleted = send(user, "DELETE", "/api/" + layer + "/" + id, null, "If-Match", replaced.header("ETag"));
        assertThat(deleted.status())
                .as(as + "delete " + layer + ": " + deleted.text())
                .isEqualTo(200);
    }

    private void commitImport(String user, String parcelNo, String as) throws InterruptedException {
        double x = LAKE_LON;
        double y = LAKE_LAT;
        String geojson = String.format(
                Locale.ROOT,
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"properties\":{\"parcel_no\":\"%s\",\"LU_CODE\":\"0701\",\"LU_NAME\":\"城镇住宅用地\",\"LU_L1_CODE\":\"07\","
                        + "\"LU_L1_NAME\":\"居住用地\",\"status\":\"储备\",\"renovation\":\"盘活置换\",\"town\":\"路桥街道\",\"owner\":\"测试公司\"},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}]}",
                parcelNo,
                x,
                y,
                x + 0.0004,
                y,
                x + 0.0004,
                y + 0.0004,
                x,
                y + 0.0004,
                x,
                y);
        Reply upload = send(
                user,
                "POST",
                "/api/import/parcels?filename=pool.geojson",
                geojson,
                "Content-Type",
                "application/octet-stream");
        assertThat(upload.status()).as(as + "upload: " + upload.text()).isEqualTo(202);
        String job = upload.json().path("id").asString();
        JsonNode report = null;
        for (int i = 0; i < 600 && report == null; i++) {
            JsonNode j = send(user, "GET", "/api/import/" + job, null).json();
            if (!j.path("status").asString().equals("reading")) {
                report = j;
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(report).as(as + "the dry run ends").isNotNull();
        assertThat(report.path("status").asString()).as(as + report).isEqualTo("ready");
        assertThat(report.path("report").path("accepted").asLong())
                .as(as + report)
                .isEqualTo(1);
        Reply commit = send(user, "POST", "/api/import/" + job + "/commit", "{}", "Content-Type", "application/json");
        assertThat(commit.status()).as(as + "commit: " + commit.text()).isEqualTo(200);
        assertThat(commit.json().path("imported").asLong()).isEqualTo(1);
    }

    private String newId(String layer) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        made.add(new String[] {layer, id});
        return id;
    }

    private String newUser(String role) {
        String name = role.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Reply created = send(
                ADMIN,
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role + "\"]}",
                "Content-Type",
                "application/json");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name + ":correct-horse-battery";
    }

    /** A request signed in with Basic; a body is GeoJSON unless a Content-Type header says otherwise. */
    private Reply send(String user, String method, String path, String body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            r.header("Content-Type", "application/geo+json");
        }
        r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        try {
            return new Reply(client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Reply(HttpResponse<byte[]> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(text());
        }
    }
}

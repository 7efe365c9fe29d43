package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import luqiao.map.catalog.Layer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #6, editing, over real HTTP on each backend: create, replace, soft delete, undelete, history
 * and restore with optimistic locking (ETag / If-Match), geometry and attribute validation, roles,
 * and that deleted features vanish from every read path. Each test makes its own features (ids
 * {@code T-...}, in the empty 飞龙湖 lake where no parcel lies) and removes them afterwards.
 */
abstract class EditingContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The middle of 飞龙湖, which the shipped parcels leave empty (gis-data/README.md). */
    static final double LAKE_LON = 121.3558;

    static final double LAKE_LAT = 28.5978;

    private final List<String[]> made = new ArrayList<>();

    @AfterEach
    void removeTestFeatures() {
        made.forEach(f -> removeFeature(Layer.byName(f[0]).orElseThrow(), f[1]));
    }

    // ---------------------------------------------------------------- the whole life of a feature

    @Test
    void createReplaceDeleteUndeleteHistoryAndRestoreKeepEveryVersionAndTheExactGeometry() {
        Editor land = editor("LAND_STAFF");
        String id = newId("parcels");
        // Full double precision, more than the 7 decimals the read API shows.
        String square = square(LAKE_LON + 0.000123456789012, LAKE_LAT - 0.000098765432109, 0.0003);
        Answer created = land.send("POST", "/api/parcels", parcel(id, "储备", square));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Location")).endsWith("/api/parcels/" + id);
        JsonNode p = created.json().path("properties");
        assertThat(p.path("landuse_name").asString())
                .as("names follow from the land-use code")
                .isEqualTo("工业用地");
        assertThat(p.path("landuse_l1_code").asString()).isEqualTo("10");
        double side = 0.0003;
        assertThat(p.path("area_m2").asDouble())
                .as("area measured on the ground")
                .isCloseTo(side * 111_320 * side * 111_320 * Math.cos(Math.toRadians(LAKE_LAT)), within(30.0));
        byte[] original = storedWkb("parcels", id);
        assertThat(land.send("GET", "/api/parcels/" + id, null).header("ETag")).isEqualTo("\"1\"");

        Answer replaced = land.send(
                "PUT", "/api/parcels/" + id, parcel(id, "出让", square(LAKE_LON, LAKE_LAT, 0.0005)), "If-Match", "\"1\"");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(replaced.json().path("properties").path("status").asString()).isEqualTo("出让");
        assertThat(replaced.json().path("properties").path("area_m2").asDouble())
                .isGreaterThan(p.path("area_m2").asDouble() * 2);

        Answer noIfMatch = land.send("PUT", "/api/parcels/" + id, parcel(id, "做地", square));
        assertThat(noIfMatch.status()).isEqualTo(428);
        assertThat(noIfMatch.contentType()).startsWith("application/problem+json");
        Answer stale = land.send("PUT", "/api/parcels/" + id, parcel(id, "做地", square), "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.header("ETag")).isEqualTo("\"2\"");
        assertThat(land.send("DELETE", "/api/parcels/" + id, null).status())
                .as("delete needs If-Match too")
                .isEqualTo(428);

        Answer deleted = land.send("DELETE", "/api/parcels/" + id, null, "If-Match", "\"2\"");
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
        assertThat(land.send("GET", "/api/parcels/" + id, null).status()).isEqualTo(404);
        Answer again = land.send("POST", "/api/parcels", parcel(id, "储备", square));
        assertThat(again.status()).as("a deleted feature keeps its id").isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("undelete");

        Answer undeleted =
                land.send("POST", "/api/parcels/" + id + "/undelete", null, "If-Match", deleted.header("ETag"));
        assertThat(undeleted.status()).as(undeleted.text()).isEqualTo(200);
        assertThat(undeleted.header("ETag")).isEqualTo("\"4\"");
        assertThat(land.send("GET", "/api/parcels/" + id, null).status()).isEqualTo(200);

        Answer restored = land.send("POST", "/api/parcels/" + id + "/restore?version=1", null, "If-Match", "\"4\"");
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(restored.header("ETag")).isEqualTo("\"5\"");
        assertThat(restored.json().path("properties").path("status").asString()).isEqualTo("储备");
        assertThat(storedWkb("parcels", id))
                .as("the restored geometry is bit for bit the one of version 1")
                .isEqualTo(original);

        JsonNode history =
                land.send("GET", "/api/parcels/" + id + "/history", null).json();
        assertThat(history.path("version").asLong()).isEqualTo(5);
        List<String> actions = history.path("versions")
                .valueStream()
                .map(v -> v.path("action").asString())
                .toList();
        assertThat(actions).containsExactly("create", "update", "delete", "undelete", "restore");
        JsonNode v1 = history.path("versions").get(0);
        assertThat(v1.path("before").isNull()).isTrue();
        assertThat(v1.path("actor").asString()).isEqualTo(land.name);
        assertThat(v1.path("changed_at").asString()).isNotBlank();
        assertThat(v1.path("after").path("properties").has("owner"))
                .as("versions keep internal fields")
                .isTrue();
        JsonNode v2 = history.path("versions").get(1);
        assertThat(v2.path("before").path("properties").path("status").asString())
                .isEqualTo("储备");
        assertThat(v2.path("after").path("properties").path("status").asString())
                .isEqualTo("出让");
        assertThat(history.path("versions")
                        .get(2)
                        .path("after")
                        .path("deleted_at")
                        .asString())
                .isNotBlank();
        assertThat(jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, id))
                .isEqualTo(5);
    }

    @Test
    void aShippedFeatureIsRestoredExactlyFromItsRecordedFirstVersion() {
        Editor admin = new Editor(ADMIN);
        String zone = jdbc.queryForObject("SELECT MIN(code) FROM zones WHERE kind = 'port'", String.class);
        byte[] original = storedWkb("zones", zone);
        JsonNode read = admin.send("GET", "/api/zones/" + zone, null).json();
        String etag = admin.send("GET", "/api/zones/" + zone, null).header("ETag");
        try {
            String body = "{\"type\":\"Feature\",\"geometry\":" + square(121.55, 28.45, 0.01) + ",\"properties\":"
                    + read.path("properties").toString().replace("\"name_en\":\"", "\"name_en\":\"Moved ") + "}";
            Answer moved = admin.send("PUT", "/api/zones/" + zone, body, "If-Match", etag);
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);
            long first = Long.parseLong(etag.replace("\"", ""));
            Answer restored = admin.send(
                    "POST", "/api/zones/" + zone + "/restore?version=" + first, null, "If-Match", moved.header("ETag"));
            assertThat(restored.status()).as(restored.text()).isEqualTo(200);
            assertThat(storedWkb("zones", zone)).isEqualTo(original);
            assertThat(restored.json().path("properties").path("name_en").asString())
                    .isEqualTo(read.path("properties").path("name_en").asString());
        } finally {
            jdbc.update("DELETE FROM feature_versions WHERE layer = 'zones' AND feature_id = ?", zone);
        }
    }

    // ---------------------------------------------------------------- two editors at once

    @Test
    void twoConcurrentWritesWithTheSameEtagOneWinsTheOtherGets412() throws Exception {
        Editor land = editor("LAND_STAFF");
        Editor admin = new Editor(ADMIN);
        String id = newId("parcels");
        String square = square(LAKE_LON, LAKE_LAT, 0.0004);
        assertThat(land.send("POST", "/api/parcels", parcel(id, "储备", square)).status())
                .isEqualTo(201);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                String etag = "\"" + (round) + "\"";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Answer>> answers = new ArrayList<>();
                for (Editor e : List.of(land, admin)) {
                    String status = e == land ? "出让" : "做地";
                    answers.add(threads.submit(() -> {
                        start.await();
                        return e.send("PUT", "/api/parcels/" + id, parcel(id, status, square), "If-Match", etag);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Answer> a : answers) {
                    statuses.add(a.get().status());
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 412);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, id))
                .isEqualTo(6);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM feature_versions WHERE layer = 'parcels' AND feature_id = ?",
                        Long.class,
                        id))
                .as("one version per winning write")
                .isEqualTo(6);
    }

    @Test
    void aWriteThatFailsLeavesNoVersionRowAndNoChange() {
        Editor land = editor("LAND_STAFF");
        String id = newId("parcels");
        assertThat(land.send("POST", "/api/parcels", parcel(id, "储备", square(LAKE_LON, LAKE_LAT, 0.0004)))
                        .status())
                .isEqualTo(201);
        byte[] before = storedWkb("parcels", id);
        // A version row already taken makes the write fail after the feature's UPDATE ran.
        jdbc.update(
                "INSERT INTO feature_versions (layer, feature_id, version, action, actor, changed_at) VALUES "
                        + "('parcels', ?, 2, 'update', 'someone', CURRENT_TIMESTAMP)",
                id);
        Answer failed = land.send(
                "PUT", "/api/parcels/" + id, parcel(id, "出让", square(LAKE_LON, LAKE_LAT, 0.0008)), "If-Match", "\"1\"");
        assertThat(failed.status()).as(failed.text()).isEqualTo(412);
        assertThat(jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, id))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM parcels WHERE parcel_no = ?", String.class, id))
                .isEqualTo("储备");
        assertThat(storedWkb("parcels", id)).isEqualTo(before);
        assertThat(jdbc.queryForList(
                        "SELECT actor FROM feature_versions WHERE layer = 'parcels' AND feature_id = ? ORDER BY version",
                        String.class,
                        id))
                .containsExactly(land.name, "someone");
    }

    // ---------------------------------------------------------------- validation

    @Test
    void anInvalidGeometryIsRefusedWithReasonAndLocationOrRepairedOnRequest() {
        Editor land = editor("LAND_STAFF");
        String id = newId("parcels");
        double x = LAKE_LON;
        double y = LAKE_LAT;
        // A bow tie: its edges cross at its centre.
        String bowTie = String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                x,
                y,
                x + 0.001,
                y + 0.001,
                x + 0.001,
                y,
                x,
                y + 0.001,
                x,
                y);
        Answer refused = land.send("POST", "/api/parcels", parcel(id, "储备", bowTie));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("reason").asString()).isEqualTo("Self-intersection");
        assertThat(refused.json().path("location").get(0).asDouble()).isCloseTo(x + 0.0005, within(1e-9));
        assertThat(refused.json().path("location").get(1).asDouble()).isCloseTo(y + 0.0005, within(1e-9));
        assertThat(refused.json().path("detail").asString()).contains("repair=true");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE parcel_no = ?", Long.class, id))
                .isZero();

        Answer repaired = land.send("POST", "/api/parcels?repair=true", parcel(id, "储备", bowTie));
        assertThat(repaired.status()).as(repaired.text()).isEqualTo(201);
        assertThat(repaired.json().path("repaired").asBoolean()).isTrue();
        assertThat(repaired.json().path("repairs").get(0).path("reason").asString())
                .isEqualTo("Self-intersection");
        Geometry stored = wkb(storedWkb("parcels", id));
        assertThat(stored.isValid()).isTrue();
        assertThat(stored.getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(stored.getNumGeometries())
                .as("the bow tie becomes its two triangles")
                .isEqualTo(2);

        String far = newId("parcels");
        Answer swapped = land.send("POST", "/api/parcels", parcel(far, "储备", square(LAKE_LAT, LAKE_LON, 0.001)));
        assertThat(swapped.status())
                .as("latitude, longitude swapped lies far outside the district")
                .isEqualTo(422);
        assertThat(swapped.json().path("field").asString()).isEqualTo("geometry");
        StringBuilder ring = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        int n = 20_001;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            ring.append(String.format(Locale.ROOT, "[%.8f,%.8f],", x + 0.001 * Math.cos(a), y + 0.001 * Math.sin(a)));
        }
        ring.append(String.format(Locale.ROOT, "[%.8f,%.8f]]]}", x + 0.001, y));
        Answer tooMany = land.send("POST", "/api/parcels", parcel(far, "储备", ring.toString()));
        assertThat(tooMany.status())
                .as("more vertices than luqiao.editing.max-vertices")
                .isEqualTo(422);
        assertThat(tooMany.json().path("detail").asString())
                .contains("20002 vertices")
                .contains("20000");
        Answer line = land.send(
                "POST",
                "/api/parcels",
                parcel(far, "储备", "{\"type\":\"LineString\",\"coordinates\":[[121.35,28.59],[121.36,28.6]]}"));
        assertThat(line.status()).isEqualTo(422);
        assertThat(line.json().path("detail").asString()).contains("MultiPolygon");
    }

    @Test
    void aFeatureMayBeSentInGaussKrugerCoordinates() {
        Editor planner = editor("PLANNER");
        String id = newId("projects");
        // EPSG:4549 (CGCS2000 / 3-degree GK, 120°E), x east, y north: the lake centre.
        Geometry lonLat = new org.locationtech.jts.geom.GeometryFactory()
                .createPoint(new org.locationtech.jts.geom.Coordinate(LAKE_LON, LAKE_LAT));
        Geometry gk = luqiao.map.geometry.Crs.of("EPSG:4549").fromLonLat(lonLat);
        String point = String.format(
                Locale.ROOT,
                "{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]}",
                gk.getCoordinate().x,
                gk.getCoordinate().y);
        Answer created = planner.send(
                "POST",
                "/api/projects",
                project(id, "谋划", point),
                "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/4549>");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Geometry stored = wkb(storedWkb("projects", id));
        assertThat(stored.getCoordinate().x).isCloseTo(LAKE_LON, within(1e-7));
        assertThat(stored.getCoordinate().y).isCloseTo(LAKE_LAT, within(1e-7));
        assertThat(planner.send("POST", "/api/projects?crs=EPSG:9999", project(newId("projects"), "谋划", point))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void attributesAreCheckedAgainstTheDomainsChoiceLists() {
        Editor land = editor("LAND_STAFF");
        String id = newId("parcels");
        String square = square(LAKE_LON, LAKE_LAT, 0.0004);
        Answer status = land.send("POST", "/api/parcels", parcel(id, "没收", square));
        assertThat(status.status()).isEqualTo(422);
        assertThat(status.json().path("field").asString()).isEqualTo("status");
        assertThat(status.json().path("detail").asString()).contains("做地");
        Answer unknown =
                land.send("POST", "/api/parcels", parcel(id, "储备", square).replace("\"town\"", "\"township\""));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("field").asString()).isEqualTo("township");
        Answer code = land.send("POST", "/api/parcels", parcel(id, "储备", square).replace("\"1001\"", "\"9999\""));
        assertThat(code.status()).isEqualTo(422);
        assertThat(code.json().path("field").asString()).isEqualTo("landuse_code");
        Answer mismatch = land.send(
                "POST",
                "/api/parcels",
                parcel(id, "储备", square).replace("\"landuse_code\"", "\"landuse_name\":\"水田\",\"landuse_code\""));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.json().path("field").asString()).isEqualTo("landuse_name");
        Answer missing =
                land.send("POST", "/api/parcels", parcel(id, "储备", square).replace("\"status\":\"储备\",", ""));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("field").asString()).isEqualTo("status");
        assertThat(land.send("POST", "/api/parcels", "{\"type\":").status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE parcel_no = ?", Long.class, id))
                .isZero();

        // The public is offered only the public stages (#15); planners, who edit projects, all five.
        JsonNode choices = http.get("/api/choices").json();
        assertThat(choices.path("projects")
                        .path("stage")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("开工", "竣工");
        assertThat(editor("PLANNER")
                        .send("GET", "/api/choices", null)
                        .json()
                        .path("projects")
                        .path("stage")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("谋划", "前期", "招引", "开工", "竣工");
        assertThat(choices.path("parcels")
                        .path("landuse_code")
                        .valueStream()
                        .map(c -> c.path("code").asString())
                        .toList())
                .contains("1001", "0101");
    }

    @Test
    void aProjectsStageChangesOnlyThroughTransitionsAndARestoreKeepsIt() {
        Editor planner = editor("PLANNER");
        String id = newId("projects");
        String point = "{\"type\":\"Point\",\"coordinates\":[121.3561,28.5981]}";
        Answer created = planner.send("POST", "/api/projects", project(id, "前期", point));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("properties").path("stage").asString())
                .as("create takes the initial stage")
                .isEqualTo("前期");
        // Creating a project enters it into the chain today: as of yesterday it did not exist yet.
        assertThat(planner.send(
                                "GET",
                                "/api/projects/" + id + "?asOf="
                                        + LocalDate.now().minusDays(1),
                                null)
                        .status())
                .isEqualTo(404);
        assertThat(planner.send("GET", "/api/projects/" + id + "?asOf=" + LocalDate.now(), null)
                        .status())
                .isEqualTo(200);
        Answer changed = planner.send("PUT", "/api/projects/" + id, project(id, "开工", point), "If-Match", "\"1\"");
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().path("transitions").asString()).isEqualTo("/api/projects/" + id + "/transitions");
        Answer renamed = planner.send(
                "PUT", "/api/projects/" + id, project(id, "前期", point).replace("测试项目", "改名项目"), "If-Match", "\"1\"");
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        Answer moved = planner.send(
                "POST",
                "/api/projects/" + id + "/transitions",
                "{\"to\":\"招引\",\"date\":\"" + LocalDate.now() + "\",\"note\":\"签约\"}",
                "If-Match",
                "\"2\"");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        Answer restored = planner.send("POST", "/api/projects/" + id + "/restore?version=1", null, "If-Match", "\"3\"");
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(restored.json().path("properties").path("name_zh").asString())
                .isEqualTo("测试项目");
        assertThat(restored.json().path("properties").path("stage").asString()).isEqualTo("招引");
        assertThat(restored.json().path("notes").toString()).contains("招引").contains("transitions");
        assertThat(planner.send("POST", "/api/projects/" + id + "/restore?version=99", null, "If-Match", "\"4\"")
                        .status())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------- roles

    @Test
    void eachLayerIsEditedByItsRoleOnly() {
        Editor planner = editor("PLANNER");
        Editor land = editor("LAND_STAFF");
        Editor admin = new Editor(ADMIN);
        String square = square(LAKE_LON, LAKE_LAT, 0.0004);
        String parcel = newId("parcels");
        String project = newId("projects");
        String zone = newId("zones");
        assertThat(planner.send("POST", "/api/parcels", parcel(parcel, "储备", square))
                        .status())
                .isEqualTo(403);
        assertThat(land.send("POST", "/api/projects", project(project, "谋划", square))
                        .status())
                .isEqualTo(403);
        assertThat(land.send("POST", "/api/zones", zone(zone, square)).status()).isEqualTo(403);
        assertThat(planner.send("POST", "/api/zones", zone(zone, square)).status())
                .isEqualTo(403);
        assertThat(new Editor("nobody-" + UUID.randomUUID() + ":wrong-password")
                        .send("POST", "/api/zones", zone(zone, square))
                        .status())
                .isEqualTo(401);
        Answer anonymousWrite = new Editor(null).send("POST", "/api/zones", zone(zone, square));
        assertThat(anonymousWrite.status())
                .as("refused for the missing CSRF token, before authorization")
                .isEqualTo(403);
        assertThat(anonymousWrite.contentType()).startsWith("application/problem+json");

        assertThat(land.send("POST", "/api/parcels", parcel(parcel, "储备", square))
                        .status())
                .isEqualTo(201);
        assertThat(planner.send("POST", "/api/projects", project(project, "谋划", square))
                        .status())
                .isEqualTo(201);
        assertThat(admin.send("POST", "/api/zones", zone(zone, square)).status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE parcel_no = ?", Long.class, parcel))
                .isOne();

        assertThat(new Editor(null)
                        .send("GET", "/api/parcels/" + parcel + "/history", null)
                        .status())
                .isEqualTo(401);
        assertThat(planner.send("GET", "/api/parcels/" + parcel + "/history", null)
                        .status())
                .isEqualTo(403);
        assertThat(land.send("GET", "/api/projects/" + project + "/history", null)
                        .status())
                .isEqualTo(403);
        assertThat(land.send("GET", "/api/parcels/" + parcel + "/history", null).status())
                .isEqualTo(200);
        assertThat(admin.send("GET", "/api/projects/" + project + "/history", null)
                        .status())
                .isEqualTo(200);
        assertThat(planner.send("DELETE", "/api/parcels/" + parcel, null, "If-Match", "\"1\"")
                        .status())
                .isEqualTo(403);
        assertThat(admin.send("DELETE", "/api/parcels/" + parcel, null, "If-Match", "\"1\"")
                        .status())
                .isEqualTo(200);
    }

    // ---------------------------------------------------------------- what readers see

    @Test
    void aDeletedFeatureIsHiddenFromTheApiOgcApiAnalysesAndTiles() {
        Editor admin = new Editor(ADMIN);
        String id = newId("parcels");
        String square = square(LAKE_LON, LAKE_LAT, 0.0004);
        assertThat(admin.send("POST", "/api/parcels", parcel(id, "储备", square)).status())
                .isEqualTo(201);
        String bbox =
                (LAKE_LON - 0.001) + "," + (LAKE_LAT - 0.001) + "," + (LAKE_LON + 0.001) + "," + (LAKE_LAT + 0.001);
        String tile = tilePath(LAKE_LON + 0.0002, LAKE_LAT + 0.0002, 16);
        String analysis = "{\"geometry\":" + square(LAKE_LON - 0.001, LAKE_LAT - 0.001, 0.002) + "}";
        assertThat(http.get("/api/parcels?bbox=" + bbox).body()).contains(id);
        assertThat(http.get("/ogc/collections/parcels/items?bbox=" + bbox).body())
                .contains(id);
        assertThat(http.get("/ogc/collections/parcels/items/" + id).status()).isEqualTo(200);
        assertThat(http.postJson("/api/analysis/parcels?geometry=true", analysis)
                        .body())
                .contains(id);
        assertThat(admin.send("GET", tile, null).text()).contains(id);

        String etag = admin.send("GET", "/api/parcels/" + id, null).header("ETag");
        assertThat(admin.send("DELETE", "/api/parcels/" + id, null, "If-Match", etag)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/parcels?bbox=" + bbox).body()).doesNotContain(id);
        assertThat(admin.send("GET", "/api/parcels?bbox=" + bbox, null).text())
                .as("hidden from staff too")
                .doesNotContain(id);
        assertThat(http.get("/api/parcels/" + id).status()).isEqualTo(404);
        assertThat(http.get("/ogc/collections/parcels/items?bbox=" + bbox).body())
                .doesNotContain(id);
        assertThat(http.get("/ogc/collections/parcels/items/" + id).status()).isEqualTo(404);
        assertThat(http.postJson("/api/analysis/parcels?geometry=true", analysis)
                        .body())
                .doesNotContain(id);
        assertThat(admin.send("GET", tile, null).text())
                .as("the cached tile was evicted")
                .doesNotContain(id);
        assertThat(http.get(tile).body()).doesNotContain(id);
    }

    @Test
    void theNextTileAfterAnEditShowsTheChange() {
        Editor land = editor("LAND_STAFF");
        String id = newId("parcels");
        String square = square(LAKE_LON, LAKE_LAT, 0.0004);
        assertThat(land.send("POST", "/api/parcels", parcel(id, "储备", square)).status())
                .isEqualTo(201);
        String tile = tilePath(LAKE_LON + 0.0002, LAKE_LAT + 0.0002, 17);
        assertThat(http.get(tile).body()).contains(id).contains("储备").doesNotContain("出让");
        // Moved away: both the old and the new position's tiles are stale.
        String elsewhere = square(LAKE_LON + 0.002, LAKE_LAT + 0.001, 0.0004);
        String newTile = tilePath(LAKE_LON + 0.0022, LAKE_LAT + 0.0012, 17);
        assertThat(http.get(newTile).body()).doesNotContain(id);
        Answer moved = land.send("PUT", "/api/parcels/" + id, parcel(id, "出让", elsewhere), "If-Match", "\"1\"");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(http.get(tile).body()).doesNotContain(id);
        assertThat(http.get(newTile).body()).contains(id).contains("出让");
    }

    /**
     * Issue #13: the public's ETag follows what the public sees. An edit of the owner only (an internal field)
     * leaves the anonymous ETag, and a conditional GET with it (304), unchanged, while the land staff's ETag
     * (the version If-Match names) advances; a change the public sees changes its ETag too.
     */
    @Test
    void anOwnerOnlyEditLeavesThePublicETagUnchangedAndAdvancesTheStaffETag() {
        Editor land = editor("LAND_STAFF");
        Editor anonymous = new Editor(null);
        String id = newId("parcels");
        String square = square(LAKE_LON, LAKE_LAT, 0.0004);
        assertThat(land.send("POST", "/api/parcels", parcel(id, "储备", square)).status())
                .isEqualTo(201);
        Answer before = anonymous.send("GET", "/api/parcels/" + id, null);
        assertThat(before.status()).isEqualTo(200);
        String publicTag = before.header("ETag");
        assertThat(publicTag).as("the public is given an ETag").isNotBlank().isNotEqualTo("\"1\"");
        assertThat(anonymous
                        .send("GET", "/api/parcels/" + id, null, "If-None-Match", publicTag)
                        .status())
                .isEqualTo(304);

        String ownerChanged = parcel(id, "储备", square).replace("测试公司", "另一家公司");
        Answer replaced = land.send("PUT", "/api/parcels/" + id, ownerChanged, "If-Match", "\"1\"");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        Answer staffRead = land.send("GET", "/api/parcels/" + id, null);
        assertThat(staffRead.header("ETag")).as("the staff ETag is the version").isEqualTo("\"2\"");
        assertThat(staffRead.json().path("properties").path("owner").asString()).isEqualTo("另一家公司");

        Answer after = anonymous.send("GET", "/api/parcels/" + id, null);
        assertThat(after.header("ETag"))
                .as("an owner-only edit is invisible in the public ETag")
                .isEqualTo(publicTag);
        assertThat(after.text()).isEqualTo(before.text()).doesNotContain("owner");
        assertThat(anonymous
                        .send("GET", "/api/parcels/" + id, null, "If-None-Match", publicTag)
                        .status())
                .isEqualTo(304);
        assertThat(editor("PLANNER").send("GET", "/api/parcels/" + id, null).header("ETag"))
                .as("planners see parcels as the public does")
                .isEqualTo(publicTag);

        Answer visible = land.send("PUT", "/api/parcels/" + id, parcel(id, "出让", square), "If-Match", "\"2\"");
        assertThat(visible.status()).as(visible.text()).isEqualTo(200);
        Answer changed = anonymous.send("GET", "/api/parcels/" + id, null, "If-None-Match", publicTag);
        assertThat(changed.status()).as("a change the public sees").isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(publicTag);
        assertThat(land.send("PUT", "/api/parcels/" + id, parcel(id, "做地", square), "If-Match", changed.header("ETag"))
                        .status())
                .as("a public ETag is no version: a write naming it is refused")
                .isEqualTo(412);
    }

    // ---------------------------------------------------------------- helpers

    String newId(String layer) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        made.add(new String[] {layer, id});
        return id;
    }

    byte[] storedWkb(String layer, String id) {
        Layer l = Layer.byName(layer).orElseThrow();
        return jdbc.queryForObject(
                "SELECT ST_AsBinary(geom) FROM " + l.table() + " WHERE " + l.idColumn() + " = ?", byte[].class, id);
    }

    static String square(double lon, double lat, double side) {
        return String.format(
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
    }

    static String parcel(String id, String status, String geometry) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":" + geometry
                + ",\"properties\":{\"landuse_code\":\"1001\","
                + "\"status\":\"" + status + "\",\"renovation\":null,\"farmland_protected\":false,\"town\":\"路北街道\","
                + "\"owner\":\"测试公司\",\"area_m2\":1}}";
    }

    static String project(String id, String stage, String geometry) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":" + geometry
                + ",\"properties\":{\"name_zh\":\"测试项目\","
                + "\"name_en\":\"Test project\",\"category\":\"绿色生态\",\"stage\":\"" + stage
                + "\",\"investment_wan\":1200.5,"
                + "\"planned_start\":\"2025-03-01\"}}";
    }

    static String zone(String id, String geometry) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":" + geometry
                + ",\"properties\":{\"name_zh\":\"测试区块\"," + "\"kind\":\"key_zone\",\"public\":true}}";
    }

    /** The parcels vector tile at zoom z holding the position. */
    static String tilePath(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt";
    }

    Editor editor(String role) {
        String name = role.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Answer created = new Editor(ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role
                                + "\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Editor(name + ":correct-horse-battery");
    }

    record Answer(int status, HttpResponse<byte[]> response) {
        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(text());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    /** A program signed in with HTTP Basic ("user:password"), or anonymous (null). */
    final class Editor {
        final String name;
        private final String basic;
        private final HttpClient client = HttpClient.newHttpClient();

        Editor(String basic) {
            this.basic = basic;
            this.name = basic == null ? null : basic.substring(0, basic.indexOf(':'));
        }

        Answer send(String method, String path, String body, String... headers) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i < headers.length; i += 2) {
                r.header(headers[i], headers[i + 1]);
            }
            if (body != null) {
                r.header("Content-Type", "application/geo+json");
            }
            if (basic != null) {
                r.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
            try {
                HttpResponse<byte[]> response = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response);
            } catch (IOException e) {
                throw new IllegalStateException(path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

package luqiao.map;

import static luqiao.map.EditingContract.LAKE_LAT;
import static luqiao.map.EditingContract.LAKE_LON;
import static luqiao.map.EditingContract.square;
import static luqiao.map.EditingContract.tilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import luqiao.map.catalog.Layer;
import luqiao.map.geometry.Crs;
import luqiao.map.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue #19: OGC API – Features Part 4 (create, replace, update, delete) on {@code /ogc/collections/{id}/items},
 * over real HTTP on each backend. The writes go through the editing service of {@code /api/{layer}}, so the
 * roles, the validation, the version rows and the tile eviction are those of {@link EditingContract}; what
 * this contract adds is the standard's side: Location and server-assigned ids, JSON Merge Patch,
 * {@code Content-Crs} in its axis order, an optional {@code If-Match}, OPTIONS per caller, and the exact
 * requests QGIS sends. Features are made in the empty 飞龙湖 lake and removed afterwards.
 */
abstract class OgcEditingContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PARCELS = "/ogc/collections/parcels/items";
    static final String PROJECTS = "/ogc/collections/projects/items";
    static final String GEO_JSON = "application/geo+json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final List<String[]> made = new ArrayList<>();

    @AfterEach
    void removeTestFeatures() {
        made.forEach(f -> removeFeature(Layer.byName(f[0]).orElseThrow(), f[1]));
    }

    // ---------------------------------------------------------------- the life of a feature

    @Test
    void createReplaceUpdateAndDeleteKeepEveryVersionInTheHistory() {
        Client land = client("LAND_STAFF");
        Answer created = land.send("POST", PARCELS, parcel(null, "储备", square(LAKE_LON, LAKE_LAT, 0.0003)), GEO_JSON);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = made("parcels", created);
        assertThat(id).as("the server assigns an id when the body names none").matches("N[0-9]{8}-[0-9A-F]{10}");
        assertThat(created.header("Location")).isEqualTo("http://localhost:" + port + PARCELS + "/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
        assertThat(created.json().path("properties").path("landuse_name").asString())
                .as("the editing rules apply: names follow from the land-use code")
                .isEqualTo("工业用地");
        Answer read = land.send("GET", PARCELS + "/" + id, null, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("properties").path("owner").asString()).isEqualTo("测试公司");

        Answer replaced = land.send(
                "PUT",
                PARCELS + "/" + id,
                parcel(id, "出让", square(LAKE_LON, LAKE_LAT, 0.0005)),
                GEO_JSON,
                "If-Match",
                "\"1\"");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        byte[] geometry = storedWkb("parcels", id);

        Answer patched = land.send(
                "PATCH", PARCELS + "/" + id, "{\"properties\":{\"status\":\"做地\",\"owner\":null}}", MERGE_PATCH);
        assertThat(patched.status())
                .as("without If-Match the current version is changed: %s", patched.text())
                .isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"3\"");
        JsonNode p = patched.json().path("properties");
        assertThat(p.path("status").asString()).isEqualTo("做地");
        assertThat(p.path("owner").isNull()).as("null unsets a property").isTrue();
        assertThat(p.path("landuse_code").asString())
                .as("properties the patch leaves out stay")
                .isEqualTo("1001");
        assertThat(storedWkb("parcels", id))
                .as("a patch without geometry keeps the stored one bit for bit")
                .isEqualTo(geometry);

        Answer moved = land.send(
                "PATCH",
                PARCELS + "/" + id,
                "{\"geometry\":" + square(LAKE_LON + 0.001, LAKE_LAT, 0.0004) + "}",
                MERGE_PATCH,
                "If-Match",
                "\"3\"");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.header("ETag")).isEqualTo("\"4\"");
        assertThat(wkb(storedWkb("parcels", id)).getEnvelopeInternal().getMinX())
                .isCloseTo(LAKE_LON + 0.001, within(1e-9));
        assertThat(moved.json().path("properties").path("status").asString()).isEqualTo("做地");

        Answer stale = land.send(
                "PUT",
                PARCELS + "/" + id,
                parcel(id, "储备", square(LAKE_LON, LAKE_LAT, 0.0003)),
                GEO_JSON,
                "If-Match",
                "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stale.header("ETag")).as("the current version, to reload").isEqualTo("\"4\"");
        assertThat(land.send(
                                "PATCH",
                                PARCELS + "/" + id,
                                "{\"properties\":{\"status\":\"储备\"}}",
                                MERGE_PATCH,
                                "If-Match",
                                "\"2\"")
                        .status())
                .isEqualTo(412);
        assertThat(land.send("DELETE", PARCELS + "/" + id, null, null, "If-Match", "\"3\"")
                        .status())
                .isEqualTo(412);
        assertThat(jdbc.queryForObject("SELECT status FROM parcels WHERE parcel_no = ?", String.class, id))
                .isEqualTo("做地");

        // RFC 9110: If-Match * matches the current version, here and in the editing API.
        Answer any = land.send(
                "PATCH", PARCELS + "/" + id, "{\"properties\":{\"town\":\"路南街道\"}}", MERGE_PATCH, "If-Match", "*");
        assertThat(any.status()).as(any.text()).isEqualTo(200);
        assertThat(any.header("ETag")).isEqualTo("\"5\"");
        Answer viaApi = land.send(
                "PUT",
                "/api/parcels/" + id,
                parcel(id, "做地", square(LAKE_LON, LAKE_LAT, 0.0003)),
                GEO_JSON,
                "If-Match",
                "*");
        assertThat(viaApi.status()).as(viaApi.text()).isEqualTo(200);
        assertThat(viaApi.header("ETag")).isEqualTo("\"6\"");

        Answer deleted = land.send("DELETE", PARCELS + "/" + id, null, null, "If-Match", "\"6\"");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(land.send("GET", PARCELS + "/" + id, null, null).status()).isEqualTo(404);

        JsonNode history =
                land.send("GET", "/api/parcels/" + id + "/history", null, null).json();
        assertThat(history.path("versions").valueStream().map(v -> v.path("action")
                        .asString()))
                .containsExactly("create", "update", "update", "update", "update", "update", "delete");
        assertThat(history.path("versions").valueStream().map(v -> v.path("actor")
                        .asString()))
                .containsOnly(land.name);
        assertThat(history.path("versions")
                        .get(2)
                        .path("after")
                        .path("properties")
                        .path("status")
                        .asString())
                .isEqualTo("做地");

        String chosen = newId("parcels");
        Answer named = land.send("POST", PARCELS, parcel(chosen, "储备", square(LAKE_LON, LAKE_LAT, 0.0003)), GEO_JSON);
        assertThat(named.status()).as(named.text()).isEqualTo(201);
        assertThat(named.header("Location")).as("an id the body names is kept").endsWith("/items/" + chosen);
        Answer taken = land.send("POST", PARCELS, parcel(chosen, "储备", square(LAKE_LON, LAKE_LAT, 0.0003)), GEO_JSON);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.header("Content-Type")).startsWith("application/problem+json");
    }

    // ---------------------------------------------------------------- validation, as the editing API's

    @Test
    void invalidBodiesGeometriesAndCrsAreRefusedWithProblems() {
        Client land = client("LAND_STAFF");
        String good = square(LAKE_LON, LAKE_LAT, 0.0003);
        double x = LAKE_LON;
        double y = LAKE_LAT;
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
        Answer crossed = land.send("POST", PARCELS, parcel(null, "储备", bowTie), GEO_JSON);
        assertThat(crossed.status()).isEqualTo(422);
        assertThat(crossed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(crossed.json().path("reason").asString()).isEqualTo("Self-intersection");
        assertThat(crossed.json().path("location").get(0).asDouble()).isCloseTo(x + 0.0005, within(1e-9));

        Answer notAFeature = land.send("POST", PARCELS, "{\"type\":\"FeatureCollection\",\"features\":[]}", GEO_JSON);
        assertThat(notAFeature.status()).isEqualTo(422);
        assertThat(notAFeature.json().path("field").asString()).isEqualTo("type");
        Answer badGeometry = land.send(
                "POST", PARCELS, parcel(null, "储备", "{\"type\":\"Polygon\",\"coordinates\":[[121.35]]}"), GEO_JSON);
        assertThat(badGeometry.status()).isEqualTo(422);
        assertThat(badGeometry.json().path("field").asString()).isEqualTo("geometry");
        Answer notJson = land.send("POST", PARCELS, "{\"type\":", GEO_JSON);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
        Answer unknownCrs = land.send(
                "POST",
                PARCELS,
                parcel(null, "储备", good),
                GEO_JSON,
                "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/9999>");
        assertThat(unknownCrs.status()).isEqualTo(400);
        assertThat(unknownCrs.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownCrs.json().path("detail").asString())
                .contains("Content-Crs")
                .contains("EPSG:4490");
        Answer plainText = land.send("POST", PARCELS, parcel(null, "储备", good), "text/plain");
        assertThat(plainText.status()).isEqualTo(415);
        assertThat(plainText.header("Content-Type")).startsWith("application/problem+json");
        assertThat(land.send("POST", "/ogc/collections/roads/items", parcel(null, "储备", good), GEO_JSON)
                        .status())
                .as("no role writes a collection that does not exist (as POST /api/roads)")
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE parcel_no LIKE 'N20%-%'", Long.class))
                .as("nothing refused was written")
                .isZero();

        Answer created = land.send("POST", PARCELS, parcel(null, "储备", good), GEO_JSON);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String item = PARCELS + "/" + made("parcels", created);
        Answer required = land.send("PATCH", item, "{\"properties\":{\"status\":null}}", MERGE_PATCH);
        assertThat(required.status()).isEqualTo(422);
        assertThat(required.json().path("field").asString()).isEqualTo("status");
        Answer choice = land.send("PATCH", item, "{\"properties\":{\"status\":\"没收\"}}", MERGE_PATCH);
        assertThat(choice.status()).isEqualTo(422);
        assertThat(choice.json().path("detail").asString()).contains("做地");
        Answer renamed = land.send("PATCH", item, "{\"id\":\"OTHER\"}", MERGE_PATCH);
        assertThat(renamed.status()).as("the id is not a patchable member").isEqualTo(422);
        assertThat(renamed.json().path("field").asString()).isEqualTo("id");
        Answer crossedPatch = land.send("PATCH", item, "{\"geometry\":" + bowTie + "}", MERGE_PATCH);
        assertThat(crossedPatch.status()).isEqualTo(422);
        assertThat(crossedPatch.json().path("reason").asString()).isEqualTo("Self-intersection");
        assertThat(land.send("PATCH", item, "[1]", MERGE_PATCH).status()).isEqualTo(400);
        assertThat(land.send("PATCH", item, "{\"properties\":{\"status\":\"出让\"}}", GEO_JSON)
                        .status())
                .as("a merge patch is application/merge-patch+json (or plain JSON)")
                .isEqualTo(415);
        assertThat(land.send("PATCH", PARCELS + "/NO-SUCH-PARCEL", "{\"properties\":{}}", MERGE_PATCH)
                        .status())
                .isEqualTo(404);
        assertThat(land.send("GET", item, null, null)
                        .json()
                        .path("properties")
                        .path("status")
                        .asString())
                .isEqualTo("储备");

        Client planner = client("PLANNER");
        Answer project = planner.send("POST", PROJECTS, project(null, "谋划", point(LAKE_LON, LAKE_LAT)), GEO_JSON);
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        String code = made("projects", project);
        Answer stage = planner.send("PATCH", PROJECTS + "/" + code, "{\"properties\":{\"stage\":\"开工\"}}", MERGE_PATCH);
        assertThat(stage.status())
                .as("a stage moves only through the project chain")
                .isEqualTo(409);
        assertThat(stage.json().path("transitions").asString()).isEqualTo("/api/projects/" + code + "/transitions");
    }

    // ---------------------------------------------------------------- Content-Crs (Part 2 for bodies)

    @Test
    void aBodyInAnotherCrsIsReadInThatCrsAxisOrderAndStoredInLonLat() {
        Client planner = client("PLANNER");
        double lon = LAKE_LON + 0.0003;
        double lat = LAKE_LAT + 0.0002;
        // EPSG:4490 (CGCS2000) as EPSG orders it: latitude first.
        Answer cgcs2000 = planner.send(
                "POST",
                PROJECTS,
                project(null, "谋划", point(lat, lon)),
                GEO_JSON,
                "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/4490>");
        assertThat(cgcs2000.status()).as(cgcs2000.text()).isEqualTo(201);
        assertStoredAt("projects", made("projects", cgcs2000), lon, lat);
        // EPSG:3857 (Web Mercator): x east.
        Geometry mercator = Crs.of("EPSG:3857").fromLonLat(lonLat(lon, lat));
        Answer web = planner.send(
                "POST",
                PROJECTS,
                project(null, "谋划", point(mercator.getCoordinate().x, mercator.getCoordinate().y)),
                GEO_JSON,
                "Content-Crs",
                "EPSG:3857");
        assertThat(web.status()).as(web.text()).isEqualTo(201);
        assertStoredAt("projects", made("projects", web), lon, lat);
        // EPSG:4549 (CGCS2000 / 3-degree Gauss-Krüger, 120°E): X north first, as EPSG defines it.
        Geometry gk = Crs.of("EPSG:4549").fromLonLat(lonLat(lon, lat));
        Answer gaussKruger = planner.send(
                "POST",
                PROJECTS,
                project(null, "谋划", point(gk.getCoordinate().y, gk.getCoordinate().x)),
                GEO_JSON,
                "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/4549>");
        assertThat(gaussKruger.status()).as(gaussKruger.text()).isEqualTo(201);
        String id = made("projects", gaussKruger);
        assertStoredAt("projects", id, lon, lat);

        // A patch's geometry too; the answer is in CRS84.
        Answer moved = planner.send(
                "PATCH",
                PROJECTS + "/" + id,
                "{\"geometry\":" + point(lat + 0.0001, lon + 0.0001) + "}",
                MERGE_PATCH,
                "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/4490>");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertStoredAt("projects", id, lon + 0.0001, lat + 0.0001);
        assertThat(moved.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
        assertThat(moved.json().path("geometry").path("coordinates").get(0).asDouble())
                .isCloseTo(lon + 0.0001, within(1e-7));
        Answer swapped = planner.send(
                "PATCH",
                PROJECTS + "/" + id,
                "{\"geometry\":" + point(lon, lat) + "}",
                MERGE_PATCH,
                "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/4490>");
        assertThat(swapped.status())
                .as("longitude first in EPSG:4490 lies far outside the district")
                .isEqualTo(422);
        assertThat(swapped.json().path("detail").asString()).contains("north first");
        Answer unknown = planner.send(
                "PATCH",
                PROJECTS + "/" + id,
                "{\"properties\":{\"name_en\":\"x\"}}",
                MERGE_PATCH,
                "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/32651>");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).contains("Content-Crs");
    }

    // ---------------------------------------------------------------- who may write, and OPTIONS

    @Test
    void eachCollectionIsWrittenByItsRoleOnlyAndThePublicCannotWrite() {
        Client planner = client("PLANNER");
        Client land = client("LAND_STAFF");
        Client admin = new Client(ADMIN);
        Client anonymous = new Client(null);
        String parcel = parcel(null, "储备", square(LAKE_LON, LAKE_LAT, 0.0003));
        String existing = jdbc.queryForObject("SELECT MIN(parcel_no) FROM parcels", String.class);
        long version = jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, existing);

        for (String[] write : List.of(
                new String[] {"POST", PARCELS, parcel, GEO_JSON},
                new String[] {"PUT", PARCELS + "/" + existing, parcel, GEO_JSON},
                new String[] {"PATCH", PARCELS + "/" + existing, "{\"properties\":{\"status\":\"出让\"}}", MERGE_PATCH},
                new String[] {"DELETE", PARCELS + "/" + existing, null, null})) {
            Answer refused = anonymous.send(write[0], write[1], write[2], write[3]);
            assertThat(refused.status())
                    .as("%s %s by the public: refused for the missing CSRF token, as /api is", write[0], write[1])
                    .isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(new Client("nobody-" + UUID.randomUUID() + ":wrong-password")
                            .send(write[0], write[1], write[2], write[3])
                            .status())
                    .isEqualTo(401);
            assertThat(planner.send(write[0], write[1], write[2], write[3]).status())
                    .as("%s %s by a planner", write[0], write[1])
                    .isEqualTo(403);
        }
        assertThat(jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, existing))
                .isEqualTo(version);
        assertThat(land.send("POST", PROJECTS, project(null, "谋划", point(LAKE_LON, LAKE_LAT)), GEO_JSON)
                        .status())
                .isEqualTo(403);
        String zone = "{\"type\":\"Feature\",\"geometry\":" + square(LAKE_LON, LAKE_LAT, 0.0003)
                + ",\"properties\":{\"name_zh\":\"测试区块\",\"kind\":\"key_zone\",\"public\":true}}";
        assertThat(land.send("POST", "/ogc/collections/zones/items", zone, GEO_JSON)
                        .status())
                .isEqualTo(403);
        assertThat(planner.send("POST", "/ogc/collections/zones/items", zone, GEO_JSON)
                        .status())
                .isEqualTo(403);
        Answer zoneMade = admin.send("POST", "/ogc/collections/zones/items", zone, GEO_JSON);
        assertThat(zoneMade.status()).as(zoneMade.text()).isEqualTo(201);
        made("zones", zoneMade);
        Answer projectMade = planner.send("POST", PROJECTS, project(null, "谋划", point(LAKE_LON, LAKE_LAT)), GEO_JSON);
        assertThat(projectMade.status()).as(projectMade.text()).isEqualTo(201);
        made("projects", projectMade);
        Answer parcelMade = land.send("POST", PARCELS, parcel, GEO_JSON);
        assertThat(parcelMade.status()).as(parcelMade.text()).isEqualTo(201);
        made("parcels", parcelMade);

        // A signed-in browser session writes as through /api: only with its CSRF token.
        RawHttp browser = new RawHttp(port, "127.0.0.1").withCookies();
        String csrf = browser.get("/api/me").json().path("csrf").path("token").asString();
        assertThat(browser.send(
                                "POST",
                                "/login",
                                "username=" + land.name + "&password=correct-horse-battery&_csrf=" + csrf,
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(302);
        RawHttp.Response noToken = browser.send("POST", PARCELS, parcel, "Content-Type", GEO_JSON);
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.text()).contains("CSRF");
        RawHttp.Response withToken = browser.send(
                "POST", PARCELS, parcel, "Content-Type", GEO_JSON, "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
        assertThat(withToken.status()).as(withToken.text()).isEqualTo(201);
        String sessionMade = withToken.header("Location");
        made("parcels", sessionMade.substring(sessionMade.lastIndexOf('/') + 1));

        // OPTIONS answers each caller with the methods it may use: QGIS offers editing from it.
        assertThat(allowed(anonymous.send("OPTIONS", PARCELS, null, null))).containsExactly("GET", "HEAD", "OPTIONS");
        assertThat(allowed(planner.send("OPTIONS", PARCELS, null, null))).containsExactly("GET", "HEAD", "OPTIONS");
        Answer items = land.send("OPTIONS", PARCELS, null, null);
        assertThat(items.status()).isEqualTo(200);
        assertThat(allowed(items)).containsExactly("GET", "HEAD", "POST", "OPTIONS");
        assertThat(items.header("Accept-Post")).contains(GEO_JSON);
        assertThat(allowed(anonymous.send("OPTIONS", PARCELS + "/" + existing, null, null)))
                .containsExactly("GET", "HEAD", "OPTIONS");
        Answer item = land.send("OPTIONS", PARCELS + "/" + existing, null, null);
        assertThat(allowed(item)).containsExactly("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS");
        assertThat(item.header("Accept-Patch")).isEqualTo(MERGE_PATCH);
        assertThat(allowed(planner.send("OPTIONS", PROJECTS, null, null))).contains("POST");
        assertThat(allowed(admin.send("OPTIONS", "/ogc/collections/zones/items/unknown_id", null, null)))
                .contains("PUT", "PATCH", "DELETE");
        assertThat(land.send("OPTIONS", "/ogc/collections/roads/items", null, null)
                        .status())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------- tiles

    @Test
    void theNextTileAfterAnOgcEditShowsTheChange() {
        Client land = client("LAND_STAFF");
        Answer created = land.send("POST", PARCELS, parcel(null, "储备", square(LAKE_LON, LAKE_LAT, 0.0004)), GEO_JSON);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = made("parcels", created);
        String tile = tilePath(LAKE_LON + 0.0002, LAKE_LAT + 0.0002, 17);
        assertThat(http.get(tile).body()).contains(id).contains("储备").doesNotContain("出让");

        Answer patched = land.send("PATCH", PARCELS + "/" + id, "{\"properties\":{\"status\":\"出让\"}}", MERGE_PATCH);
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(http.get(tile).body())
                .as("the cached tile was evicted")
                .contains(id)
                .contains("出让");

        String newTile = tilePath(LAKE_LON + 0.0022, LAKE_LAT + 0.0012, 17);
        assertThat(http.get(newTile).body()).doesNotContain(id);
        Answer moved = land.send(
                "PATCH",
                PARCELS + "/" + id,
                "{\"geometry\":" + square(LAKE_LON + 0.002, LAKE_LAT + 0.001, 0.0004) + "}",
                MERGE_PATCH);
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(http.get(tile).body()).as("the old place's tile").doesNotContain(id);
        assertThat(http.get(newTile).body()).as("the new place's tile").contains(id);

        assertThat(land.send("DELETE", PARCELS + "/" + id, null, null).status()).isEqualTo(204);
        assertThat(http.get(newTile).body()).doesNotContain(id);
    }

    // ---------------------------------------------------------------- QGIS

    /**
     * The requests QGIS's OAPIF provider sends to edit a layer, in its order, with its headers and bodies.
     * Read from github.com/qgis/QGIS, src/providers/wfs/oapif/ (files and commits as the code search
     * holds them):
     * <ul>
     *   <li>qgsoapifprovider.cpp (0304f461), {@code QgsOapifProvider::init()}: landing page, API, collection,
     *       conformance, queryables, then {@code items?limit=10}; {@code computeCapabilities()}: "Determine
     *       edition capabilities ... by issuing a OPTIONS HTTP request": {@code sendOPTIONS(mItemsUrl)}, and
     *       only if the answer {@code contains("POST")} a second {@code sendOPTIONS} on
     *       {@code mItemsUrl + "/" + testId} (the first feature's id, or {@code "unknown_id"}), whose
     *       {@code "PUT"}, {@code "DELETE"} and {@code "PATCH"} turn on ChangeAttributeValues and
     *       ChangeGeometries, DeleteFeatures and {@code mSupportsPatch};</li>
     *   <li>qgsbasenetworkrequest.cpp, {@code sendOPTIONS()}: the methods are the {@code Allow} header split
     *       at commas and trimmed;</li>
     *   <li>{@code addFeatures()} and qgsoapifcreatefeaturerequest.cpp (0c85fff9): the feature exported by
     *       {@code QgsJsonExporter} with its {@code "id"} and {@code "bbox"} erased (and {@code properties.id}
     *       when the items had none), {@code sendPOST(mItemsUrl, "application/geo+json", ...)} with
     *       {@code Content-Crs} only when the layer's CRS is not CRS84; the new id is what follows
     *       {@code "/items/"} in the {@code Location} header; then a {@code GET} of that item to refresh it;</li>
     *   <li>{@code changeAttributeValues()} / {@code changeGeometryValues()} with {@code mSupportsPatch}, and
     *       qgsoapifpatchfeaturerequest.cpp (1ff3b0c0): {@code sendPATCH(mItemsUrl + "/" + jsonId,
     *       "application/merge-patch+json", ...)} with {@code {"properties": {changed fields}}}, or
     *       {@code {"geometry": ...}} plus {@code Content-Crs} ({@code mSourceCrs.toOgcUri()}, no angle
     *       brackets) and x/y swapped when the CRS {@code hasAxisInverted()};</li>
     *   <li>{@code deleteFeatures()}: {@code sendDELETE(mItemsUrl + "/" + jsonId)}.</li>
     * </ul>
     * No request carries {@code If-Match}; every one carries the layer's Basic credentials; empty answers
     * are accepted ({@code mEmptyResponseIsValid = true}). QGIS has this since 3.32; Debian 12's 3.22 reads
     * OGC API – Features but cannot edit through it.
     */
    @Test
    void theEditingSequenceOfQgisWorksEndToEnd() {
        Client qgis = client("LAND_STAFF");
        // QgsOapifProvider::init()
        JsonNode landing = qgis.json("/ogc");
        String collections = href(landing, "data");
        assertThat(qgis.json(href(landing, "service-desc")).path("openapi").asString())
                .startsWith("3.0");
        assertThat(qgis.json(collections + "/parcels").path("id").asString()).isEqualTo("parcels");
        assertThat(qgis.json(href(landing, "conformance"))
                        .path("conformsTo")
                        .valueStream()
                        .map(JsonNode::asString))
                .contains(
                        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
                        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update");
        assertThat(qgis.json(collections + "/parcels/queryables")
                        .path("properties")
                        .has("status"))
                .isTrue();
        String items = collections + "/parcels/items";
        JsonNode firstPage = qgis.json(items + "?limit=10");
        JsonNode first = firstPage.path("features").get(0);
        // computeCapabilities()
        assertThat(allowed(qgis.send("OPTIONS", items, null, null))).contains("POST");
        assertThat(allowed(qgis.send("OPTIONS", items + "/" + first.path("id").asString(), null, null)))
                .contains("PUT", "DELETE", "PATCH");

        // addFeatures(): every field QGIS read from the first page, null unless typed in; no "id", no "bbox".
        ObjectNode properties = JSON.createObjectNode();
        first.path("properties").propertyNames().forEach(name -> properties.putNull(name));
        properties.put("landuse_code", "1001").put("status", "储备").put("town", "路北街道");
        String added = "{\"type\":\"Feature\",\"geometry\":" + multiPolygon(LAKE_LON, LAKE_LAT, 0.0004)
                + ",\"properties\":" + properties + "}";
        Answer created = qgis.send("POST", items, added, GEO_JSON);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf("/items/") + "/items/".length());
        made("parcels", id);
        Answer refreshed = qgis.send("GET", items + "/" + id, null, null);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().path("properties").path("landuse_name").asString())
                .isEqualTo("工业用地");

        // changeAttributeValues() with PATCH: the changed fields only.
        Answer attributes = qgis.send("PATCH", items + "/" + id, "{\"properties\":{\"status\":\"出让\"}}", MERGE_PATCH);
        assertThat(attributes.status()).as(attributes.text()).isBetween(200, 204);
        // changeGeometryValues() with PATCH, the layer in CRS84: no Content-Crs.
        Answer geometry = qgis.send(
                "PATCH",
                items + "/" + id,
                "{\"geometry\":" + multiPolygon(LAKE_LON, LAKE_LAT, 0.0005) + "}",
                MERGE_PATCH);
        assertThat(geometry.status()).as(geometry.text()).isBetween(200, 204);
        // The same with the layer opened in EPSG:4490 (srsName): Content-Crs as toOgcUri() writes it, lat/lon.
        Answer inCgcs2000 = qgis.send(
                "PATCH",
                items + "/" + id,
                "{\"geometry\":" + multiPolygonLatLon(LAKE_LON + 0.0001, LAKE_LAT, 0.0005) + "}",
                MERGE_PATCH,
                "Content-Crs",
                "http://www.opengis.net/def/crs/EPSG/0/4490");
        assertThat(inCgcs2000.status()).as(inCgcs2000.text()).isBetween(200, 204);
        Geometry stored = wkb(storedWkb("parcels", id));
        assertThat(stored.getEnvelopeInternal().getMinX()).isCloseTo(LAKE_LON + 0.0001, within(1e-9));
        assertThat(stored.getEnvelopeInternal().getMinY()).isCloseTo(LAKE_LAT, within(1e-9));
        assertThat(qgis.send("GET", items + "/" + id, null, null)
                        .json()
                        .path("properties")
                        .path("status")
                        .asString())
                .isEqualTo("出让");

        // deleteFeatures()
        Answer deleted = qgis.send("DELETE", items + "/" + id, null, null);
        assertThat(deleted.status()).isBetween(200, 204);
        assertThat(qgis.send("GET", items + "/" + id, null, null).status()).isEqualTo(404);
        JsonNode history = qgis.json("/api/parcels/" + id + "/history");
        assertThat(history.path("versions").valueStream().map(v -> v.path("action")
                        .asString()))
                .containsExactly("create", "update", "update", "update", "delete");
    }

    // ---------------------------------------------------------------- helpers

    String made(String layer, Answer created) {
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        made(layer, id);
        return id;
    }

    void made(String layer, String id) {
        made.add(new String[] {layer, id});
    }

    String newId(String layer) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        made(layer, id);
        return id;
    }

    byte[] storedWkb(String layer, String id) {
        Layer l = Layer.byName(layer).orElseThrow();
        return jdbc.queryForObject(
                "SELECT ST_AsBinary(geom) FROM " + l.table() + " WHERE " + l.idColumn() + " = ?", byte[].class, id);
    }

    void assertStoredAt(String layer, String id, double lon, double lat) {
        Coordinate c = wkb(storedWkb(layer, id)).getCoordinate();
        assertThat(c.x).as("%s stored longitude", id).isCloseTo(lon, within(1e-7));
        assertThat(c.y).as("%s stored latitude", id).isCloseTo(lat, within(1e-7));
    }

    static Geometry lonLat(double lon, double lat) {
        return new GeometryFactory().createPoint(new Coordinate(lon, lat));
    }

    static List<String> allowed(Answer options) {
        return Arrays.stream(options.header("Allow").split(","))
                .map(String::strip)
                .toList();
    }

    static String href(JsonNode document, String rel) {
        return document.path("links")
                .valueStream()
                .filter(l -> l.path("rel").asString().equals(rel))
                .findFirst()
                .orElseThrow()
                .path("href")
                .asString();
    }

    static String point(double x, double y) {
        return String.format(Locale.ROOT, "{\"type\":\"Point\",\"coordinates\":[%s,%s]}", x, y);
    }

    static String multiPolygon(double lon, double lat, double side) {
        String ring = square(lon, lat, side);
        return "{\"type\":\"MultiPolygon\",\"coordinates\":[" + ring.substring(ring.indexOf("[["), ring.length() - 1)
                + "]}";
    }

    /** The square as QGIS sends it for a CRS whose axes are inverted: every position latitude first. */
    static String multiPolygonLatLon(double lon, double lat, double side) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]]}",
                lat,
                lon,
                lat,
                lon + side,
                lat + side,
                lon + side,
                lat + side,
                lon,
                lat,
                lon);
    }

    static String parcel(String id, String status, String geometry) {
        return "{\"type\":\"Feature\"," + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"geometry\":" + geometry
                + ",\"properties\":{\"landuse_code\":\"1001\",\"status\":\"" + status
                + "\",\"renovation\":null,\"farmland_protected\":false,\"town\":\"路北街道\",\"owner\":\"测试公司\"}}";
    }

    static String project(String id, String stage, String geometry) {
        return "{\"type\":\"Feature\"," + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"geometry\":" + geometry
                + ",\"properties\":{\"name_zh\":\"测试项目\",\"category\":\"绿色生态\",\"stage\":\"" + stage
                + "\",\"planned_start\":\"2025-03-01\"}}";
    }

    /** A new user with the role, as a Basic-credentials client. */
    Client client(String role) {
        String name = role.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Answer created = new Client(ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role
                                + "\"]}",
                        "application/json");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Client(name + ":correct-horse-battery");
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
    }

    /**
     * A client that sends exactly the headers given (a desktop program: HTTP Basic on every request, no
     * session, no CSRF token), or anonymous (null).
     */
    final class Client {
        final String name;
        private final String basic;
        private final HttpClient client = HttpClient.newHttpClient();

        Client(String basic) {
            this.basic = basic;
            this.name = basic == null ? null : basic.substring(0, basic.indexOf(':'));
        }

        JsonNode json(String pathOrUrl) {
            Answer a = send("GET", pathOrUrl, null, null, "Accept", "application/json");
            assertThat(a.status()).as(pathOrUrl).isEqualTo(200);
            return a.json();
        }

        Answer send(String method, String pathOrUrl, String body, String contentType, String... headers) {
            String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + port + pathOrUrl;
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                r.header("Content-Type", contentType);
            }
            for (int i = 0; i < headers.length; i += 2) {
                r.header(headers[i], headers[i + 1]);
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
                throw new IllegalStateException(url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

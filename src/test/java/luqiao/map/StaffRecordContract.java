package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import luqiao.map.catalog.Layer;
import luqiao.map.store.VersionedStore;
import luqiao.map.support.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15, the land-consolidation staff's record, on each backend: every shipped feature has its
 * version 1 recorded, so the first edit of a shipped parcel is undone by restoring it; and the parcel
 * owner is seen by land staff (items, analyses, CSV) and never by the public.
 */
abstract class StaffRecordContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";

    @Autowired
    VersionedStore versions;

    Caller admin;
    Caller anonymous;

    @BeforeEach
    void callers() {
        admin = new Caller(port, ADMIN);
        anonymous = Caller.anonymous(port);
    }

    @Test
    void everyShippedFeatureHasVersionOneRecordedByTheDataSetLoad() {
        for (String[] layer : List.of(new String[] {"parcels", "parcel_no"}, new String[] {"projects", "code"})) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM " + layer[0] + " t WHERE NOT EXISTS (SELECT 1 FROM feature_versions v"
                                    + " WHERE v.layer = ? AND v.feature_id = t." + layer[1] + " AND v.version = 1)"
                                    + " AND t." + layer[1] + " NOT LIKE 'T-%'",
                            Long.class,
                            layer[0]))
                    .as("%s without a recorded version 1", layer[0])
                    .isZero();
        }
        JsonNode first = admin.get("/api/parcels/LQ-FLH-00001/history")
                .json()
                .path("versions")
                .get(0);
        assertThat(first.path("version").asLong() + " " + first.path("action").asString() + " "
                        + first.path("actor").asString())
                .isEqualTo("1 import gis-data");
    }

    @Test
    void theFirstEditOfAShippedParcelIsUndoneByRestoringVersionOne() {
        String id = jdbc.queryForObject(
                "SELECT MAX(parcel_no) FROM parcels WHERE version = 1 AND deleted_at IS NULL AND owner IS NOT NULL"
                        + " AND parcel_no NOT LIKE 'T-%'",
                String.class);
        Caller.Answer read = admin.get("/api/parcels/" + id);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        JsonNode original = read.json();
        byte[] originalWkb = storedWkb(id);

        JsonNode before = admin.get("/api/parcels/" + id + "/history").json();
        assertThat(before.path("versions").size())
                .as("a shipped parcel has its first version before any edit")
                .isEqualTo(1);
        JsonNode v1 = before.path("versions").get(0);
        assertThat(v1.path("version").asLong()).isEqualTo(1);
        assertThat(v1.path("action").asString()).isEqualTo("import");
        assertThat(v1.path("actor").asString()).isEqualTo("gis-data");
        assertThat(v1.path("before").isNull()).isTrue();
        assertThat(v1.path("after").path("properties").path("owner").asString())
                .isEqualTo(original.path("properties").path("owner").asString());

        // One edit of an attribute and of the geometry (the parcel grown by a tenth around its centre).
        Geometry grown = geometry(original);
        grown = scaled(grown, 1.1);
        String status = original.path("properties").path("status").asString().equals("储备") ? "出让" : "储备";
        String body = "{\"type\":\"Feature\",\"geometry\":" + geoJson(grown)
                + ",\"properties\":"
                + original.path("properties")
                        .toString()
                        .replace(
                                "\"status\":\""
                                        + original.path("properties")
                                                .path("status")
                                                .asString() + "\"",
                                "\"status\":\"" + status + "\"")
                + "}";
        Caller.Answer edited = admin.send("PUT", "/api/parcels/" + id, body, "If-Match", "\"1\"");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"2\"");
        assertThat(edited.json().path("properties").path("status").asString()).isEqualTo(status);
        assertThat(storedWkb(id)).isNotEqualTo(originalWkb);

        Caller.Answer restored =
                admin.send("POST", "/api/parcels/" + id + "/restore?version=1", null, "If-Match", "\"2\"");
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(restored.header("ETag")).as("a restore is one more version").isEqualTo("\"3\"");
        assertThat(storedWkb(id)).as("the geometry of version 1, bit for bit").isEqualTo(originalWkb);
        assertThat(admin.get("/api/parcels/" + id).json().path("properties"))
                .as("the attributes of version 1")
                .isEqualTo(original.path("properties"));

        JsonNode after = admin.get("/api/parcels/" + id + "/history").json();
        assertThat(after.path("version").asLong()).isEqualTo(3);
        assertThat(after.path("versions")
                        .valueStream()
                        .map(v -> v.path("version").asLong() + " "
                                + v.path("action").asString())
                        .toList())
                .containsExactly("1 import", "2 update", "3 restore");
    }

    @Test
    void anAttributeEditSendingTheGeometryAsReadKeepsTheStoredGeometryExactly() {
        String id = jdbc.queryForObject(
                "SELECT MIN(parcel_no) FROM parcels WHERE version = 1 AND deleted_at IS NULL AND parcel_no NOT LIKE 'T-%'",
                String.class);
        Caller.Answer read = admin.get("/api/parcels/" + id);
        byte[] stored = storedWkb(id);
        JsonNode feature = read.json();
        String body = "{\"type\":\"Feature\",\"geometry\":" + feature.path("geometry") + ",\"properties\":"
                + feature.path("properties").toString().replace("\"town\":\"", "\"town\":\"改 ") + "}";
        Caller.Answer edited = admin.send("PUT", "/api/parcels/" + id, body, "If-Match", read.header("ETag"));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(edited.json().path("properties").path("town").asString()).startsWith("改 ");
        assertThat(storedWkb(id))
                .as("the geometry as the API showed it (7 decimals) is no edit")
                .isEqualTo(stored);
        JsonNode v2 = admin.get("/api/parcels/" + id + "/history")
                .json()
                .path("versions")
                .get(1);
        assertThat(v2.path("after").path("geometry"))
                .isEqualTo(v2.path("before").path("geometry"));
    }

    /**
     * A database loaded before first versions were recorded: one shipped parcel never edited, one edited
     * since (its version 2 holds version 1 as its "before"). The start-up step records both, as stored
     * and from that "before", and records nothing when run again.
     */
    @Test
    void aDatabaseLoadedBeforeGetsTheFirstVersionsOfItsUneditedAndEditedFeatures() {
        List<String> three = jdbc.queryForList(
                "SELECT parcel_no FROM parcels WHERE version = 1 AND deleted_at IS NULL AND parcel_no NOT LIKE 'T-%'"
                        + " ORDER BY parcel_no DESC LIMIT 3",
                String.class);
        String unedited = three.get(1);
        String edited = three.get(2);
        JsonNode original = admin.get("/api/parcels/" + edited).json();
        byte[] originalWkb = storedWkb(edited);
        String body = "{\"type\":\"Feature\",\"geometry\":" + geoJson(scaled(geometry(original), 0.9))
                + ",\"properties\":" + original.path("properties") + "}";
        assertThat(admin.send("PUT", "/api/parcels/" + edited, body, "If-Match", "\"1\"")
                        .status())
                .isEqualTo(200);
        String uneditedAfter = jdbc.queryForObject(
                "SELECT after_json FROM feature_versions WHERE layer = 'parcels' AND feature_id = ? AND version = 1",
                String.class,
                unedited);
        // As such a database had them: no version 1 rows.
        jdbc.update(
                "DELETE FROM feature_versions WHERE layer = 'parcels' AND version = 1 AND feature_id IN (?, ?)",
                unedited,
                edited);

        assertThat(versions.recordFirstVersions(Layer.PARCELS, "gis-data")).isEqualTo(2);
        assertThat(versions.recordFirstVersions(Layer.PARCELS, "gis-data"))
                .as("run again, it records nothing")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT after_json FROM feature_versions WHERE layer = 'parcels' AND feature_id = ? AND version = 1",
                        String.class,
                        unedited))
                .as("the unedited parcel's version 1 as the data set load records it")
                .isEqualTo(uneditedAfter);
        Caller.Answer restored =
                admin.send("POST", "/api/parcels/" + edited + "/restore?version=1", null, "If-Match", "\"2\"");
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(storedWkb(edited)).isEqualTo(originalWkb);
        assertThat(admin.get("/api/parcels/" + edited + "/history")
                        .json()
                        .path("versions")
                        .valueStream()
                        .map(v -> v.path("version").asLong() + " "
                                + v.path("action").asString())
                        .toList())
                .containsExactly("1 import", "2 update", "3 restore");
    }

    @Test
    void theOwnerIsSeenByLandStaffInItemsAnalysesAndCsvAndNeverByThePublic() {
        Caller land = DashboardContract.newUser(port, "LAND_STAFF");
        String id = jdbc.queryForObject(
                "SELECT MIN(parcel_no) FROM parcels WHERE owner IS NOT NULL AND deleted_at IS NULL", String.class);
        String owner = jdbc.queryForObject("SELECT owner FROM parcels WHERE parcel_no = ?", String.class, id);
        String items = "/ogc/collections/parcels/items?limit=5&filter=" + enc("parcel_no = '" + id + "'");
        String analysis = "{\"geometry\":"
                + geoJson(geometry(admin.get("/api/parcels/" + id).json()).getEnvelope()) + "}";
        String csv = "/api/export/parcels?format=csv&filter=" + enc("parcel_no = '" + id + "'");

        for (Caller staff : List.of(land, admin)) {
            assertThat(staff.get(items)
                            .json()
                            .path("features")
                            .get(0)
                            .path("properties")
                            .path("owner")
                            .asString())
                    .isEqualTo(owner);
            JsonNode parcel = staff.send("POST", "/api/analysis/parcels", analysis)
                    .json()
                    .path("parcels")
                    .path("features")
                    .valueStream()
                    .filter(f -> f.path("id").asString().equals(id))
                    .findFirst()
                    .orElseThrow();
            assertThat(parcel.path("properties").path("owner").asString()).isEqualTo(owner);
            String[] lines = staff.get(csv).text().split("\r?\n");
            assertThat(List.of(lines[0].replace("\uFEFF", "").split(","))).contains("owner");
            assertThat(lines[1]).contains(owner);
        }

        Caller.Answer publicItems = anonymous.get(items);
        assertThat(publicItems.json().path("features").get(0).path("id").asString())
                .isEqualTo(id);
        assertThat(publicItems.text()).doesNotContain("\"owner\"").doesNotContain(owner);
        assertThat(anonymous.send("POST", "/api/analysis/parcels", analysis).text())
                .doesNotContain("\"owner\"")
                .doesNotContain(owner);
        String publicCsv = anonymous.get(csv).text();
        assertThat(publicCsv).contains(id).doesNotContain("owner").doesNotContain(owner);
    }

    private byte[] storedWkb(String id) {
        return jdbc.queryForObject("SELECT ST_AsBinary(geom) FROM parcels WHERE parcel_no = ?", byte[].class, id);
    }

    /** The geometry scaled about its centroid (in degrees: fine for a parcel-sized shape). */
    private static Geometry scaled(Geometry g, double factor) {
        Coordinate c = g.getCentroid().getCoordinate();
        return AffineTransformation.scaleInstance(factor, factor, c.x, c.y).transform(g);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GeoJSON text of a geometry, without the CRS member JTS adds by default. */
    private static String geoJson(Geometry g) {
        GeoJsonWriter writer = new GeoJsonWriter();
        writer.setEncodeCRS(false);
        return writer.write(g);
    }
}

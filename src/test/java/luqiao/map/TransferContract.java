package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import luqiao.map.geometry.GroundMeasure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #6, import and export, over real HTTP on each backend: round trips in every format and CRS,
 * shapefiles made by GDAL's ogr2ogr (GBK, Gauss-Krüger, with and without .cpg), CSV, GeoPackage, failed
 * imports that leave the database as it was, tiles that show imported parcels, and export visibility.
 */
abstract class TransferContract extends BackendContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "admin:test-admin-password";
    private static final String[] PARCEL_COLUMNS = {
        "landuse_code",
        "landuse_name",
        "landuse_l1_code",
        "landuse_l1_name",
        "status",
        "renovation",
        "farmland_protected",
        "town",
        "owner"
    };

    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    private String landStaff;
    private String planner;

    @BeforeEach
    void users() {
        landStaff = newUser("LAND_STAFF");
        planner = newUser("PLANNER");
    }

    // ---------------------------------------------------------------- round trips

    @ParameterizedTest
    @CsvSource({
        "geojson, CRS84, UTF-8, 0",
        "csv, EPSG:4549, GBK, 1",
        "shp, EPSG:4549, GBK, 2",
        "shp, EPSG:4326, UTF-8, 3",
        "gpkg, EPSG:3857, UTF-8, 4",
        "gpkg, EPSG:4550, UTF-8, 5"
    })
    void exportThenImportGivesTheSameParcelsAndAreas(String format, String crs, String encoding, int slice)
            throws Exception {
        List<String> ids = jdbc.queryForList(
                        "SELECT parcel_no FROM parcels WHERE owner IS NOT NULL ORDER BY parcel_no", String.class)
                .subList(slice * 15, slice * 15 + 15);
        Map<String, Map<String, Object>> before = parcels(ids);
        String filter = "parcel_no IN ("
                + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ")";
        Reply export = get(
                landStaff,
                "/api/export/parcels?format=" + format + "&crs=" + crs + "&encoding=" + encoding + "&filter="
                        + enc(filter));
        assertThat(export.status()).as(export.text()).isEqualTo(200);
        String filename = format.equals("shp") ? "parcels.zip" : "parcels." + format;
        if (!format.equals("csv") && !format.equals("geojson")) {
            assertThat(ogrFeatureCount(export.body(), filename))
                    .as("ogrinfo reads the exported file")
                    .isEqualTo(ids.size());
        }
        String checksumBefore = checksum();
        // Gone without a trace, history too (shipped parcels have their version 1), so the import makes them anew.
        jdbc.update("DELETE FROM parcels WHERE parcel_no IN (" + "?,".repeat(ids.size() - 1) + "?)", ids.toArray());
        jdbc.update(
                "DELETE FROM feature_versions WHERE layer = 'parcels' AND feature_id IN (" + "?,".repeat(ids.size() - 1)
                        + "?)",
                ids.toArray());

        // A CSV file cannot say its CRS: the importer is told, as a user would choose it in the upload form.
        JsonNode job = dryRun(landStaff, "parcels", filename, export.body(), format.equals("csv") ? "&crs=" + crs : "");
        assertThat(job.path("crs").asString()).isEqualTo(crs.equals("CRS84") ? "OGC:CRS84" : crs);
        assertThat(job.path("report").path("read").asLong()).isEqualTo(ids.size());
        assertThat(job.path("report").path("rejectedCount").asLong())
                .as(job.toString())
                .isZero();
        Reply commit = post(
                landStaff, "/api/import/" + job.path("id").asString() + "/commit", "{}".getBytes(), "application/json");
        assertThat(commit.status()).as(commit.text()).isEqualTo(200);
        assertThat(commit.json().path("imported").asLong()).isEqualTo(ids.size());

        Map<String, Map<String, Object>> after = parcels(ids);
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        for (String id : ids) {
            Map<String, Object> b = before.get(id);
            Map<String, Object> a = after.get(id);
            for (String column : PARCEL_COLUMNS) {
                assertThat(a.get(column))
                        .as("%s %s after %s", id, column, format)
                        .isEqualTo(b.get(column));
            }
            assertThat((Double) a.get("area_m2"))
                    .as("%s area after %s in %s", id, format, crs)
                    .isCloseTo((Double) b.get("area_m2"), within(0.01));
            Geometry g0 = (Geometry) b.get("geom");
            Geometry g1 = (Geometry) a.get("geom");
            assertThat(g1.getGeometryType()).isEqualTo(g0.getGeometryType());
            assertThat(DiscreteHausdorffDistance.distance(g0, g1))
                    .as("%s moved after %s in %s", id, format, crs)
                    .isLessThan(1e-8);
        }
        assertThat(checksum()).as("the parcels are as before the export").isEqualTo(checksumBefore);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM feature_versions WHERE layer = 'parcels' AND action = 'import' AND version = 1"
                                + " AND actor = ? AND feature_id IN (" + "?,".repeat(ids.size() - 1) + "?)",
                        Long.class,
                        concat(landStaff.split(":")[0], ids)))
                .isEqualTo(ids.size());
    }

    @Test
    void projectsExportAsOneShapefilePerGeometryKindAndRoundTripThroughGeoPackage() throws Exception {
        Reply shp = get(planner, "/api/export/projects?format=shp");
        assertThat(shp.status()).isEqualTo(200);
        List<String> entries = zipEntries(shp.body());
        assertThat(entries)
                .contains(
                        "projects_point.shp",
                        "projects_line.shp",
                        "projects_polygon.shp",
                        "projects_point.prj",
                        "projects_point.cpg");
        List<String> codes = jdbc.queryForList("SELECT code FROM projects ORDER BY code", String.class)
                .subList(0, 12);
        Map<String, String> wkt = new LinkedHashMap<>();
        codes.forEach(c -> wkt.put(
                c, jdbc.queryForObject("SELECT ST_AsText(geom) FROM projects WHERE code = ?", String.class, c)));
        String filter = "code IN ("
                + String.join(",", codes.stream().map(id -> "'" + id + "'").toList()) + ")";
        Reply gpkg = get(planner, "/api/export/projects?format=gpkg&filter=" + enc(filter));
        assertThat(ogrFeatureCount(gpkg.body(), "projects.gpkg")).isEqualTo(codes.size());
        jdbc.update("DELETE FROM projects WHERE code IN (" + "?,".repeat(codes.size() - 1) + "?)", codes.toArray());
        jdbc.update(
                "DELETE FROM feature_versions WHERE layer = 'projects' AND feature_id IN ("
                        + "?,".repeat(codes.size() - 1) + "?)",
                codes.toArray());
        JsonNode job = dryRun(planner, "projects", "projects.gpkg", gpkg.body(), "");
        assertThat(job.path("report").path("accepted").asLong())
                .as(job.toString())
                .isEqualTo(codes.size());
        assertThat(post(planner, "/api/import/" + job.path("id").asString() + "/commit", null, null)
                        .status())
                .isEqualTo(200);
        for (String code : codes) {
            Geometry now = read(
                    jdbc.queryForObject("SELECT ST_AsText(geom) FROM projects WHERE code = ?", String.class, code));
            assertThat(now.equalsExact(read(wkt.get(code)), 1e-9)).as(code).isTrue();
        }
    }

    // ---------------------------------------------------------------- shapefiles made by GDAL

    @Test
    void aGbkShapefileInGaussKrugerMadeByOgr2ogrIsImportedWithItsChineseTextAndAreas() throws Exception {
        Path dir = Files.createTempDirectory("gbk");
        List<String> ids = newParcels(dir.resolve("in.geojson"), 3, "GBK");
        byte[] zip = ogr2ogr(dir, "EPSG:4549", "GBK", true);
        String checksum = checksum();
        JsonNode job = dryRun(landStaff, "parcels", "survey.zip", zip, "");
        assertThat(job.path("crs").asString()).isEqualTo("EPSG:4549");
        assertThat(job.path("crsSource").asString()).isEqualTo("prj");
        assertThat(job.path("encoding").asString()).isEqualTo("GBK");
        assertThat(job.path("encodingSource").asString()).isEqualTo("cpg");
        assertThat(job.path("mapping").path("LU_CODE").asString())
                .as("short names map back")
                .isEqualTo("landuse_code");
        assertThat(checksum()).as("a dry run writes nothing").isEqualTo(checksum);
        assertThat(post(landStaff, "/api/import/" + job.path("id").asString() + "/commit", null, null)
                        .status())
                .isEqualTo(200);
        Map<String, Map<String, Object>> imported = parcels(ids);
        Map<String, Geometry> source = sourceGeometries(dir.resolve("in.geojson"));
        for (String id : ids) {
            assertThat(imported.get(id).get("landuse_name")).isEqualTo("城镇住宅用地");
            assertThat(imported.get(id).get("town")).isEqualTo("路桥街道");
            assertThat(imported.get(id).get("owner")).isEqualTo("台州市路桥区土地储备中心（测试）");
            assertThat((Double) imported.get(id).get("area_m2"))
                    .isCloseTo(GroundMeasure.areaM2(source.get(id)), within(0.01));
        }
    }

    @Test
    void withoutACpgGbkIsDetectedAnd4550And3857AreRecognisedFromThePrj() throws Exception {
        Path dir = Files.createTempDirectory("nocpg");
        newParcels(dir.resolve("in.geojson"), 2, "NOCPG");
        JsonNode job = dryRun(landStaff, "parcels", "survey.zip", ogr2ogr(dir, "EPSG:4549", "GBK", false), "");
        assertThat(job.path("encoding").asString()).isEqualTo("GBK");
        assertThat(job.path("encodingSource").asString()).isIn("detected", "dbf");
        assertThat(job.path("report").path("rejectedCount").asLong()).isZero();
        assertThat(dryRun(landStaff, "parcels", "a.zip", ogr2ogr(dir, "EPSG:4550", "UTF-8", true), "")
                        .path("crs")
                        .asString())
                .isEqualTo("EPSG:4550");
        JsonNode mercator = dryRun(landStaff, "parcels", "b.zip", ogr2ogr(dir, "EPSG:3857", "UTF-8", true), "");
        assertThat(mercator.path("crs").asString()).isEqualTo("EPSG:3857");
        assertThat(mercator.path("encoding").asString()).isEqualTo("UTF-8");

        Reply utm = post(
                landStaff,
                "/api/import/parcels?filename=c.zip",
                ogr2ogr(dir, "EPSG:32651", "UTF-8", true),
                "application/zip");
        assertThat(utm.status()).isEqualTo(400);
        assertThat(utm.contentType()).startsWith("application/problem+json");
        assertThat(utm.json().path("parameter").asString()).isEqualTo("crs");
        assertThat(utm.json().path("detail").asString()).contains("EPSG:4549", "EPSG:4550", "EPSG:3857", "EPSG:4490");
    }

    // ---------------------------------------------------------------- CSV

    @Test
    void csvWithWktOrLonLatColumnsIsImported() throws Exception {
        String code = "P-CSV-" + UUID.randomUUID().toString().substring(0, 6);
        String lonLat = "code,name_zh,category,stage,investment_wan,lon,lat\r\n" + code
                + ",\"测试项目, 甲\",产业转型,开工,1200.5,121.41,28.56\r\n";
        JsonNode job = dryRun(planner, "projects", "p.csv", lonLat.getBytes(StandardCharsets.UTF_8), "");
        assertThat(job.path("format").asString()).isEqualTo("csv");
        assertThat(job.path("report").path("accepted").asLong())
                .as(job.toString())
                .isEqualTo(1);
        assertThat(post(planner, "/api/import/" + job.path("id").asString() + "/commit", null, null)
                        .status())
                .isEqualTo(200);
        JsonNode project = http.get("/api/projects/" + code).json();
        assertThat(project.path("properties").path("name_zh").asString()).isEqualTo("测试项目, 甲");
        assertThat(project.path("geometry").path("coordinates").get(0).asDouble())
                .isEqualTo(121.41);

        String parcel = "LQ-CSV-" + UUID.randomUUID().toString().substring(0, 6);
        String wkt = "parcel_no,landuse_code,landuse_name,landuse_l1_code,landuse_l1_name,status,wkt\r\n" + parcel
                + ",0701,城镇住宅用地,07,居住用地,储备,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.551, 121.40 28.55))\"\r\n";
        JsonNode gbk = dryRun(landStaff, "parcels", "q.csv", wkt.getBytes("GBK"), "");
        assertThat(gbk.path("encoding").asString()).isEqualTo("GBK");
        assertThat(post(landStaff, "/api/import/" + gbk.path("id").asString() + "/commit", null, null)
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT landuse_name FROM parcels WHERE parcel_no = ?", String.class, parcel))
                .isEqualTo("城镇住宅用地");
    }

    // ---------------------------------------------------------------- what a dry run rejects

    @Test
    void theDryRunListsEveryRejectedRowWithItsReason() throws Exception {
        String existing = jdbc.queryForObject("SELECT MIN(parcel_no) FROM parcels", String.class);
        String fresh = "LQ-DRY-" + UUID.randomUUID().toString().substring(0, 6);
        String csv = "parcel_no,landuse_code,landuse_name,landuse_l1_code,landuse_l1_name,status,wkt\r\n"
                + fresh
                + ",0701,住宅,07,居住用地,储备,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.551, 121.40 28.55))\"\r\n"
                + fresh
                + ",0701,住宅,07,居住用地,储备,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.551, 121.40 28.55))\"\r\n"
                + existing
                + ",0701,住宅,07,居住用地,储备,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.551, 121.40 28.55))\"\r\n"
                + fresh
                + "-b,0701,住宅,07,居住用地,卖掉,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.551, 121.40 28.55))\"\r\n"
                + fresh
                + "-c,0701,住宅,07,居住用地,储备,\"POLYGON((121.40 28.55, 121.401 28.551, 121.401 28.55, 121.40 28.551, 121.40 28.55))\"\r\n"
                + fresh
                + "-d,,住宅,07,居住用地,储备,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.551, 121.40 28.55))\"\r\n"
                + fresh + "-e,0701,住宅,07,居住用地,储备,\"LINESTRING(121.40 28.55, 121.401 28.55)\"\r\n";
        JsonNode report = dryRun(landStaff, "parcels", "bad.csv", csv.getBytes(StandardCharsets.UTF_8), "")
                .path("report");
        assertThat(report.path("read").asLong()).isEqualTo(7);
        assertThat(report.path("accepted").asLong()).isEqualTo(1);
        Map<Long, String> reasons = new LinkedHashMap<>();
        report.path("rejected")
                .forEach(r ->
                        reasons.put(r.path("row").asLong(), r.path("reason").asString()));
        assertThat(reasons).containsOnlyKeys(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(reasons.get(2L)).contains("duplicate id");
        assertThat(reasons.get(3L)).contains("already exists");
        assertThat(reasons.get(4L)).contains("status", "卖掉");
        assertThat(reasons.get(5L)).contains("Self-intersection at (");
        assertThat(reasons.get(6L)).contains("missing required field landuse_code");
        assertThat(reasons.get(7L)).contains("Polygon or MultiPolygon");
    }

    // ---------------------------------------------------------------- failures leave nothing behind

    @Test
    void aRowRejectedAtCommitTimeLeavesTheDatabaseUnchanged() throws Exception {
        Path dir = Files.createTempDirectory("commit");
        List<String> ids = newParcels(dir.resolve("in.geojson"), 4, "COMMIT");
        byte[] all = Files.readAllBytes(dir.resolve("in.geojson"));
        JsonNode job = dryRun(landStaff, "parcels", "all.geojson", all, "");
        assertThat(job.path("report").path("accepted").asLong()).isEqualTo(4);
        // Meanwhile another import takes one of the ids.
        JsonNode other =
                dryRun(landStaff, "parcels", "one.geojson", featureCollection(dir.resolve("in.geojson"), 1), "");
        assertThat(post(landStaff, "/api/import/" + other.path("id").asString() + "/commit", null, null)
                        .status())
                .isEqualTo(200);
        String checksum = checksum();
        long versions = jdbc.queryForObject("SELECT COUNT(*) FROM feature_versions", Long.class);

        Reply refused = post(landStaff, "/api/import/" + job.path("id").asString() + "/commit", null, null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("rejected").get(0).path("reason").asString())
                .contains("already exists");
        assertThat(checksum()).isEqualTo(checksum);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM feature_versions", Long.class))
                .isEqualTo(versions);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM parcels WHERE parcel_no IN (?, ?, ?)",
                        Long.class,
                        ids.get(1),
                        ids.get(2),
                        ids.get(3)))
                .isZero();

        // An edited mapping that puts towns into status is rejected row by row, again with nothing applied.
        JsonNode again = dryRun(landStaff, "parcels", "rest.geojson", all, "");
        Map<String, Object> mapping = new LinkedHashMap<>();
        again.path("mapping")
                .properties()
                .forEach(e -> mapping.put(
                        e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        mapping.put("status", null);
        mapping.put("town", "status");
        Reply badMapping = post(
                landStaff,
                "/api/import/" + again.path("id").asString() + "/commit",
                JSON.writeValueAsBytes(Map.of("mapping", mapping)),
                "application/json");
        assertThat(badMapping.status()).isEqualTo(422);
        assertThat(badMapping.json().path("rejectedCount").asLong()).isEqualTo(4);
        assertThat(badMapping.json().path("rejected").get(1).path("reason").asString())
                .contains("status: '路桥街道' is not one of");
        assertThat(checksum()).isEqualTo(checksum);
        Reply unknownTarget = post(
                landStaff,
                "/api/import/" + again.path("id").asString() + "/commit",
                "{\"mapping\":{\"town\":\"no_such_field\"}}".getBytes(),
                "application/json");
        assertThat(unknownTarget.status()).isEqualTo(400);
        assertThat(unknownTarget.json().path("parameter").asString()).isEqualTo("mapping");
    }

    @Test
    void brokenZipsTruncatedShapefilesAndOversizedUploadsAreRefusedWithNothingWritten() throws Exception {
        String checksum = checksum();
        Reply broken = post(
                landStaff,
                "/api/import/parcels?filename=x.zip",
                "PK\u0003\u0004 not really a zip".getBytes(),
                "application/zip");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.json().path("parameter").asString()).isEqualTo("file");

        Reply cutOff = post(
                landStaff,
                "/api/import/parcels?filename=x.geojson",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":".getBytes(),
                "application/geo+json");
        assertThat(cutOff.status()).isEqualTo(400);
        assertThat(cutOff.json().path("parameter").asString()).isEqualTo("file");

        Path dir = Files.createTempDirectory("truncated");
        newParcels(dir.resolve("in.geojson"), 3, "TRUNC");
        byte[] zip = ogr2ogr(dir, "EPSG:4549", "GBK", true);
        Map<String, byte[]> files = unzip(zip);
        byte[] shp = files.get("survey.shp");
        files.put("survey.shp", java.util.Arrays.copyOf(shp, shp.length - 40));
        Reply truncated = post(landStaff, "/api/import/parcels?filename=t.zip", zip(files), "application/zip");
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().path("detail").asString()).contains("truncated");

        // 4 MB announced, over max-upload-size (3 MB in the tests).
        List<String> large = announce(4L << 20);
        assertThat(large.get(0)).startsWith("HTTP/1.1 413");
        assertThat(large).anyMatch(h -> h.startsWith("content-type: application/problem+json"));
        assertThat(checksum()).isEqualTo(checksum);
    }

    // ---------------------------------------------------------------- the dry run's checked rows (issue #18)

    @Test
    void aCommitWithTheDryRunsMappingReadsTheRowsItCheckedAndAnEditedMappingReadsTheUpload() throws Exception {
        Path dir = Files.createTempDirectory("checked");
        List<String> ids = newParcels(dir.resolve("in.geojson"), 3, "CHECKED");
        byte[] body = Files.readAllBytes(dir.resolve("in.geojson"));
        JsonNode job = dryRun(landStaff, "parcels", "in.geojson", body, "");
        Path folder = STAGING.resolve(job.path("id").asString());
        assertThat(folder.resolve("checked-rows.bin"))
                .as("saved by a dry run that rejected nothing")
                .exists();
        // Spoiled after the dry run: a commit that read the upload again would fail.
        Files.writeString(folder.resolve("upload.geojson"), "not GeoJSON any more");

        Reply committed = post(landStaff, "/api/import/" + job.path("id").asString() + "/commit", null, null);
        assertThat(committed.status()).as(committed.text()).isEqualTo(200);
        assertThat(committed.json().path("imported").asLong()).isEqualTo(3);
        Map<String, Map<String, Object>> rows = parcels(ids);
        assertThat(rows).hasSize(3);
        for (Map<String, Object> row : rows.values()) {
            assertThat(row.get("owner")).isEqualTo("台州市路桥区土地储备中心（测试）");
            assertThat((Double) row.get("area_m2"))
                    .isCloseTo(GroundMeasure.areaM2((Geometry) row.get("geom")), within(1e-6));
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM feature_versions WHERE layer = 'parcels' AND action = 'import'"
                                + " AND after_json LIKE '%area_m2%' AND feature_id IN (?, ?, ?)",
                        Long.class, ids.toArray()))
                .isEqualTo(3);
        assertThat(folder.resolve("checked-rows.bin"))
                .as("deleted with the staged files")
                .doesNotExist();

        // Checked with the proposed mapping, the saved rows do not serve an edited one: the upload is read again.
        List<String> more = newParcels(dir.resolve("more.geojson"), 2, "EDITED");
        JsonNode second =
                dryRun(landStaff, "parcels", "more.geojson", Files.readAllBytes(dir.resolve("more.geojson")), "");
        Map<String, Object> mapping = new LinkedHashMap<>();
        second.path("mapping")
                .properties()
                .forEach(e -> mapping.put(
                        e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        mapping.put("owner", null);
        Reply edited = post(
                landStaff,
                "/api/import/" + second.path("id").asString() + "/commit",
                JSON.writeValueAsBytes(Map.of("mapping", mapping)),
                "application/json");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(parcels(more).values())
                .allSatisfy(row -> assertThat(row.get("owner")).isNull());
    }

    // ---------------------------------------------------------------- hardening (issue #13)

    /** The staging folder of the test instances (src/test/resources/application.properties). */
    private static final Path STAGING = Path.of("target/test-staging");

    @Test
    void zipBombsAreRefusedFromTheArchiveDirectoryWithNothingLargeOnDisk() throws Exception {
        // 8 MB of zeros: within the unpacked cap, but compressed about 1000 to 1 (cap 200).
        Reply ratio = post(
                landStaff,
                "/api/import/parcels?filename=ratio.zip",
                zeros("bomb.geojson", 8L << 20, -1),
                "application/zip");
        assertThat(ratio.status()).as(ratio.text()).isEqualTo(413);
        assertThat(ratio.contentType()).startsWith("application/problem+json");
        assertThat(ratio.json().path("limit").asString()).isEqualTo("luqiao.transfer.max-compression-ratio");

        // 60 MB declared, over max-unpacked-size (48 MB in the tests).
        Reply size = post(
                landStaff,
                "/api/import/parcels?filename=size.zip",
                zeros("bomb.geojson", 60L << 20, -1),
                "application/zip");
        assertThat(size.status()).as(size.text()).isEqualTo(413);
        assertThat(size.json().path("limit").asString()).isEqualTo("luqiao.transfer.max-unpacked-size");

        // 44 MB declared: within max-unpacked-size, but more than the staging folder's quota (40 MB in the tests).
        Reply quota = post(
                landStaff,
                "/api/import/parcels?filename=quota.zip",
                zeros("bomb.geojson", 44L << 20, -1),
                "application/zip");
        assertThat(quota.status()).as(quota.text()).isEqualTo(507);
        assertThat(quota.contentType()).startsWith("application/problem+json");
        assertThat(quota.json().path("limit").asString()).isEqualTo("luqiao.transfer.max-staged-total");

        // 30 MB of zeros whose directory declares 1000 bytes: unpacking stops where the declared size ends.
        Reply lying = post(
                landStaff,
                "/api/import/parcels?filename=lying.zip",
                zeros("bomb.geojson", 30L << 20, 1000),
                "application/zip");
        assertThat(lying.status()).as(lying.text()).isEqualTo(400);
        assertThat(lying.json().path("parameter").asString()).isEqualTo("file");
        assertThat(lying.json().path("detail").asString())
                .contains("bomb.geojson", "1000 bytes its directory declares");

        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= 1000; i++) {
            many.put("f" + i + ".txt", new byte[0]);
        }
        Reply entries = post(landStaff, "/api/import/parcels?filename=many.zip", zip(many), "application/zip");
        assertThat(entries.status()).as(entries.text()).isEqualTo(413);
        assertThat(entries.json().path("limit").asString()).isEqualTo("luqiao.transfer.max-zip-entries");
        assertThat(entries.json().path("detail").asString()).contains("1001 entries", "1000");

        assertThat(stagedBytes())
                .as("nothing large stays in the staging folder")
                .isLessThan(4L << 20);
    }

    @Test
    void aShapefileWithoutPrjIsRefusedBeforeItsShpIsUnpacked() throws Exception {
        // The .shp's directory entry says 1000 bytes, its data unpacks to 30 MB: were it unpacked first,
        // the refusal would be about the .shp; the missing .prj is found in the directory before.
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("survey.shx", new byte[100]);
        files.put("survey.dbf", new byte[100]);
        byte[] zip = zeros("survey.shp", 30L << 20, 1000, files);
        Reply refused = post(landStaff, "/api/import/parcels?filename=noprj.zip", zip, "application/zip");
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("parameter").asString()).isEqualTo("crs");
        assertThat(refused.json().path("detail").asString()).contains("no .prj");
    }

    @Test
    void aSecondInstanceStartingOnTheSameStagingFolderLeavesLiveJobsAlone() throws Exception {
        Path dir = Files.createTempDirectory("shared");
        List<String> ids = newParcels(dir.resolve("in.geojson"), 2, "SHARED");
        JsonNode job =
                dryRun(landStaff, "parcels", "shared.geojson", Files.readAllBytes(dir.resolve("in.geojson")), "");
        Path staged = STAGING.resolve(job.path("id").asString());
        assertThat(staged).isDirectory();
        // A folder an instance left behind whose lease ran out, and one of a job live on some other instance.
        Path expired = Files.createDirectories(STAGING.resolve(UUID.randomUUID().toString()));
        Files.writeString(expired.resolve("lease"), "owner=gone\nexpires=2020-01-01T00:00:00Z\n");
        Path live = Files.createDirectories(STAGING.resolve(UUID.randomUUID().toString()));
        Files.writeString(
                live.resolve("lease"),
                "owner=elsewhere\nexpires=" + java.time.Instant.now().plusSeconds(600) + "\n");

        var beans = context.getAutowireCapableBeanFactory();
        Object second = beans.createBean(Class.forName("luqiao.map.transfer.ImportJobs"));
        beans.destroyBean(second);

        assertThat(staged).as("the first instance's job").isDirectory();
        assertThat(live).as("a live job of another instance").isDirectory();
        assertThat(expired).as("an expired lease").doesNotExist();
        Reply commit = post(landStaff, "/api/import/" + job.path("id").asString() + "/commit", null, null);
        assertThat(commit.status()).as(commit.text()).isEqualTo(200);
        assertThat(commit.json().path("imported").asLong()).isEqualTo(ids.size());
        Files.delete(live.resolve("lease"));
        Files.delete(live);
    }

    @Test
    void anAnnouncedContentLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
        List<String> reply = announce(2147483648L);
        assertThat(reply.get(0)).as("answered before any of the body was sent").startsWith("HTTP/1.1 413");
        assertThat(reply).anyMatch(h -> h.startsWith("content-type: application/problem+json"));
    }

    /**
     * Announces an upload of {@code length} bytes with {@code Expect: 100-continue}, as curl does above 1 MB, and
     * never sends a byte of it: returns the status line and the (lower-cased) header lines of the answer. A 413
     * here proves the server judged the upload from its headers; had it waited for the body, it would answer
     * nothing until its timeout closed the connection. (A client that does send the body races the server's
     * close: the answer can be lost to the connection reset, which is why this test speaks HTTP itself.)
     */
    private List<String> announce(long length) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream()
                    .write(("POST /api/import/parcels?filename=big.geojson HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Authorization: Basic "
                                    + Base64.getEncoder().encodeToString(landStaff.getBytes(StandardCharsets.UTF_8))
                                    + "\r\nContent-Type: application/geo+json\r\nExpect: 100-continue\r\n"
                                    + "Content-Length: " + length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> lines = new ArrayList<>();
            lines.add(String.valueOf(in.readLine()));
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                lines.add(line.toLowerCase());
            }
            return lines;
        }
    }

    @Test
    void aNulInTheFileNameIsA400() {
        Reply nul =
                post(landStaff, "/api/import/parcels?filename=a%00.geojson", "{}".getBytes(), "application/geo+json");
        assertThat(nul.status()).as(nul.text()).isEqualTo(400);
        assertThat(nul.contentType()).startsWith("application/problem+json");
        assertThat(nul.json().path("parameter").asString()).isEqualTo("filename");
    }

    @Test
    void aPolygonOverTheVertexCapIsARejectedRowOfTheDryRun() throws Exception {
        String id = "LQ-VTX-" + UUID.randomUUID().toString().substring(0, 8);
        int n = 25_000; // luqiao.editing.max-vertices is 20000
        StringBuilder ring = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double a = i == n - 1 ? 0 : 2 * Math.PI * i / (n - 1);
            ring.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(121.45 + 0.001 * Math.cos(a))
                    .append(',')
                    .append(28.55 + 0.001 * Math.sin(a))
                    .append(']');
        }
        String geojson =
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"parcel_no\":\""
                        + id
                        + "\",\"landuse_code\":\"0701\",\"landuse_name\":\"城镇住宅用地\",\"landuse_l1_code\":\"07\",\"landuse_l1_name\":\"居住用地\","
                        + "\"status\":\"储备\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}";
        JsonNode report = dryRun(landStaff, "parcels", "vertices.geojson", geojson.getBytes(StandardCharsets.UTF_8), "")
                .path("report");
        assertThat(report.path("accepted").asLong()).isZero();
        assertThat(report.path("rejectedCount").asLong()).isEqualTo(1);
        assertThat(report.path("rejected").get(0).path("id").asString()).isEqualTo(id);
        assertThat(report.path("rejected").get(0).path("reason").asString()).contains("25000 vertices", "20000");
    }

    /** A zip of one entry of {@code size} zero bytes (plus {@code others}), its directory declaring {@code declared} bytes when not -1. */
    private static byte[] zeros(String name, long size, int declared) throws IOException {
        return zeros(name, size, declared, Map.of());
    }

    private static byte[] zeros(String name, long size, int declared, Map<String, byte[]> others) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : others.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
            out.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        if (declared >= 0) {
            // The central directory's record of the entry: its uncompressed size at offset 24 (little-endian).
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            byte[] entryName = name.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < zip.length - 46; i++) {
                if (b.getInt(i) == 0x02014b50
                        && b.getShort(i + 28) == entryName.length
                        && java.util.Arrays.equals(
                                zip, i + 46, i + 46 + entryName.length, entryName, 0, entryName.length)) {
                    b.putInt(i + 24, declared);
                }
            }
        }
        return zip;
    }

    private static long stagedBytes() throws IOException {
        try (var files = Files.walk(STAGING)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    // ---------------------------------------------------------------- roles, tiles, visibility

    @Test
    void eachLayerNeedsItsRoleAndJobsBelongToTheirUploader() throws Exception {
        byte[] csv =
                "code,name_zh,category,stage,lon,lat\r\nP-X,x,产业转型,开工,121.4,28.5\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(post(null, "/api/import/projects?filename=p.csv", csv, "text/csv")
                        .status())
                .isEqualTo(403);
        assertThat(post(landStaff, "/api/import/projects?filename=p.csv", csv, "text/csv")
                        .status())
                .isEqualTo(403);
        assertThat(post(planner, "/api/import/zones?filename=p.csv", csv, "text/csv")
                        .status())
                .isEqualTo(403);
        assertThat(post(planner, "/api/import/nothing?filename=p.csv", csv, "text/csv")
                        .status())
                .isEqualTo(404);
        JsonNode job = dryRun(planner, "projects", "p.csv", csv, "");
        assertThat(get(null, "/api/import/" + job.path("id").asString()).status())
                .isEqualTo(401);
        assertThat(get(newUser("PLANNER"), "/api/import/" + job.path("id").asString())
                        .status())
                .isEqualTo(404);
        assertThat(get(ADMIN, "/api/import/" + job.path("id").asString()).status())
                .isEqualTo(200);
        assertThat(send(planner, "DELETE", "/api/import/" + job.path("id").asString())
                        .status())
                .isEqualTo(204);
        assertThat(get(planner, "/api/import/" + job.path("id").asString()).status())
                .isEqualTo(404);
    }

    @Test
    void importedParcelsAppearInTilesFetchedBefore() throws Exception {
        Path dir = Files.createTempDirectory("tiles");
        List<String> ids = newParcels(dir.resolve("in.geojson"), 1, "TILE");
        int z = 14;
        int x = (int) Math.floor((121.45 + 180) / 360 * (1 << z));
        double lat = Math.toRadians(28.55);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        String tile = "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt";
        Reply before = get(null, tile);
        assertThat(before.text()).doesNotContain(ids.get(0));
        JsonNode job = dryRun(landStaff, "parcels", "t.geojson", Files.readAllBytes(dir.resolve("in.geojson")), "");
        assertThat(post(landStaff, "/api/import/" + job.path("id").asString() + "/commit", null, null)
                        .status())
                .isEqualTo(200);
        Reply after = get(null, tile);
        assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
        assertThat(after.text()).contains(ids.get(0));
    }

    @Test
    void exportsShowEachCallerWhatTheyMaySee() throws Exception {
        Reply publicParcels = get(null, "/api/export/parcels?format=csv");
        assertThat(publicParcels.status()).isEqualTo(200);
        assertThat(publicParcels.text().lines().findFirst().orElseThrow()).doesNotContain("owner");
        assertThat(get(landStaff, "/api/export/parcels?format=csv")
                        .text()
                        .lines()
                        .findFirst()
                        .orElseThrow())
                .contains("owner");
        List<String> internal =
                jdbc.queryForList("SELECT code FROM projects WHERE stage NOT IN ('开工', '竣工')", String.class);
        String publicProjects = get(null, "/api/export/projects?format=geojson").text();
        internal.forEach(code -> assertThat(publicProjects).doesNotContain(code));
        assertThat(JSON.readTree(publicProjects).path("features").size())
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')", Long.class)
                        .intValue());
        assertThat(get(planner, "/api/export/projects?format=geojson").text()).contains(internal.get(0));
        Map<String, byte[]> shp =
                unzip(get(null, "/api/export/parcels?format=shp&encoding=GBK").body());
        assertThat(new String(shp.get("parcels.dbf"), 0, 2000, StandardCharsets.ISO_8859_1))
                .doesNotContain("owner");
        Reply refused = get(null, "/api/export/parcels?format=csv&filter=" + enc("owner IS NOT NULL"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(get(null, "/api/export/parcels?format=kml").status()).isEqualTo(400);
        assertThat(get(null, "/api/export/parcels?crs=EPSG:9999")
                        .json()
                        .path("parameter")
                        .asString())
                .isEqualTo("crs");
    }

    // ---------------------------------------------------------------- helpers

    /** Writes {@code n} new parcels with Chinese attributes as GeoJSON; their ids. */
    private static List<String> newParcels(Path file, int n, String tag) throws IOException {
        List<String> ids = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < n; i++) {
            String id = "LQ-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
            ids.add(id);
            double x = 121.45 + i * 0.002;
            double y = 28.55;
            json.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"Feature\",\"properties\":{\"parcel_no\":\"")
                    .append(id)
                    .append(
                            "\",\"LU_CODE\":\"0701\",\"LU_NAME\":\"城镇住宅用地\",\"LU_L1_CODE\":\"07\",\"LU_L1_NAME\":\"居住用地\","
                                    + "\"status\":\"储备\",\"town\":\"路桥街道\",\"owner\":\"台州市路桥区土地储备中心（测试）\"},")
                    .append("\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[")
                    .append(x)
                    .append(",")
                    .append(y)
                    .append("],[")
                    .append(x + 0.001)
                    .append(",")
                    .append(y)
                    .append("],[")
                    .append(x + 0.001)
                    .append(",")
                    .append(y + 0.0012)
                    .append("],[")
                    .append(x)
                    .append(",")
                    .append(y + 0.0008)
                    .append("],[")
                    .append(x)
                    .append(",")
                    .append(y)
                    .append("]]]}}");
        }
        Files.writeString(file, json.append("]}").toString());
        return ids;
    }

    private static byte[] featureCollection(Path file, int first) throws IOException {
        JsonNode all = JSON.readTree(Files.readString(file));
        return ("{\"type\":\"FeatureCollection\",\"features\":["
                        + all.path("features").get(first - 1) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Geometry> sourceGeometries(Path file) throws Exception {
        Map<String, Geometry> geometries = new LinkedHashMap<>();
        for (JsonNode f : JSON.readTree(Files.readString(file)).path("features")) {
            geometries.put(f.path("properties").path("parcel_no").asString(), geometry(f));
        }
        return geometries;
    }

    /** Runs ogr2ogr on {@code dir/in.geojson} to a shapefile in the CRS and encoding; the zipped files (without .cpg if asked). */
    private static byte[] ogr2ogr(Path dir, String crs, String encoding, boolean cpg) throws Exception {
        Path out = Files.createTempDirectory(dir, "shp");
        Process p = new ProcessBuilder(
                        "ogr2ogr",
                        "-f",
                        "ESRI Shapefile",
                        "-t_srs",
                        crs,
                        "-lco",
                        "ENCODING=" + encoding,
                        out.resolve("survey.shp").toString(),
                        dir.resolve("in.geojson").toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var list = Files.list(out)) {
            for (Path f : list.toList()) {
                if (cpg || !f.getFileName().toString().endsWith(".cpg")) {
                    files.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
        }
        return zip(files);
    }

    private static int ogrFeatureCount(byte[] file, String name) throws Exception {
        Path dir = Files.createTempDirectory("ogr");
        Path target = dir.resolve(name);
        Files.write(target, file);
        Process p = new ProcessBuilder(
                        "ogrinfo", "-ro", "-al", "-so", name.endsWith(".zip") ? "/vsizip/" + target : target.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines()
                .filter(l -> l.startsWith("Feature Count:"))
                .mapToInt(l -> Integer.parseInt(l.substring(14).strip()))
                .sum();
    }

    private Map<String, Map<String, Object>> parcels(List<String> ids) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        jdbc.query(
                "SELECT parcel_no, " + String.join(", ", PARCEL_COLUMNS)
                        + ", area_m2, ST_AsBinary(geom) FROM parcels WHERE parcel_no IN (" + "?,".repeat(ids.size() - 1)
                        + "?)",
                rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String column : PARCEL_COLUMNS) {
                        row.put(column, rs.getObject(column));
                    }
                    row.put("area_m2", rs.getDouble("area_m2"));
                    row.put("geom", wkb(rs.getBytes(PARCEL_COLUMNS.length + 3)));
                    rows.put(rs.getString(1), row);
                },
                ids.toArray());
        return rows;
    }

    /** What the parcels table holds, as figures both backends compute the same way. */
    private String checksum() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) || '/' || ROUND(CAST(SUM(area_m2) AS NUMERIC), 2) || '/' || MIN(parcel_no) || '/' || MAX(parcel_no)"
                        + " FROM parcels",
                String.class);
    }

    private static Object[] concat(String first, List<String> rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray();
    }

    private static Geometry read(String wkt) throws Exception {
        return new WKTReader().read(wkt);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> zipEntries(byte[] zip) throws IOException {
        return new ArrayList<>(unzip(zip).keySet());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Uploads and waits for the dry run to end; the job as its status request answers once it is ready. */
    private JsonNode dryRun(String user, String layer, String filename, byte[] body, String query) throws Exception {
        Reply upload = post(
                user, "/api/import/" + layer + "?filename=" + enc(filename) + query, body, "application/octet-stream");
        assertThat(upload.status()).as(upload.text()).isEqualTo(202);
        String id = upload.json().path("id").asString();
        for (int i = 0; i < 600; i++) {
            JsonNode job = get(user, "/api/import/" + id).json();
            if (!job.path("status").asString().equals("reading")) {
                assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the dry run of " + filename + " did not end");
    }

    private String newUser(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = post(
                ADMIN,
                "/api/admin/users",
                ("{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role + "\"]}")
                        .getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name + ":correct-horse-battery";
    }

    private Reply get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    private Reply send(String user, String method, String path) {
        return send(user, method, path, null, null);
    }

    private Reply post(String user, String path, byte[] body, String contentType) {
        return send(user, "POST", path, body == null ? new byte[0] : body, contentType);
    }

    private Reply send(String user, String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        if (user != null) {
            r.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<byte[]> response = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, HttpResponse<byte[]> response) {
        byte[] body() {
            return response.body();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(text());
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }
    }
}

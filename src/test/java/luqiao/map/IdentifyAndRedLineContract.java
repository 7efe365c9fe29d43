package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import luqiao.map.geometry.GroundMeasure;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #15: identify at a point ({@code GET /api/identify}) and the parcel query's red-line file
 * ({@code POST /api/analysis/redline}), over real HTTP on each backend. The expected areas are the
 * ground areas of the polygons the files were made from, measured before they were written.
 */
abstract class IdentifyAndRedLineContract extends BackendContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "admin:test-admin-password";
    private static final GeometryFactory WGS84 = new GeometryFactory();

    // ---------------------------------------------------------------- identify

    @Test
    void aPointInsideAZoneAndAParcelListsBothWithTheirFields() {
        Map<String, Object> spot =
                jdbc.queryForMap("SELECT z.code AS zone, p.parcel_no AS parcel, ST_X(ST_PointOnSurface(p.geom)) AS lon,"
                        + " ST_Y(ST_PointOnSurface(p.geom)) AS lat"
                        // The first parcels only, and && first: a join over every parcel is slow on H2GIS.
                        + " FROM (SELECT parcel_no, geom FROM parcels ORDER BY parcel_no LIMIT 300) p JOIN zones z"
                        + " ON z.geom && p.geom AND ST_Contains(z.geom, ST_PointOnSurface(p.geom))"
                        + " WHERE z.is_public = TRUE AND z.kind <> 'district' ORDER BY p.parcel_no LIMIT 1");
        JsonNode found = identify(null, spot.get("lon"), spot.get("lat"), "&zoom=17");

        assertThat(ids(found.path("zones"))).contains((String) spot.get("zone"));
        assertThat(ids(found.path("parcels"))).contains((String) spot.get("parcel"));
        JsonNode parcel = item(found.path("parcels"), (String) spot.get("parcel"));
        assertThat(parcel.path("properties").path("landuse_name").asString()).isNotEmpty();
        assertThat(parcel.path("properties").path("area_mu").asDouble()).isPositive();
        assertThat(parcel.path("bbox")).hasSize(4);
        assertThat(found.path("tolerance_m").asDouble()).isPositive().isLessThan(10);
    }

    @Test
    void thePublicGetsNoInternalProjectOrFieldWhileStaffDo() {
        Map<String, Object> internal = jdbc.queryForMap(
                "SELECT code, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM projects"
                        + " WHERE stage NOT IN ('开工', '竣工') ORDER BY code LIMIT 1");
        String code = (String) internal.get("code");

        String anonymous = answer(null, internal.get("lon"), internal.get("lat"), "&tolerance_m=5")
                .text();
        assertThat(anonymous).doesNotContain(code);
        PublicFaceContract.assertNoInternalStage("/api/identify", anonymous);
        JsonNode staff = identify(ADMIN, internal.get("lon"), internal.get("lat"), "&tolerance_m=5");
        assertThat(ids(staff.path("projects"))).contains(code);
        assertThat(item(staff.path("projects"), code).path("distance_m").asDouble())
                .isLessThanOrEqualTo(5);

        Map<String, Object> owned = jdbc.queryForMap(
                "SELECT parcel_no, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat"
                        + " FROM parcels WHERE owner IS NOT NULL ORDER BY parcel_no LIMIT 1");
        String parcel = (String) owned.get("parcel_no");
        JsonNode publicView = identify(null, owned.get("lon"), owned.get("lat"), "");
        assertThat(item(publicView.path("parcels"), parcel).path("properties").has("owner"))
                .isFalse();
        JsonNode staffView = identify(ADMIN, owned.get("lon"), owned.get("lat"), "");
        assertThat(item(staffView.path("parcels"), parcel).path("properties").has("owner"))
                .isTrue();
    }

    @Test
    void badCoordinatesAPositionOutsideTheDistrictAndABadToleranceAre400Problems() {
        for (String query : List.of(
                "lon=200&lat=28.5",
                "lon=121.4&lat=x",
                "lon=0&lat=0",
                "lon=121.45&lat=28.55&tolerance_m=-1",
                "lon=121.45&lat=28.55&zoom=40")) {
            Reply r = send(null, "GET", "/api/identify?" + query, null, null);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.contentType()).as(query).startsWith("application/problem+json");
        }
        assertThat(send(null, "GET", "/api/identify?lon=0&lat=0", null, null)
                        .json()
                        .path("detail")
                        .asString())
                .contains("outside the district");
    }

    // ---------------------------------------------------------------- red line

    @Test
    void geoJsonKmlCsvAndAGaussKrugerShapefileGiveThePolygonAndItsArea() throws Exception {
        Polygon area = redLine();
        double expected = GroundMeasure.areaM2(area);
        Polygon holed = WGS84.createPolygon(area.getExteriorRing(), new LinearRing[] {
            WGS84.createLinearRing(square(area.getCentroid().getCoordinate(), 0.0004))
        });

        JsonNode geojson = redLine("area.geojson", featureCollection(area).getBytes(StandardCharsets.UTF_8), "");
        assertArea(geojson, expected, "geojson");
        assertThat(geojson.path("properties").path("crs").asString()).isEqualTo("OGC:CRS84");

        JsonNode kml = redLine("area.kml", kml(holed).getBytes(StandardCharsets.UTF_8), "");
        assertArea(kml, GroundMeasure.areaM2(holed), "kml");

        JsonNode csv = redLine("area.csv", csv(area).getBytes(StandardCharsets.UTF_8), "");
        assertArea(csv, expected, "csv");

        JsonNode shp = redLine("survey.zip", shapefile(area, "EPSG:4549"), "");
        assertArea(shp, expected, "shapefile");
        assertThat(shp.path("properties").path("crs").asString()).isEqualTo("EPSG:4549");
        assertThat(shp.path("properties").path("crsSource").asString()).isEqualTo("prj");

        // The answer is the parcel query's area as it is.
        JsonNode query =
                JSON.readTree(http.postJson("/api/analysis/parcels", "{\"geometry\":" + geojson.path("geometry") + "}")
                        .body());
        assertThat(query.path("total").path("count").asInt()).isPositive();
        assertThat(query.path("area").path("area_m2").asDouble()).isCloseTo(expected, within(expected * 0.001));
        assertThat(stagedRedLines()).as("nothing is kept on disk").isEmpty();
    }

    @Test
    void twoOverlappingPolygonsAreUnioned() {
        Polygon a = redLine();
        Polygon b = WGS84.createPolygon(square(
                new Coordinate(a.getCentroid().getX() + 0.002, a.getCentroid().getY()), 0.002));
        JsonNode both = redLine(
                "two.geojson",
                ("{\"type\":\"FeatureCollection\",\"features\":[" + feature(a) + "," + feature(b) + "]}")
                        .getBytes(StandardCharsets.UTF_8),
                "");
        assertArea(both, GroundMeasure.areaM2(a.union(b)), "union");
    }

    @Test
    void brokenPointOnlyEmptyUnknownCrsAndOversizedFilesAreRefusedWithProblems() throws Exception {
        Coordinate c = redLine().getCentroid().getCoordinate();
        Map<String, byte[]> refused = new TreeMap<>();
        refused.put("broken.zip", "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        refused.put(
                "points.geojson",
                ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + c.x + "," + c.y + "]}}]}")
                        .getBytes(StandardCharsets.UTF_8));
        refused.put("empty.geojson", new byte[0]);
        refused.put("nothing.kml", "<kml><Document/></kml>".getBytes(StandardCharsets.UTF_8));
        // An external entity is not read: the DTD is refused, and the file with it.
        refused.put(
                "entity.kml",
                ("<?xml version=\"1.0\"?><!DOCTYPE kml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<kml><Placemark><name>&x;</name></Placemark></kml>")
                        .getBytes(StandardCharsets.UTF_8));
        refused.put("utm.zip", shapefile(redLine(), "EPSG:32651"));
        refused.put("two-points.csv", ("lon,lat\n" + c.x + "," + c.y + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> file : refused.entrySet()) {
            Reply r = post("/api/analysis/redline?filename=" + file.getKey(), file.getValue());
            assertThat(r.status()).as(file.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.contentType()).as(file.getKey()).startsWith("application/problem+json");
        }
        assertThat(post("/api/analysis/redline?filename=points.geojson", refused.get("points.geojson"))
                        .json()
                        .path("detail")
                        .asString())
                .contains("no polygon");
        assertThat(post("/api/analysis/redline?filename=utm.zip", refused.get("utm.zip"))
                        .json()
                        .path("parameter")
                        .asString())
                .isEqualTo("crs");
        Reply large = post("/api/analysis/redline?filename=large.geojson", new byte[6 << 20]);
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.contentType()).startsWith("application/problem+json");
        assertThat(stagedRedLines()).as("nothing is kept on disk").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** A pentagon of some 500 m across over the parcels of the shipped data set. */
    Polygon redLine() {
        Map<String, Object> at = jdbc.queryForMap("SELECT ST_X(ST_PointOnSurface(geom)) AS lon,"
                + " ST_Y(ST_PointOnSurface(geom)) AS lat FROM parcels ORDER BY parcel_no LIMIT 1");
        return pentagonAround(((Number) at.get("lon")).doubleValue(), ((Number) at.get("lat")).doubleValue());
    }

    /** A pentagon of some 600 by 500 m around (lon, lat). */
    static Polygon pentagonAround(double lon, double lat) {
        double[][] corners = {{-0.003, -0.002}, {0.003, -0.0025}, {0.0035, 0.001}, {0.0005, 0.003}, {-0.0028, 0.0015}};
        List<Coordinate> ring = new ArrayList<>();
        for (double[] d : corners) {
            ring.add(new Coordinate(lon + d[0], lat + d[1]));
        }
        ring.add(ring.get(0).copy());
        return WGS84.createPolygon(ring.toArray(Coordinate[]::new));
    }

    private static Coordinate[] square(Coordinate centre, double half) {
        return new Coordinate[] {
            new Coordinate(centre.x - half, centre.y - half),
            new Coordinate(centre.x + half, centre.y - half),
            new Coordinate(centre.x + half, centre.y + half),
            new Coordinate(centre.x - half, centre.y + half),
            new Coordinate(centre.x - half, centre.y - half)
        };
    }

    static String featureCollection(Polygon p) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + feature(p) + "]}";
    }

    private static String feature(Geometry p) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"红线\"},\"geometry\":"
                + new org.locationtech.jts.io.geojson.GeoJsonWriter(9).write(p) + "}";
    }

    static String kml(Polygon p) {
        StringBuilder inner = new StringBuilder();
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            inner.append("<innerBoundaryIs><LinearRing><coordinates>")
                    .append(tuples(p.getInteriorRingN(i).getCoordinates()))
                    .append("</coordinates></LinearRing></innerBoundaryIs>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
                + "<Placemark><name>红线</name><Point><coordinates>121.4,28.5</coordinates></Point></Placemark>"
                + "<Folder><Placemark><name>红线范围</name><MultiGeometry><Polygon><outerBoundaryIs><LinearRing>"
                + "<coordinates>" + tuples(p.getExteriorRing().getCoordinates()) + "</coordinates>"
                + "</LinearRing></outerBoundaryIs>" + inner + "</Polygon></MultiGeometry></Placemark></Folder>"
                + "</Document></kml>";
    }

    private static String tuples(Coordinate[] coordinates) {
        StringBuilder s = new StringBuilder("\n");
        for (Coordinate c : coordinates) {
            s.append(String.format(Locale.ROOT, "  %.9f,%.9f,0\n", c.x, c.y));
        }
        return s.toString();
    }

    /** The ring's vertices as rows of lon, lat (the closing vertex left out: the server closes the ring). */
    static String csv(Polygon p) {
        StringBuilder s = new StringBuilder("序号,lon,lat\n");
        Coordinate[] ring = p.getExteriorRing().getCoordinates();
        for (int i = 0; i < ring.length - 1; i++) {
            s.append(String.format(Locale.ROOT, "%d,%.9f,%.9f\n", i + 1, ring[i].x, ring[i].y));
        }
        return s.toString();
    }

    /** The polygon as a zipped shapefile in {@code crs}, written by ogr2ogr (with its .prj). */
    static byte[] shapefile(Polygon p, String crs) throws Exception {
        Path dir = Files.createTempDirectory("red-line-test");
        Files.writeString(dir.resolve("in.geojson"), featureCollection(p));
        Path out = Files.createDirectories(dir.resolve("out"));
        Process ogr = new ProcessBuilder(
                        "ogr2ogr",
                        "-f",
                        "ESRI Shapefile",
                        "-t_srs",
                        crs,
                        out.resolve("redline.shp").toString(),
                        dir.resolve("in.geojson").toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(ogr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ogr.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ogr.exitValue()).as(log).isZero();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void assertArea(JsonNode answer, double expectedM2, String what) {
        assertThat(answer.path("type").asString()).as(what).isEqualTo("Feature");
        Geometry g = geometry(answer);
        assertThat(g.isValid()).as(what).isTrue();
        assertThat(GroundMeasure.areaM2(g)).as(what).isCloseTo(expectedM2, within(expectedM2 * 0.001));
        assertThat(answer.path("properties").path("area_m2").asDouble())
                .as(what)
                .isCloseTo(expectedM2, within(expectedM2 * 0.001));
        assertThat(answer.path("properties").path("area_mu").asDouble())
                .as(what)
                .isCloseTo(expectedM2 / (10000.0 / 15), within(expectedM2 / (10000.0 / 15) * 0.001));
    }

    private JsonNode redLine(String filename, byte[] body, String query) {
        Reply r = post("/api/analysis/redline?filename=" + filename + query, body);
        assertThat(r.status()).as(filename + ": " + r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        return r.json();
    }

    private static List<Path> stagedRedLines() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("luqiao-red-line-"))
                    .toList();
        }
    }

    private JsonNode identify(String user, Object lon, Object lat, String more) {
        Reply r = answer(user, lon, lat, more);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private Reply answer(String user, Object lon, Object lat, String more) {
        return send(user, "GET", "/api/identify?lon=" + lon + "&lat=" + lat + more, null, null);
    }

    private static List<String> ids(JsonNode items) {
        return items.valueStream().map(i -> i.path("id").asString()).toList();
    }

    private static JsonNode item(JsonNode items, String id) {
        return items.valueStream()
                .filter(i -> i.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + items));
    }

    private Reply post(String path, byte[] body) {
        return send(null, "POST", path, body, "application/octet-stream");
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
            return new Reply(HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(HttpResponse<byte[]> response) {
        int status() {
            return response.statusCode();
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
    }
}

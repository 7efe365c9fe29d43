package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import luqiao.map.geometry.Crs;
import luqiao.map.support.Http;
import luqiao.map.support.PostgisTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The analysis API's contract, run unchanged against each storage backend over real HTTP.
 *
 * <p>The reference is PostGIS computing in SQL over the same geometries: the backend's parcels and
 * projects are copied into a fresh PostGIS database, where {@code ST_Area(ST_Intersection(...)::geography)}
 * and {@code ST_Distance(...::geography)} give the expected figures. Subclasses run the server on
 * their backend with {@code luqiao.analysis.max-vertices=20000} and {@code max-body-size=1MB}.
 */
abstract class AnalysisContract {

    static final Map<String, Object> TEST_LIMITS = Map.of(
            "luqiao.analysis.max-vertices", "20000",
            "luqiao.analysis.max-body-size", "1MB");
    private static final GeometryFactory WGS84 = new GeometryFactory();
    private static final Set<String> PUBLIC_STAGES = Set.of("开工", "竣工");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    Connection reference;

    /** A lower-case name for this backend's PostGIS reference database. */
    abstract String referenceDatabase();

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(port);
        reference = PostgisTestDatabase.connect(referenceDatabaseUrl());
    }

    @AfterEach
    void tearDown() throws SQLException {
        reference.close();
    }

    private static final Map<String, String> REFERENCE_URLS = new HashMap<>();

    /** Made once per backend and run: PostGIS with a copy of this backend's parcels and projects. */
    private String referenceDatabaseUrl() throws Exception {
        synchronized (REFERENCE_URLS) {
            String url = REFERENCE_URLS.get(referenceDatabase());
            if (url != null) {
                return url;
            }
            url = PostgisTestDatabase.fresh(referenceDatabase(), true);
            try (Connection c = PostgisTestDatabase.connect(url);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE parcels (parcel_no text PRIMARY KEY, landuse_code text, landuse_l1_code text,"
                        + " status text, renovation text, town text, geom geometry(MultiPolygon, 4326))");
                s.execute(
                        "CREATE TABLE projects (code text PRIMARY KEY, stage text, category text, investment_wan numeric,"
                                + " geom geometry(Geometry, 4326))");
                s.execute(
                        "CREATE TABLE zones (code text PRIMARY KEY, is_public boolean, geom geometry(MultiPolygon, 4326))");
                copy(
                        c,
                        "SELECT parcel_no, landuse_code, landuse_l1_code, status, renovation, town, ST_AsBinary(geom) FROM parcels",
                        "INSERT INTO parcels VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))",
                        7);
                copy(
                        c,
                        "SELECT code, stage, category, investment_wan, ST_AsBinary(geom) FROM projects",
                        "INSERT INTO projects VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326))",
                        5);
                copy(
                        c,
                        "SELECT code, is_public, ST_AsBinary(geom) FROM zones",
                        "INSERT INTO zones VALUES (?, ?, ST_GeomFromWKB(?, 4326))",
                        3);
            }
            REFERENCE_URLS.put(referenceDatabase(), url);
            return url;
        }
    }

    private void copy(Connection c, String select, String insert, int columns) throws SQLException {
        List<Map<String, Object>> rows = jdbc.queryForList(select);
        try (PreparedStatement p = c.prepareStatement(insert)) {
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>(row.values());
                for (int i = 0; i < columns; i++) {
                    p.setObject(i + 1, values.get(i));
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    // ---------------------------------------------------------------- measure

    @Test
    void measuredLengthsAndAreasAreThoseOfPostgisGeography() throws Exception {
        String line = "{\"type\":\"LineString\",\"coordinates\":[[121.40,28.50],[121.55,28.52],[121.60,28.61]]}";
        String polygon =
                "{\"type\":\"Polygon\",\"coordinates\":[[[121.45,28.50],[121.52,28.50],[121.53,28.56],[121.45,28.55],[121.45,28.50]]]}";
        JsonNode length = http.postJson("/api/analysis/measure", "{\"geometry\":" + line + "}")
                .json();
        JsonNode area = http.postJson("/api/analysis/measure", "{\"geometry\":" + polygon + "}")
                .json();
        try (PreparedStatement s = reference.prepareStatement(
                "SELECT ST_Length(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography), ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography)")) {
            s.setString(1, line);
            s.setString(2, polygon);
            try (var rs = s.executeQuery()) {
                rs.next();
                assertThat(length.path("length_m").asDouble()).isCloseTo(rs.getDouble(1), within(0.01));
                assertThat(area.path("area_m2").asDouble()).isCloseTo(rs.getDouble(2), within(0.01));
            }
        }
        assertThat(area.path("area_mu").asDouble())
                .isCloseTo(area.path("area_m2").asDouble() * 15 / 10000, within(0.0001));
        Http.Response point = http.postJson(
                "/api/analysis/measure", "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4,28.5]}}");
        assertThat(point.status()).isEqualTo(400);
        assertThat(point.json().path("parameter").asString()).isEqualTo("geometry");
    }

    // ---------------------------------------------------------------- parcels in a polygon

    @Test
    void randomPolygonsAgreeWithPostgisGeographyIncludingOnesStraddling121Point5East() throws Exception {
        Random random = new Random(20241130);
        int withParcels = 0;
        int straddling = 0;
        for (int i = 0; i < 36; i++) {
            // Every third polygon is centred on 121.5°E, where EPSG:4549 meets EPSG:4550; one in
            // six has 400 vertices (the server then tests intersection in Java, not in SQL).
            double lon = i % 3 == 0 ? 121.5 : 121.3 + random.nextDouble() * 0.3;
            double lat = 28.45 + random.nextDouble() * 0.2;
            Polygon polygon = star(
                    random, lon, lat, 0.004 + random.nextDouble() * 0.02, i % 6 == 5 ? 400 : 3 + random.nextInt(12));
            if (polygon.getEnvelopeInternal().getMinX() < 121.5
                    && polygon.getEnvelopeInternal().getMaxX() > 121.5) {
                straddling++;
            }
            JsonNode answer = analyse(body(polygon, null, ""));
            Map<String, Double> expected = referenceIntersections(polygon, null);
            JsonNode features = answer.path("parcels").path("features");
            assertThat(answer.path("total").path("count").asLong())
                    .as("parcel count, polygon %d", i)
                    .isEqualTo(expected.size());
            double expectedTotal =
                    expected.values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(answer.path("total").path("area_m2").asDouble())
                    .as("total area, polygon %d", i)
                    .isCloseTo(expectedTotal, within(Math.max(expectedTotal * 0.001, 0.01)));
            for (JsonNode f : features) {
                double e = expected.get(f.path("id").asString());
                assertThat(f.path("properties").path("intersected_m2").asDouble())
                        .as("%s in polygon %d", f.path("id"), i)
                        .isCloseTo(e, within(Math.max(e * 0.001, 0.01)));
            }
            assertThat(answer.path("area").path("area_m2").asDouble())
                    .isCloseTo(referenceArea(polygon), within(referenceArea(polygon) * 0.001));
            assertGroupsAddUpToTheTotal(
                    answer,
                    answer.path("total").path("count").asLong(),
                    answer.path("total").path("area_m2").asDouble());
            if (expected.size() > 0) {
                withParcels++;
            }
        }
        assertThat(withParcels).as("polygons that met parcels").isGreaterThan(10);
        assertThat(straddling).as("polygons straddling 121.5°E").isGreaterThanOrEqualTo(12);
    }

    @Test
    void aPolygonSentInGaussKruegerOrWebMercatorGivesTheSameTotalsAsInLonLat() throws Exception {
        Polygon polygon = star(new Random(3), 121.5, 28.58, 0.02, 9);
        JsonNode lonLat = analyse(body(polygon, null, ""));
        assertThat(lonLat.path("total").path("count").asLong()).isPositive();
        // The lon/lat request carries 7 decimals (about 1 cm), the projected ones are exact: 1e-5 apart at most.
        for (String name : List.of(
                "EPSG:4549", "EPSG:4550", "EPSG:3857", "EPSG:4490", "http://www.opengis.net/def/crs/EPSG/0/4549")) {
            Geometry projected = Crs.of(name).fromLonLat(polygon);
            JsonNode answer = analyse(body(projected, name, ""));
            assertThat(answer.path("crs").asString()).isEqualTo(Crs.of(name).id());
            assertThat(answer.path("total").path("count").asLong())
                    .as(name)
                    .isEqualTo(lonLat.path("total").path("count").asLong());
            assertThat(answer.path("total").path("area_m2").asDouble())
                    .as(name)
                    .isCloseTo(
                            lonLat.path("total").path("area_m2").asDouble(),
                            within(lonLat.path("total").path("area_m2").asDouble() * 1e-5));
        }
    }

    @Test
    void filtersByLanduseLevelOneOrTwoAndStatusKeepExactlyTheMatchingParcels() throws Exception {
        Polygon polygon = star(new Random(5), 121.40, 28.57, 0.03, 12);
        JsonNode all = analyse(body(polygon, null, ""));
        JsonNode filtered =
                analyse(body(polygon, null, ", \"landuse\": [\"07\", \"1001\"], \"status\": [\"已供\", \"储备\"]"));
        List<String> expected = new ArrayList<>();
        for (JsonNode f : all.path("parcels").path("features")) {
            JsonNode p = f.path("properties");
            boolean landuse = p.path("landuse_l1_code").asString().equals("07")
                    || p.path("landuse_code").asString().equals("1001");
            boolean status = Set.of("已供", "储备").contains(p.path("status").asString());
            if (landuse && status) {
                expected.add(f.path("id").asString());
            }
        }
        List<String> ids = filtered.path("parcels")
                .path("features")
                .valueStream()
                .map(f -> f.path("id").asString())
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(ids).containsExactlyElementsOf(expected);
        assertThat(filtered.path("filter").path("landuse").valueStream().map(JsonNode::asString))
                .containsExactly("07", "1001");
        Map<String, Double> reference =
                referenceIntersections(polygon, "landuse_l1_code = '07' OR landuse_code = '1001'");
        reference.keySet().retainAll(expected);
        double expectedTotal =
                reference.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(filtered.path("total").path("area_m2").asDouble())
                .isCloseTo(expectedTotal, within(expectedTotal * 0.001));
    }

    @Test
    void aZoneClipsTheAnalysedAreaToThePartInsideIt() throws Exception {
        Polygon polygon = star(new Random(9), 121.355, 28.575, 0.03, 10);
        JsonNode answer = analyse(body(polygon, null, ", \"zone\": \"FLH\""));
        double expected = 0;
        int count = 0;
        try (PreparedStatement s = reference.prepareStatement(
                "WITH q AS (SELECT ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), (SELECT geom FROM zones WHERE code = 'FLH')) g)"
                        + " SELECT COUNT(*), COALESCE(SUM(ST_Area(ST_Intersection(p.geom, q.g)::geography)), 0) FROM parcels p, q"
                        + " WHERE ST_Intersects(p.geom, q.g) AND ST_Area(ST_Intersection(p.geom, q.g)) > 0")) {
            s.setString(1, geoJson(polygon));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                count = rs.getInt(1);
                expected = rs.getDouble(2);
            }
        }
        assertThat(count).isPositive();
        assertThat(answer.path("total").path("count").asInt()).isEqualTo(count);
        assertThat(answer.path("total").path("area_m2").asDouble()).isCloseTo(expected, within(expected * 0.001));
        assertThat(answer.path("area").path("area_m2").asDouble()).isLessThan(referenceArea(polygon));
    }

    @Test
    void parcelGeometriesAreReturnedOnlyWhenAskedAndOwnersNever() throws Exception {
        Polygon polygon = star(new Random(11), 121.38, 28.57, 0.01, 8);
        Http.Response plain = http.postJson("/api/analysis/parcels", body(polygon, null, ""));
        Http.Response withGeometry = http.postJson("/api/analysis/parcels?geometry=true", body(polygon, null, ""));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.contentType()).startsWith("application/json");
        JsonNode features = withGeometry.json().path("parcels").path("features");
        assertThat(features.size()).isPositive();
        for (JsonNode f : plain.json().path("parcels").path("features")) {
            assertThat(f.path("geometry").isNull()).isTrue();
        }
        for (JsonNode f : features) {
            Geometry g = ApiContract.geometry(f);
            assertThat(g.getGeometryType()).isEqualTo("MultiPolygon");
            assertThat(g.intersects(polygon)).isTrue();
            assertThat(f.path("properties").path("area_m2").asDouble())
                    .isGreaterThanOrEqualTo(
                            f.path("properties").path("intersected_m2").asDouble() - 0.01);
        }
        assertThat(plain.body()).doesNotContain("\"owner\"");
        assertThat(withGeometry.body()).doesNotContain("\"owner\"");
    }

    // ---------------------------------------------------------------- projects near a position

    @Test
    void nearProjectsAreThePublicOnesWithinTheGroundDistanceNearestFirstAsPostgisMeasures() throws Exception {
        Random random = new Random(17);
        int found = 0;
        for (int i = 0; i < 12; i++) {
            double lon = 121.3 + random.nextDouble() * 0.3;
            double lat = 28.45 + random.nextDouble() * 0.2;
            double radius = 1000 + random.nextDouble() * 9000;
            JsonNode answer = http.get(String.format(
                            Locale.ROOT,
                            "/api/projects/near?lon=%.6f&lat=%.6f&radius_m=%.1f&limit=1000",
                            lon,
                            lat,
                            radius))
                    .json();
            Map<String, Double> expected = new LinkedHashMap<>();
            try (PreparedStatement s = reference.prepareStatement(
                    "SELECT code, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) d FROM projects"
                            + " WHERE stage IN ('开工', '竣工') AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)"
                            + " ORDER BY d, code")) {
                s.setDouble(1, lon);
                s.setDouble(2, lat);
                s.setDouble(3, lon);
                s.setDouble(4, lat);
                s.setDouble(5, radius);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        expected.put(rs.getString(1), rs.getDouble(2));
                    }
                }
            }
            List<String> ids = new ArrayList<>();
            double previous = -1;
            for (JsonNode f : answer.path("features")) {
                String id = f.path("id").asString();
                ids.add(id);
                double d = f.path("properties").path("distance_m").asDouble();
                assertThat(d)
                        .as("nearest first")
                        .isGreaterThanOrEqualTo(previous)
                        .isLessThanOrEqualTo(radius);
                previous = d;
                assertThat(expected).containsKey(id);
                assertThat(d)
                        .as("distance to %s", id)
                        .isCloseTo(expected.get(id), within(Math.max(expected.get(id) * 0.001, 0.01)));
                assertThat(f.path("properties").path("stage").asString()).isIn(PUBLIC_STAGES);
            }
            assertThat(ids).as("position %d", i).containsExactlyInAnyOrderElementsOf(expected.keySet());
            found += ids.size();
        }
        assertThat(found).as("projects found in all searches").isGreaterThan(5);
    }

    @Test
    void nearProjectsInsideAPolygonSiteAreAtDistanceZeroAndTheLimitKeepsTheNearest() {
        JsonNode polygonSite = http.get("/api/projects?limit=1000")
                .json()
                .path("features")
                .valueStream()
                .filter(f -> f.path("geometry").path("type").asString().endsWith("Polygon"))
                .findFirst()
                .orElseThrow();
        var inside = ApiContract.geometry(polygonSite).getInteriorPoint();
        JsonNode answer = http.get(
                        "/api/projects/near?lon=" + inside.getX() + "&lat=" + inside.getY() + "&radius_m=50000&limit=3")
                .json();
        assertThat(answer.path("features").size()).isEqualTo(3);
        JsonNode first = answer.path("features").get(0);
        assertThat(first.path("properties").path("distance_m").asDouble()).isZero();
        JsonNode all = http.get("/api/projects/near?lon=" + inside.getX() + "&lat=" + inside.getY()
                        + "&radius_m=50000&limit=1000")
                .json();
        assertThat(answer.path("features")
                        .valueStream()
                        .map(f -> f.path("id").asString())
                        .toList())
                .isEqualTo(all.path("features")
                        .valueStream()
                        .limit(3)
                        .map(f -> f.path("id").asString())
                        .toList());
        long publicProjects =
                jdbc.queryForObject("SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')", Long.class);
        assertThat(all.path("features").size())
                .as("50 km from the district holds every public project")
                .isEqualTo((int) publicProjects);
    }

    // ---------------------------------------------------------------- zone statistics

    @Test
    void zoneStatisticsCountOnlyPublicProjectsAndAgreeWithPostgis() throws Exception {
        for (String zone : List.of("FLH", "SLCJ", "HJBS", "331004")) {
            Http.Response r = http.get("/api/stats/zones/" + zone);
            assertThat(r.status()).isEqualTo(200);
            JsonNode stats = r.json();
            JsonNode projects = stats.path("projects");
            long expectedCount;
            double expectedInvestment;
            try (PreparedStatement s = reference.prepareStatement(
                    "SELECT COUNT(*), COALESCE(SUM(investment_wan), 0) FROM projects p"
                            + " WHERE stage IN ('开工', '竣工') AND ST_Intersects(p.geom, (SELECT geom FROM zones WHERE code = ?))")) {
                s.setString(1, zone);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    expectedCount = rs.getLong(1);
                    expectedInvestment = rs.getDouble(2);
                }
            }
            assertThat(projects.path("count").asLong()).as(zone).isEqualTo(expectedCount);
            assertThat(projects.path("investment_wan").asDouble()).as(zone).isCloseTo(expectedInvestment, within(0.01));
            for (String breakdown : List.of("by_stage", "by_category")) {
                long count = 0;
                double investment = 0;
                for (JsonNode g : projects.path(breakdown)) {
                    count += g.path("count").asLong();
                    investment += g.path("investment_wan").asDouble();
                    if (breakdown.equals("by_stage")) {
                        assertThat(g.path("stage").asString()).isIn(PUBLIC_STAGES);
                    }
                }
                assertThat(count).as("%s %s", zone, breakdown).isEqualTo(expectedCount);
                assertThat(investment).isCloseTo(expectedInvestment, within(0.01));
            }

            JsonNode parcels = stats.path("parcels");
            double expectedArea;
            long expectedParcels;
            try (PreparedStatement s = reference.prepareStatement("WITH z AS (SELECT geom g FROM zones WHERE code = ?)"
                    + " SELECT COUNT(*), COALESCE(SUM(ST_Area(ST_Intersection(p.geom, z.g)::geography)), 0) FROM parcels p, z"
                    + " WHERE ST_Intersects(p.geom, z.g) AND ST_Area(ST_Intersection(p.geom, z.g)) > 0")) {
                s.setString(1, zone);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    expectedParcels = rs.getLong(1);
                    expectedArea = rs.getDouble(2);
                }
            }
            assertThat(parcels.path("count").asLong()).as(zone).isEqualTo(expectedParcels);
            assertThat(parcels.path("area_m2").asDouble())
                    .as(zone)
                    .isCloseTo(expectedArea, within(expectedArea * 0.001));
            assertGroupsAddUpToTheTotal(
                    parcels, expectedParcels, parcels.path("area_m2").asDouble());

            JsonNode renovation = stats.path("renovation");
            long renovated = 0;
            double renovatedArea = 0;
            for (JsonNode type : renovation.path("by_type")) {
                assertThat(type.path("type").asString()).isIn("改造提升", "盘活置换", "倒逼腾退");
                renovated += type.path("count").asLong();
                renovatedArea += type.path("area_m2").asDouble();
                assertThat(type.path("by_status")
                                .valueStream()
                                .mapToLong(s -> s.path("count").asLong())
                                .sum())
                        .isEqualTo(type.path("count").asLong());
            }
            assertThat(renovated).isEqualTo(renovation.path("count").asLong());
            assertThat(renovatedArea).isCloseTo(renovation.path("area_m2").asDouble(), within(0.01 * (renovated + 1)));
            long expectedRenovated = jdbcCount(zone, "renovation IS NOT NULL");
            assertThat(renovated).as("%s renovation parcels", zone).isEqualTo(expectedRenovated);
        }
    }

    @Test
    void districtStatisticsLeaveOutEveryInternalProject() {
        JsonNode stats = http.get("/api/stats/zones/331004").json();
        long publicProjects =
                jdbc.queryForObject("SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')", Long.class);
        long allProjects = jdbc.queryForObject("SELECT COUNT(*) FROM projects", Long.class);
        assertThat(allProjects).isGreaterThan(publicProjects);
        assertThat(stats.path("projects").path("count").asLong()).isEqualTo(publicProjects);
        double publicInvestment = jdbc.queryForObject(
                "SELECT COALESCE(SUM(investment_wan), 0) FROM projects WHERE stage IN ('开工', '竣工')", Double.class);
        assertThat(stats.path("projects").path("investment_wan").asDouble()).isCloseTo(publicInvestment, within(0.01));
        assertThat(stats.toString()).doesNotContain("谋划").doesNotContain("前期").doesNotContain("招引");
    }

    @Test
    void unknownAndNonPublicZonesAreNotFound() {
        String internal = jdbc.queryForList("SELECT code FROM zones WHERE is_public = FALSE", String.class)
                .get(0);
        for (String zone : List.of(internal, "NO-SUCH-ZONE")) {
            Http.Response r = http.get("/api/stats/zones/" + zone);
            assertThat(r.status()).as(zone).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        Polygon polygon = star(new Random(1), 121.4, 28.57, 0.01, 6);
        Http.Response r =
                http.postJson("/api/analysis/parcels", body(polygon, null, ", \"zone\": \"" + internal + "\""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("parameter").asString()).isEqualTo("zone");
    }

    // ---------------------------------------------------------------- bad input

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.40,28.50],[121.45,28.55],[121.45,28.50],[121.40,28.55],[121.40,28.50]]]}} | geometry | Self-intersection at (121.425, 28.525)",
                "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 28.5]}}                       | geometry | Point",
                "{\"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.4, 28.5], [121.5, 28.6]]}} | geometry | LineString",
                "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4, 28.5], [121.5, 28.6]]]}} | geometry | GeoJSON",
                "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": \"nonsense\"}}                      | geometry | GeoJSON",
                "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[181,28.5],[182,28.5],[182,29],[181,28.5]]]}} | geometry | -180..180",
                "{\"geometry\": {\"coordinates\": [[[121.4,28.5],[121.5,28.5],[121.5,28.6],[121.4,28.5]]]}} | geometry | type",
                "{\"crs\": \"EPSG:9999\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4,28.5],[121.5,28.5],[121.5,28.6],[121.4,28.5]]]}} | crs | EPSG:4549",
                "{\"crs\": 4549, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4,28.5],[121.5,28.5],[121.5,28.6],[121.4,28.5]]]}} | crs | string",
                "{\"landuse\": [\"7\"], \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4,28.5],[121.5,28.5],[121.5,28.6],[121.4,28.5]]]}} | landuse | level 1",
                "{\"status\": [\"sold\"], \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4,28.5],[121.5,28.5],[121.5,28.6],[121.4,28.5]]]}} | status | 已供",
                "{\"zone\": \"NOPE\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4,28.5],[121.5,28.5],[121.5,28.6],[121.4,28.5]]]}} | zone | NOPE",
                "{\"shape\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4,28.5],[121.5,28.5],[121.5,28.6],[121.4,28.5]]]}} | shape | shape",
                "{\"crs\": \"CRS84\"}                                                                          | geometry | required",
                "{\"geometry\": {\"type\": \"Polygon\"                                                           | body     | JSON",
                "[1, 2]                                                                                        | body     | object"
            })
    void badParcelRequestsGetAProblemNamingTheMember(String body, String parameter, String detail) {
        Http.Response r = http.postJson("/api/analysis/parcels", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("parameter").asString()).isEqualTo(parameter);
        assertThat(r.json().path("detail").asString()).contains(detail);
        assertThat(r.body())
                .doesNotContain("Exception")
                .doesNotContain("at luqiao")
                .doesNotContain("SELECT");
    }

    @Test
    void aGeometryWithMoreVerticesThanConfiguredIsRejectedNamingGeometry() {
        Polygon tooMany = star(new Random(2), 121.4, 28.57, 0.01, 20_000); // 20,001 positions with the closing one
        Http.Response r = http.postJson("/api/analysis/parcels", body(tooMany, null, ""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("parameter").asString()).isEqualTo("geometry");
        assertThat(r.json().path("detail").asString())
                .contains("20001 vertices")
                .contains("20000");
        Polygon justEnough = star(new Random(2), 121.4, 28.57, 0.01, 19_999);
        assertThat(http.postJson("/api/analysis/parcels", body(justEnough, null, ""))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aBodyLargerThanConfiguredIsRejectedWith413() {
        String padding = "x".repeat(1_100_000);
        Http.Response r = http.postJson("/api/analysis/parcels", "{\"geometry\": \"" + padding + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(413);
    }

    @ParameterizedTest(name = "{0} -> {1} naming {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/projects/near?lon=121.4&lat=28.5&radius_m=50001      | 400 | radius_m",
                "/api/projects/near?lon=121.4&lat=28.5&radius_m=-1         | 400 | radius_m",
                "/api/projects/near?lon=121.4&lat=28.5&radius_m=far        | 400 | radius_m",
                "/api/projects/near?lon=121.4&lat=28.5&limit=1001          | 400 | limit",
                "/api/projects/near?lon=121.4&lat=28.5&limit=0             | 400 | limit",
                "/api/projects/near?lon=181&lat=28.5                       | 400 | lon",
                "/api/projects/near?lon=121.4&lat=-90.5                    | 400 | lat",
                "/api/projects/near?lat=28.5                               | 400 | lon",
                "/api/stats/zones/NO-SUCH-ZONE                             | 404 | NO-SUCH-ZONE"
            })
    void badQueriesGetAProblem(String path, int status, String named) {
        Http.Response r = http.get(path);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (status == 400) {
            assertThat(r.json().path("parameter").asString()).isEqualTo(named);
        }
        if (named != null) {
            assertThat(r.json().path("detail").asString()).contains(named);
        }
    }

    @Test
    void aBadGeometryFlagIsABadParameter() {
        Polygon polygon = star(new Random(1), 121.4, 28.57, 0.01, 6);
        Http.Response r = http.postJson("/api/analysis/parcels?geometry=perhaps", body(polygon, null, ""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("parameter").asString()).isEqualTo("geometry");
    }

    // ---------------------------------------------------------------- helpers

    private long jdbcCount(String zone, String condition) throws SQLException {
        try (PreparedStatement s = reference.prepareStatement("WITH z AS (SELECT geom g FROM zones WHERE code = ?)"
                + " SELECT COUNT(*) FROM parcels p, z WHERE " + condition
                + " AND ST_Intersects(p.geom, z.g) AND ST_Area(ST_Intersection(p.geom, z.g)) > 0")) {
            s.setString(1, zone);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Parcel number → PostGIS ST_Area(ST_Intersection(parcel, polygon)::geography), parcels sharing area only. */
    private Map<String, Double> referenceIntersections(Geometry polygon, String condition) throws SQLException {
        Map<String, Double> areas = new HashMap<>();
        try (PreparedStatement s =
                reference.prepareStatement("WITH q AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) g)"
                        + " SELECT parcel_no, ST_Area(ST_Intersection(p.geom, q.g)::geography) FROM parcels p, q"
                        + " WHERE ST_Intersects(p.geom, q.g) AND ST_Area(ST_Intersection(p.geom, q.g)) > 0"
                        + (condition == null ? "" : " AND (" + condition + ")"))) {
            s.setString(1, geoJson(polygon));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    areas.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return areas;
    }

    private double referenceArea(Geometry polygon) throws SQLException {
        try (PreparedStatement s =
                reference.prepareStatement("SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography)")) {
            s.setString(1, geoJson(polygon));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private JsonNode analyse(String body) {
        Http.Response r = http.postJson("/api/analysis/parcels", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Count and area of every breakdown (and of the level-2 classes within each level-1 class) add up to the total. */
    private static void assertGroupsAddUpToTheTotal(JsonNode answer, long count, double areaM2) {
        double tolerance = 0.01 * (count + 1);
        for (String breakdown : List.of("by_landuse", "by_status", "by_town")) {
            long n = 0;
            double area = 0;
            for (JsonNode g : answer.path(breakdown)) {
                n += g.path("count").asLong();
                area += g.path("area_m2").asDouble();
                if (breakdown.equals("by_landuse")) {
                    assertThat(g.path("classes")
                                    .valueStream()
                                    .mapToLong(c -> c.path("count").asLong())
                                    .sum())
                            .isEqualTo(g.path("count").asLong());
                    assertThat(g.path("classes")
                                    .valueStream()
                                    .mapToDouble(c -> c.path("area_m2").asDouble())
                                    .sum())
                            .isCloseTo(g.path("area_m2").asDouble(), within(tolerance));
                    assertThat(g.path("area_mu").asDouble())
                            .isCloseTo(g.path("area_m2").asDouble() * 15 / 10000, within(0.0001));
                    assertThat(g.path("area_ha").asDouble())
                            .isCloseTo(g.path("area_m2").asDouble() / 10000, within(0.000001));
                }
            }
            assertThat(n).as(breakdown).isEqualTo(count);
            assertThat(area).as(breakdown).isCloseTo(areaM2, within(tolerance));
        }
    }

    static String body(Geometry geometry, String crs, String more) {
        return "{" + (crs == null ? "" : "\"crs\": \"" + crs + "\", ") + "\"geometry\": " + geoJson(geometry) + more
                + "}";
    }

    private static String geoJson(Geometry g) {
        GeoJsonWriter writer = new GeoJsonWriter(7);
        writer.setEncodeCRS(false);
        return writer.write(g);
    }

    /** A star-shaped (so simple and valid) polygon of n vertices around (lon, lat). */
    static Polygon star(Random random, double lon, double lat, double radius, int n) {
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            double r = radius * (0.4 + 0.6 * random.nextDouble());
            ring[k] = new Coordinate(lon + r * Math.cos(angle), lat + r * Math.sin(angle));
        }
        ring[n] = ring[0];
        return WGS84.createPolygon(ring);
    }

    static Geometry wkb(byte[] bytes) throws Exception {
        return new WKBReader().read(bytes);
    }
}

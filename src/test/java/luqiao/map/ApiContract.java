package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.support.Http;
import luqiao.map.support.PostgisReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read API's contract, run unchanged against each storage backend over real HTTP.
 * Subclasses start the server on their backend and say how to inspect its schema.
 */
abstract class ApiContract extends BackendContract {

    private static final Set<String> KEY_ZONES = Set.of("飞龙湖", "十里长街", "黄礁白沙");

    /** Tables whose geometry column has a spatial index, upper-case. */
    abstract Set<String> spatiallyIndexedTables();

    /** Properties that point a second server instance at a new, empty database of this backend. */
    abstract Map<String, Object> emptyDatabaseProperties();

    @Test
    void zonesListTheThreeKeyZonesWithValidMultiPolygonsAndGroundAreas() {
        Http.Response r = http.get("/api/zones?limit=1000");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        Set<String> names = new HashSet<>();
        for (JsonNode f : r.json().path("features")) {
            names.add(f.path("properties").path("name_zh").asString());
            Geometry g = geometry(f);
            assertThat(g.getGeometryType()).isEqualTo("MultiPolygon");
            assertThat(g.isValid()).as("%s is valid", f.path("id")).isTrue();
            JsonNode p = f.path("properties");
            assertThat(p.path("area_m2").asDouble()).isPositive();
            assertThat(p.path("area_mu").asDouble()).isCloseTo(p.path("area_m2").asDouble() * 15 / 10000, within(0.01));
            assertThat(p.path("area_ha").asDouble()).isCloseTo(p.path("area_m2").asDouble() / 10000, within(0.0001));
        }
        assertThat(names).containsAll(KEY_ZONES).contains("路桥区");
    }

    @Test
    void chineseNamesArriveIntactAsUtf8() {
        Http.Response r = http.get("/api/zones?limit=1000");
        assertThat(r.body()).contains("飞龙湖").contains("十里长街").contains("黄礁白沙").doesNotContain("\\u");
    }

    @Test
    void everyAreaAgreesWithPostgisGeographyWithinOnePerMille() throws Exception {
        try (PostgisReference postgis = new PostgisReference()) {
            for (String layer : List.of("zones?limit=1000", "parcels?limit=300&offset=1000", "projects?limit=1000")) {
                for (JsonNode f : http.get("/api/" + layer).json().path("features")) {
                    String geometry = f.path("geometry").toString();
                    double expected = postgis.areaM2(geometry);
                    double area = f.path("properties").path("area_m2").asDouble();
                    assertThat(area)
                            .as("area of %s", f.path("id"))
                            .isCloseTo(expected, within(Math.max(expected * 0.001, 0.01)));
                    if (f.path("properties").has("length_m")) {
                        double length = postgis.lengthM(geometry);
                        assertThat(f.path("properties").path("length_m").asDouble())
                                .isCloseTo(length, within(Math.max(length * 0.001, 0.01)));
                    }
                }
            }
        }
    }

    @Test
    void zonesAtAPointInsideFeilongLakeReturnIt() {
        Geometry feilong = geometry(zoneNamed("飞龙湖"));
        Point inside = feilong.getInteriorPoint();
        Http.Response r = http.get("/api/zones/at?lon=" + inside.getX() + "&lat=" + inside.getY());
        assertThat(r.status()).isEqualTo(200);
        List<String> names = r.json()
                .path("features")
                .valueStream()
                .map(f -> f.path("properties").path("name_zh").asString())
                .toList();
        assertThat(names).contains("飞龙湖", "路桥区");
        assertThat(names.get(0)).as("the smallest zone comes first").isEqualTo("飞龙湖");
    }

    @Test
    void zonesAtAPointOutsideTheDistrictReturnNone() {
        Http.Response r = http.get("/api/zones/at?lon=120.0&lat=30.0");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("features").size()).isZero();
    }

    @Test
    void bboxReturnsExactlyTheParcelsThatIntersectIt() {
        Envelope box = geometry(zoneNamed("十里长街")).getEnvelopeInternal();
        String bbox = box.getMinX() + "," + box.getMinY() + "," + box.getMaxX() + "," + box.getMaxY();
        JsonNode page = http.get("/api/parcels?limit=10000&bbox=" + bbox).json();
        long total =
                http.get("/api/parcels?limit=1").json().path("numberMatched").asLong();
        assertThat(page.path("numberReturned").asInt())
                .isPositive()
                .isEqualTo(page.path("features").size());
        assertThat(page.path("numberMatched").asLong())
                .isEqualTo(page.path("numberReturned").asLong())
                .isLessThan(total);
        Geometry boxGeometry = new org.locationtech.jts.geom.GeometryFactory().toGeometry(box);
        for (JsonNode f : page.path("features")) {
            assertThat(geometry(f).intersects(boxGeometry))
                    .as("%s intersects the box", f.path("id"))
                    .isTrue();
        }
        long expected = jdbc.queryForList("SELECT ST_AsBinary(geom) FROM parcels", byte[].class).stream()
                .map(BackendContract::wkb)
                .filter(g -> g.intersects(boxGeometry))
                .count();
        assertThat(page.path("numberMatched").asLong()).isEqualTo(expected);
    }

    @Test
    void pagingWithNextLinksVisitsEveryParcelOnce() {
        Set<String> ids = new HashSet<>();
        String next = "/api/parcels?limit=1000";
        long matched = -1;
        int pages = 0;
        while (next != null) {
            JsonNode page = http.get(next).json();
            matched = page.path("numberMatched").asLong();
            page.path("features").forEach(f -> assertThat(ids.add(f.path("id").asString()))
                    .as("seen once")
                    .isTrue());
            next = page.path("links")
                    .valueStream()
                    .filter(l -> l.path("rel").asString().equals("next"))
                    .map(l -> l.path("href").asString())
                    .findFirst()
                    .orElse(null);
            pages++;
        }
        assertThat(pages).isGreaterThan(3);
        assertThat(ids).hasSize((int) matched);
        assertThat(matched)
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM parcels", Long.class))
                .isGreaterThanOrEqualTo(3000);
    }

    @Test
    void oneFeatureByIdMatchesTheListEntry() {
        JsonNode first =
                http.get("/api/parcels?limit=1").json().path("features").get(0);
        Http.Response r = http.get("/api/parcels/" + first.path("id").asString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(first);
    }

    @Test
    void theShippedDataSetIsLoadedCompletely() throws Exception {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM zones", Integer.class))
                .isEqualTo(shipped("zones"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM projects", Integer.class))
                .isEqualTo(shipped("projects"))
                .isGreaterThanOrEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcels", Integer.class))
                .isEqualTo(shipped("parcels"))
                .isGreaterThanOrEqualTo(3000);
        assertThat(jdbc.queryForList("SELECT DISTINCT stage FROM projects", String.class))
                .containsExactlyInAnyOrder("谋划", "前期", "招引", "开工", "竣工");
        assertThat(jdbc.queryForList("SELECT DISTINCT category FROM projects", String.class))
                .containsExactlyInAnyOrder("产业转型", "城市提能", "民生优享", "绿色生态");
    }

    @Test
    void everyGeometryColumnHasASpatialIndex() {
        assertThat(spatiallyIndexedTables()).contains("ZONES", "PROJECTS", "PARCELS");
    }

    @Test
    void aProjectsZoneIsDerivedFromWhereItLies() {
        Geometry feilong = geometry(zoneNamed("飞龙湖"));
        String code = zoneNamed("飞龙湖").path("id").asString();
        int checked = 0;
        for (JsonNode f : http.get("/api/projects?limit=1000").json().path("features")) {
            Geometry site = geometry(f);
            if (feilong.contains(site)) {
                assertThat(f.path("properties").path("zone").asString())
                        .as("zone of %s", f.path("id"))
                        .isEqualTo(code);
                checked++;
            }
        }
        assertThat(checked).as("public projects inside 飞龙湖").isPositive();
    }

    @Test
    void thePublicSeesNoInternalProjectZoneOrField() {
        for (JsonNode f : http.get("/api/projects?limit=1000").json().path("features")) {
            assertThat(f.path("properties").path("stage").asString()).isIn("开工", "竣工");
        }
        long publicProjects =
                jdbc.queryForObject("SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')", Long.class);
        assertThat(http.get("/api/projects?limit=1")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(publicProjects);
        for (JsonNode f : http.get("/api/zones?limit=1000").json().path("features")) {
            assertThat(f.path("properties").path("public").asBoolean()).isTrue();
        }
        String internalZone = jdbc.queryForList("SELECT code FROM zones WHERE is_public = FALSE", String.class)
                .get(0);
        assertThat(http.get("/api/zones/" + internalZone).status()).isEqualTo(404);
        String internalProject = jdbc.queryForList("SELECT code FROM projects WHERE stage = '谋划'", String.class)
                .get(0);
        assertThat(http.get("/api/projects/" + internalProject).status()).isEqualTo(404);
        Http.Response parcels = http.get("/api/parcels?limit=50");
        assertThat(parcels.json().path("features").get(0).path("properties").has("owner"))
                .isFalse();
        assertThat(parcels.body()).doesNotContain("\"owner\"");
    }

    /** Issue #13: /api/{layer} refuses what it does not read, instead of answering as if no filter had been asked for. */
    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/parcels?filter=x                              | filter",
                "/api/parcels?limit=5&filter=status%3D%27%E5%87%BA%E8%AE%A9%27 | filter",
                "/api/projects?limit=1&sortby=name_zh               | sortby",
                "/api/zones?properties=name_zh&f=json               | f",
                "/api/parcels?_=1700000000                          | _"
            })
    void unsupportedParametersOfTheFeatureApiAreRefusedByName(String path, String named) {
        Http.Response r = http.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("parameter").asString()).isEqualTo(named);
        assertThat(r.json().path("detail").asString()).contains("'" + named + "'");
        assertThat(r.body()).doesNotContain("features");
        assertThat(http.get("/api/parcels?limit=2&offset=1&bbox=121.3,28.5,121.4,28.6")
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/projects?limit=1&asOf=2024-01-01").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} -> {1} naming {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/parcels?bbox=121.3,28.5,121.4        | 400 | bbox",
                "/api/parcels?bbox=121.3,28.6,121.4,28.5   | 400 | bbox",
                "/api/parcels?bbox=121.3,28.5,121.4,95     | 400 | bbox",
                "/api/parcels?bbox=a,b,c,d                 | 400 | bbox",
                "/api/parcels?limit=abc                    | 400 | limit",
                "/api/parcels?limit=0                      | 400 | limit",
                "/api/parcels?limit=10001                  | 400 | limit",
                "/api/parcels?offset=-1                    | 400 | offset",
                "/api/zones/at?lon=181&lat=28.5            | 400 | lon",
                "/api/zones/at?lon=121.4&lat=-91           | 400 | lat",
                "/api/zones/at?lon=121.4                   | 400 | lat",
                "/api/zones/at?lon=east&lat=28.5           | 400 | lon",
                "/api/roads                                | 404 | roads",
                "/api/parcels/NO-SUCH-PARCEL               | 404 | NO-SUCH-PARCEL"
            })
    void badInputGetsAProblemThatNamesTheParameter(String path, int status, String named) {
        Http.Response r = http.get(path);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).contains(named);
        assertThat(r.body())
                .doesNotContain("Exception")
                .doesNotContain("at luqiao")
                .doesNotContain("SELECT");
    }

    @Test
    void aRestartNeitherLoadsTheDataTwiceNorOverwritesAnEdit() throws Exception {
        Map<String, Object> database = emptyDatabaseProperties();
        try (ConfigurableApplicationContext first = start(database)) {
            JdbcTemplate db = first.getBean(JdbcTemplate.class);
            db.update("UPDATE zones SET name_en = ? WHERE name_zh = ?", "Feilong Lake (edited)", "飞龙湖");
        }
        try (ConfigurableApplicationContext second = start(database)) {
            JdbcTemplate db = second.getBean(JdbcTemplate.class);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM parcels", Integer.class))
                    .isEqualTo(shipped("parcels"));
            assertThat(db.queryForObject("SELECT name_en FROM zones WHERE name_zh = ?", String.class, "飞龙湖"))
                    .isEqualTo("Feilong Lake (edited)");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // As command-line arguments, so they outrank application.yml as they would for a user.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(MapApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }

    private static int shipped(String layer) throws Exception {
        try (InputStream in = new ClassPathResource("gis-data/" + layer + ".geojson").getInputStream()) {
            return JsonMapper.builder().build().readTree(in).path("features").size();
        }
    }
}

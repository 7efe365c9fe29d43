package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import luqiao.map.support.Caller;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import tools.jackson.databind.JsonNode;

/**
 * Issue #19, what QGIS needs of OGC API – Features, over real HTTP on each backend: the projects of each
 * geometry type as a collection of their own (QGIS types a layer by its first features), the vendor
 * parameter {@code datetime-property} (QGIS 3.22 turns date comparisons into {@code datetime}) with the
 * standard meaning of {@code datetime} kept, and the extra query parameters QGIS adds to every request.
 * The PyQGIS run itself is {@link PyQgisContract}.
 */
abstract class OgcForQgisContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final List<String> FAMILIES = List.of("projects_points", "projects_lines", "projects_polygons");
    /** The JTS geometry types of each family's collection. */
    static final Map<String, Set<String>> TYPES = Map.of(
            "projects_points", Set.of("Point", "MultiPoint"),
            "projects_lines", Set.of("LineString", "MultiLineString"),
            "projects_polygons", Set.of("Polygon", "MultiPolygon"));

    @Test
    void everyProjectIsInExactlyOneGeometryTypeCollectionForEveryAudience() {
        for (Caller caller : List.of(Caller.anonymous(port), new Caller(port, ADMIN))) {
            Map<String, JsonNode> projects = features(caller, "projects", "");
            Set<String> seen = new HashSet<>();
            for (String family : FAMILIES) {
                Map<String, JsonNode> members = features(caller, family, "");
                assertThat(members).as(family).isNotEmpty();
                for (JsonNode f : members.values()) {
                    assertThat(TYPES.get(family))
                            .as(family)
                            .contains(geometry(f).getGeometryType());
                    assertThat(f)
                            .as("%s is the same feature as in projects", f.path("id"))
                            .isEqualTo(projects.get(f.path("id").asString()));
                    assertThat(seen.add(f.path("id").asString()))
                            .as("%s is in one family only", f.path("id"))
                            .isTrue();
                }
            }
            assertThat(seen).as("the families add up to the projects").isEqualTo(projects.keySet());
        }
        // The database's own view: the public (开工/竣工, live) projects per geometry type.
        Map<Integer, Long> byDimension = new HashMap<>();
        jdbc.queryForList(
                        "SELECT ST_AsBinary(geom) FROM projects WHERE deleted_at IS NULL AND stage IN ('开工', '竣工')",
                        byte[].class)
                .forEach(wkb -> byDimension.merge(wkb(wkb).getDimension(), 1L, Long::sum));
        for (int i = 0; i < FAMILIES.size(); i++) {
            assertThat(matched(Caller.anonymous(port), FAMILIES.get(i), ""))
                    .as(FAMILIES.get(i))
                    .isEqualTo(byDimension.getOrDefault(i, 0L));
        }
    }

    @Test
    void theGeometryTypeCollectionsAreListedWithChineseAndEnglishTitlesAndTheirOwnLinks() {
        JsonNode collections = http.get("/ogc/collections").json().path("collections");
        assertThat(collections.valueStream().map(c -> c.path("id").asString()))
                .containsExactly(
                        "zones", "projects", "projects_points", "projects_lines", "projects_polygons", "parcels");
        Map<String, String> titles = Map.of(
                "projects_points", "项目（点）Project sites: points",
                "projects_lines", "项目（线）Project sites: lines",
                "projects_polygons", "项目（面）Project sites: polygons");
        Envelope all = extent(http.get("/ogc/collections/projects").json());
        JsonNode projectsQueryables =
                http.get("/ogc/collections/projects/queryables").json().path("properties");
        for (String id : FAMILIES) {
            JsonNode c = http.get("/ogc/collections/" + id).json();
            assertThat(c.path("id").asString()).isEqualTo(id);
            assertThat(c.path("title").asString()).isEqualTo(titles.get(id));
            assertThat(c.path("description").asString()).contains("QGIS");
            for (JsonNode link : c.path("links")) {
                if (link.path("href").asString().contains("/ogc/collections/")) {
                    assertThat(link.path("href").asString())
                            .as("%s links stay in the collection", id)
                            .contains("/ogc/collections/" + id);
                }
            }
            Envelope extent = extent(c);
            assertThat(all.contains(extent))
                    .as("%s extent %s within %s", id, extent, all)
                    .isTrue();
            JsonNode queryables =
                    http.get("/ogc/collections/" + id + "/queryables").json();
            assertThat(queryables.path("$id").asString()).endsWith("/ogc/collections/" + id + "/queryables");
            assertThat(queryables.path("properties")).isEqualTo(projectsQueryables);
            assertThat(http.get("/ogc/collections/" + id + "/items?f=html").body())
                    .contains(titles.get(id));
        }
        JsonNode api = http.get("/ogc/api").json();
        assertThat(api.at("/components/parameters/collectionId/schema/enum")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly(
                        "zones", "projects", "projects_points", "projects_lines", "projects_polygons", "parcels");
    }

    @Test
    void aGeometryTypeCollectionPagesFiltersAndTransformsLikeItsLayer() {
        Caller anonymous = Caller.anonymous(port);
        Map<String, JsonNode> points = features(anonymous, "projects_points", "");
        // Paging: next links visit every point once.
        Set<String> paged = new HashSet<>();
        String next = "/ogc/collections/projects_points/items?limit=5";
        while (next != null) {
            JsonNode page = anonymous.get(next).json();
            assertThat(page.path("numberMatched").asLong()).isEqualTo(points.size());
            page.path("features")
                    .forEach(f -> assertThat(paged.add(f.path("id").asString())).isTrue());
            next = page.path("links")
                    .valueStream()
                    .filter(l -> l.path("rel").asString().equals("next"))
                    .map(l -> l.path("href").asString().replace("http://localhost:" + port, ""))
                    .findFirst()
                    .orElse(null);
        }
        assertThat(paged).isEqualTo(points.keySet());

        Map<String, JsonNode> lines = features(anonymous, "projects_lines", "");
        Envelope box = extent(anonymous.get("/ogc/collections/projects_lines").json());
        Envelope west = new Envelope(box.getMinX(), (box.getMinX() + box.getMaxX()) / 2, box.getMinY(), box.getMaxY());
        Geometry westBox = new GeometryFactory().toGeometry(west);
        String bbox = west.getMinX() + "," + west.getMinY() + "," + west.getMaxX() + "," + west.getMaxY();
        assertThat(features(anonymous, "projects_lines", "&bbox=" + bbox).keySet())
                .as("bbox")
                .isEqualTo(ids(lines, f -> geometry(f).intersects(westBox)));

        Map<String, JsonNode> polygons = features(anonymous, "projects_polygons", "");
        assertThat(features(anonymous, "projects_polygons", "&filter=" + enc("stage = '开工'"))
                        .keySet())
                .as("filter")
                .isEqualTo(ids(
                        polygons,
                        f -> f.path("properties").path("stage").asString().equals("开工")));

        assertThat(features(anonymous, "projects_points", "&datetime=2024-01-01/2024-12-31")
                        .keySet())
                .as("datetime, the standard meaning: the time span meets the interval")
                .isEqualTo(ids(points, f -> spanMeets(f, "2024-01-01", "2024-12-31")));

        Caller.Answer projected = anonymous.get("/ogc/collections/projects_polygons/items?limit=1&crs="
                + enc("http://www.opengis.net/def/crs/EPSG/0/4549"));
        assertThat(projected.status()).isEqualTo(200);
        assertThat(projected.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/4549>");
        assertThat(geometry(projected.json().path("features").get(0)).getCoordinate().x)
                .as("northing first in EPSG:4549")
                .isGreaterThan(3_000_000);

        String point = points.keySet().iterator().next();
        String line = lines.keySet().iterator().next();
        assertThat(anonymous
                        .get("/ogc/collections/projects_points/items/" + point)
                        .status())
                .isEqualTo(200);
        Caller.Answer elsewhere = anonymous.get("/ogc/collections/projects_points/items/" + line);
        assertThat(elsewhere.status()).as("a line is no feature of the points").isEqualTo(404);
        assertThat(elsewhere.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous
                        .get("/ogc/collections/projects_lines/items/" + line)
                        .status())
                .isEqualTo(200);
        assertThat(anonymous.get("/ogc/collections/zones_points").status()).isEqualTo(404);
    }

    @Test
    void theGeometryTypeCollectionsKeepTheAudienceRulesAndAreReadOnly() {
        Set<String> internal = new HashSet<>(jdbc.queryForList(
                "SELECT code FROM projects WHERE deleted_at IS NULL AND stage NOT IN ('开工', '竣工')", String.class));
        assertThat(internal).isNotEmpty();
        Caller anonymous = Caller.anonymous(port);
        Caller admin = new Caller(port, ADMIN);
        Set<String> seenByStaff = new HashSet<>();
        for (String family : FAMILIES) {
            assertThat(features(anonymous, family, "").keySet())
                    .as("the public sees no internal project among the %s", family)
                    .doesNotContainAnyElementsOf(internal);
            Map<String, JsonNode> staff = features(admin, family, "");
            seenByStaff.addAll(staff.keySet());
            for (String code : staff.keySet()) {
                if (internal.contains(code)) {
                    assertThat(anonymous
                                    .get("/ogc/collections/" + family + "/items/" + code)
                                    .status())
                            .as("%s asks for the internal %s", family, code)
                            .isEqualTo(404);
                }
            }
        }
        assertThat(seenByStaff).as("staff see the internal projects by type").containsAll(internal);

        String point =
                features(admin, "projects_points", "").keySet().iterator().next();
        long version = jdbc.queryForObject("SELECT version FROM projects WHERE code = ?", Long.class, point);
        String body = "{\"type\":\"Feature\",\"properties\":{\"name_zh\":\"改名\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.45,28.55]}}";
        for (String[] write : List.of(
                new String[] {"POST", "/ogc/collections/projects_points/items"},
                new String[] {"PUT", "/ogc/collections/projects_points/items/" + point},
                new String[] {"PATCH", "/ogc/collections/projects_points/items/" + point},
                new String[] {"DELETE", "/ogc/collections/projects_points/items/" + point})) {
            assertThat(admin.send(write[0], write[1], write[0].equals("DELETE") ? null : body)
                            .status())
                    .as("%s %s", write[0], write[1])
                    .isIn(403, 404, 405);
        }
        assertThat(jdbc.queryForObject("SELECT version FROM projects WHERE code = ?", Long.class, point))
                .isEqualTo(version);
    }

    @Test
    void datetimePropertyMakesDatetimeTestThatOneDateAndTheSpanStaysTheDefault() {
        Caller anonymous = Caller.anonymous(port);
        Map<String, JsonNode> projects = features(anonymous, "projects", "");
        // What QGIS 3.22 sends for "planned_start" >= '2024-01-01': its dummy upper end.
        String qgisFrom = enc("2024-01-01/9999-12-31T00:00:00Z");
        assertThat(features(anonymous, "projects", "&datetime=" + qgisFrom + "&datetime-property=planned_start")
                        .keySet())
                .isEqualTo(ids(projects, f -> date(f, "planned_start").compareTo("2024-01-01") >= 0))
                .isNotEmpty();
        assertThat(features(anonymous, "projects", "&datetime=" + qgisFrom).keySet())
                .as("without the vendor parameter datetime keeps its standard meaning")
                .isEqualTo(ids(projects, f -> spanMeets(f, "2024-01-01", "9999-12-31")));
        for (String property : List.of("planned_start", "planned_finish", "actual_start", "actual_finish")) {
            // ... and its dummy lower end for "<=".
            assertThat(features(
                                    anonymous,
                                    "projects",
                                    "&datetime=" + enc("0000-01-01T00:00:00Z/2024-06-30") + "&datetime-property="
                                            + property)
                            .keySet())
                    .as("%s <= 2024-06-30", property)
                    .isEqualTo(ids(
                            projects,
                            f -> !date(f, property).isEmpty()
                                    && date(f, property).compareTo("2024-06-30") <= 0));
            assertThat(features(anonymous, "projects", "&datetime=2024-03-01/2024-09-30&datetime-property=" + property)
                            .keySet())
                    .as("%s in an interval, ends included", property)
                    .isEqualTo(ids(
                            projects,
                            f -> date(f, property).compareTo("2024-03-01") >= 0
                                    && date(f, property).compareTo("2024-09-30") <= 0));
        }
        String day = projects.values().stream()
                .map(f -> date(f, "planned_start"))
                .filter(d -> !d.isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(features(anonymous, "projects", "&datetime=" + day + "&datetime-property=planned_start")
                        .keySet())
                .as("an instant is that day")
                .isEqualTo(ids(projects, f -> date(f, "planned_start").equals(day)));
        assertThat(features(anonymous, "projects_points", "&datetime=" + qgisFrom + "&datetime-property=planned_start")
                        .keySet())
                .as("on a geometry type collection too")
                .isEqualTo(ids(
                        features(anonymous, "projects_points", ""),
                        f -> date(f, "planned_start").compareTo("2024-01-01") >= 0));

        for (String bad : List.of("name_zh", "zone", "nosuch", "PLANNED_START", "")) {
            Caller.Answer refused =
                    anonymous.get("/ogc/collections/projects/items?datetime=2024-01-01&datetime-property=" + enc(bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("parameter").asString()).isEqualTo("datetime-property");
            assertThat(refused.json().path("detail").asString()).contains("planned_start");
        }
        // A collection without dates accepts it, so one QGIS connection URL serves every collection.
        Caller.Answer parcels = anonymous.get("/ogc/collections/parcels/items?limit=1&datetime-property=planned_start");
        assertThat(parcels.status()).isEqualTo(200);
        assertThat(parcels.json().path("numberMatched").asLong()).isPositive();
        assertThat(anonymous
                        .get("/ogc/collections/parcels/items?datetime=2024-01-01&datetime-property=planned_start")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .as("undated features never meet a datetime")
                .isZero();
    }

    @Test
    void theQueryOfAQgisLayerUrlReachesEveryResourceWithoutBreakingIt() {
        String extra = "datetime-property=planned_start";
        String point = features(Caller.anonymous(port), "projects_points", "")
                .keySet()
                .iterator()
                .next();
        for (String path : List.of(
                "/ogc",
                "/ogc/api",
                "/ogc/conformance",
                "/ogc/collections",
                "/ogc/collections/projects_points",
                "/ogc/collections/projects_points/queryables",
                "/ogc/collections/projects_points/items?limit=10",
                "/ogc/collections/projects_points/items/" + point,
                "/ogc/collections/parcels/items?limit=10")) {
            String url = path + (path.contains("?") ? "&" : "?") + extra;
            assertThat(http.get(url).status()).as(url).isEqualTo(200);
        }
        // Metadata resources read only what they know; items still refuse a parameter they do not know.
        for (String path : List.of("/ogc", "/ogc/api", "/ogc/collections", "/ogc/collections/projects_points")) {
            assertThat(http.get(path + "?" + extra + "&token=x").status())
                    .as(path)
                    .isEqualTo(200);
        }
        assertThat(http.get("/ogc/collections/projects_points/items?" + extra + "&token=x")
                        .status())
                .isEqualTo(400);
        JsonNode parameter = http.get("/ogc/api").json().at("/components/parameters/datetime-property");
        assertThat(parameter.path("in").asString()).isEqualTo("query");
    }

    @Test
    void dateQueryablesSayFormatDateAndTheCql2FilterNewerQgisSendsAgrees() {
        JsonNode properties =
                http.get("/ogc/collections/projects_points/queryables").json().path("properties");
        for (String date : List.of("planned_start", "planned_finish", "actual_start", "actual_finish")) {
            assertThat(properties.path(date).path("type").asString()).isEqualTo("string");
            assertThat(properties.path(date).path("format").asString()).isEqualTo("date");
        }
        // QGIS 3.30 and newer compile "planned_start" >= '2024-01-01' with these queryables into CQL2 text.
        Caller anonymous = Caller.anonymous(port);
        assertThat(features(
                                anonymous,
                                "projects",
                                "&filter-lang=cql2-text&filter=" + enc("(planned_start >= DATE('2024-01-01'))"))
                        .keySet())
                .isEqualTo(features(
                                anonymous,
                                "projects",
                                "&datetime=" + enc("2024-01-01/9999-12-31T00:00:00Z")
                                        + "&datetime-property=planned_start")
                        .keySet());
    }

    /** Every feature of the collection the caller may see (one page), by id; {@code query} starts with {@code &}. */
    Map<String, JsonNode> features(Caller caller, String collection, String query) {
        Caller.Answer a = caller.get("/ogc/collections/" + collection + "/items?limit=10000" + query);
        assertThat(a.status()).as("%s%s: %s", collection, query, a.text()).isEqualTo(200);
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        a.json().path("features").forEach(f -> byId.put(f.path("id").asString(), f));
        assertThat(a.json().path("numberMatched").asLong()).isEqualTo(byId.size());
        return byId;
    }

    long matched(Caller caller, String collection, String query) {
        return caller.get("/ogc/collections/" + collection + "/items?limit=1" + query)
                .json()
                .path("numberMatched")
                .asLong();
    }

    static Set<String> ids(Map<String, JsonNode> features, Predicate<JsonNode> test) {
        Set<String> ids = new HashSet<>();
        features.forEach((id, f) -> {
            if (test.test(f)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The date property as text, "" when it is not set. */
    static String date(JsonNode feature, String property) {
        JsonNode value = feature.path("properties").path(property);
        return value.isNull() || value.isMissingNode() ? "" : value.asString();
    }

    /** The catalog's time span (actual, else planned, start to finish; no finish: open) meets [from, to]. */
    static boolean spanMeets(JsonNode f, String from, String to) {
        String start = first(date(f, "actual_start"), date(f, "planned_start"));
        String end = first(date(f, "actual_finish"), date(f, "planned_finish"));
        return !start.isEmpty() && start.compareTo(to) <= 0 && (end.isEmpty() || end.compareTo(from) >= 0);
    }

    private static String first(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    static Envelope extent(JsonNode collection) {
        JsonNode b = collection.path("extent").path("spatial").path("bbox").get(0);
        List<Double> v = new ArrayList<>();
        b.forEach(n -> v.add(n.asDouble()));
        return new Envelope(v.get(0), v.get(2), v.get(1), v.get(3));
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

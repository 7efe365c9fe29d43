package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import luqiao.map.support.Caller;
import luqiao.map.support.PyQgis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #19 with QGIS 3.22 itself as the client (PyQGIS, provider OAPIF, headless), on each backend:
 * every project drawn from the per-geometry-type collections with the server's counts, a date filter
 * made in QGIS answered with the right projects, staff signed in by Basic or by an API token through
 * QGIS's "ESRI token" method, and a refused credential leaving the layer invalid. The expected numbers
 * come from the server's own API answers for the same audience. The map QGIS draws is saved under
 * target/screenshots/.
 */
abstract class PyQgisContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final String DATE_FILTER = "\"planned_start\" >= '2024-01-01'";

    @Test
    void qgisDrawsEveryProjectFromTheGeometryTypeCollectionsWithTheServersCounts() throws Exception {
        Path png = Path.of("target", "screenshots", "qgis-projects-" + backend() + ".png")
                .toAbsolutePath();
        Files.deleteIfExists(png);
        Map<String, Object> plan = plan(
                null,
                List.of(
                        layer("points", "projects_points"),
                        layer("lines", "projects_lines"),
                        layer("polygons", "projects_polygons"),
                        layer("zones", "zones", "outline", true)));
        plan.put(
                "render",
                Map.of(
                        "png",
                        png.toString(),
                        "layers",
                        List.of("zones", "polygons", "lines", "points"),
                        "size",
                        List.of(1000, 700)));
        JsonNode qgis = PyQgis.run(plan);

        Caller anonymous = Caller.anonymous(port);
        Map<String, String> types = Map.of("points", "Point", "lines", "LineString", "polygons", "Polygon");
        long sum = 0;
        for (Map.Entry<String, String> e : types.entrySet()) {
            JsonNode layer = qgis.path("layers").path(e.getKey());
            assertThat(layer.path("valid").asBoolean())
                    .as("%s: %s", e.getKey(), layer)
                    .isTrue();
            assertThat(layer.path("geometryType").asString()).as(e.getKey()).endsWith(e.getValue());
            long served = matched(anonymous, "projects_" + e.getKey(), "");
            assertThat(layer.path("count").asLong())
                    .as("%s in QGIS and on the server", e.getKey())
                    .isEqualTo(served);
            sum += served;
            assertThat(qgis.path("pixels").path(e.getKey()).asLong())
                    .as("QGIS draws the %s", e.getKey())
                    .isGreaterThan(100);
        }
        assertThat(sum).as("every project is drawn").isEqualTo(matched(anonymous, "projects", ""));
        assertThat(qgis.path("saved").asBoolean()).isTrue();
        assertThat(Files.size(png)).isPositive();
        assertThat(qgis.path("requests").valueStream().map(JsonNode::asString))
                .as("QGIS pages the collections 1,000 at a time")
                .contains(url("/ogc/collections/projects_points/items?limit=1000"));
    }

    @Test
    void aDateFilterMadeInQgisGivesTheProjectsTheServerHolds() throws Exception {
        String dated = url("/ogc?datetime-property=planned_start");
        JsonNode qgis = PyQgis.run(plan(
                null,
                List.of(
                        layer("dated", "projects", "url", dated, "subset", DATE_FILTER),
                        layer("datedPoints", "projects_points", "url", dated, "subset", DATE_FILTER),
                        layer("standard", "projects", "subset", DATE_FILTER))));

        Caller anonymous = Caller.anonymous(port);
        long expected = count(anonymous, "projects");
        long expectedPoints = count(anonymous, "projects_points");
        assertThat(expected).isPositive().isLessThan(matched(anonymous, "projects", ""));
        assertThat(qgis.path("layers").path("dated").path("count").asLong())
                .as("%s with ?datetime-property=planned_start: %s", DATE_FILTER, qgis.path("layers"))
                .isEqualTo(expected);
        assertThat(qgis.path("layers").path("datedPoints").path("count").asLong())
                .isEqualTo(expectedPoints);
        assertThat(qgis.path("requests").valueStream().map(JsonNode::asString))
                .as("QGIS sends the filter to the server, with the property from its layer URL")
                .anySatisfy(u -> assertThat(u)
                        .contains("/ogc/collections/projects/items?")
                        .contains("datetime=2024-01-01")
                        .contains("datetime-property=planned_start"));
        // Without the vendor parameter the server keeps the standard meaning (the time span), which is
        // not what QGIS 3.22 meant: the README's reason for the parameter.
        String qgisInterval = "&datetime=2024-01-01%2F9999-12-31T00:00:00Z";
        assertThat(qgis.path("layers").path("standard").path("count").asLong())
                .isEqualTo(matched(anonymous, "projects", qgisInterval))
                .isNotEqualTo(expected);
    }

    @Test
    void landStaffSignedInWithBasicOrAnEsriTokenSeeParcelOwnersInQgis() throws Exception {
        String name = landStaff();
        Caller staff = new Caller(port, name + ":correct-horse-battery");
        Caller.Answer issued = staff.send("POST", "/api/me/tokens", "{\"name\":\"qgis\"}");
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String token = issued.json().path("token").asString();

        JsonNode anonymous = PyQgis.run(plan(null, List.of(layer("parcels", "parcels", "count", false))));
        assertThat(anonymous
                        .path("layers")
                        .path("parcels")
                        .path("fields")
                        .valueStream()
                        .map(JsonNode::asString))
                .contains("landuse_code")
                .doesNotContain("owner");

        for (Map<String, Object> auth : List.of(
                Map.<String, Object>of("method", "Basic", "username", name, "password", "correct-horse-battery"),
                Map.<String, Object>of("method", "EsriToken", "token", token))) {
            JsonNode qgis = PyQgis.run(plan(
                    auth,
                    List.of(
                            layer("parcels", "parcels", "count", false),
                            layer("points", "projects_points"),
                            layer("lines", "projects_lines"),
                            layer("polygons", "projects_polygons"))));
            assertThat(qgis.path("layers")
                            .path("parcels")
                            .path("fields")
                            .valueStream()
                            .map(JsonNode::asString))
                    .as("%s: %s", auth.get("method"), qgis.path("layers"))
                    .contains("owner");
            for (String family : List.of("points", "lines", "polygons")) {
                assertThat(qgis.path("layers").path(family).path("count").asLong())
                        .as("%s, %s", auth.get("method"), family)
                        .isEqualTo(matched(staff, "projects_" + family, ""));
            }
        }
    }

    @Test
    void aCredentialTheServerRefusesLeavesTheQgisLayerInvalid() throws Exception {
        String name = landStaff();
        for (Map<String, Object> auth : List.of(
                Map.<String, Object>of("method", "Basic", "username", name, "password", "not-the-password"),
                Map.<String, Object>of("method", "EsriToken", "token", "lq_" + "x".repeat(43)))) {
            JsonNode qgis = PyQgis.run(plan(auth, List.of(layer("parcels", "parcels", "count", false))));
            assertThat(qgis.path("layers").path("parcels").path("valid").asBoolean())
                    .as("%s: %s", auth.get("method"), qgis)
                    .isFalse();
            assertThat(qgis.path("messages").valueStream().map(JsonNode::asString))
                    .as("Qt's words for a 401")
                    .anySatisfy(m -> assertThat(m).contains("requires authentication"));
        }
    }

    /** A plan for the script: the service URL, the credential (or null) and the layers. */
    private Map<String, Object> plan(Map<String, Object> auth, List<Map<String, Object>> layers) {
        Map<String, Object> plan = new HashMap<>();
        plan.put("base", url("/ogc"));
        plan.put("auth", auth);
        plan.put("layers", layers);
        return plan;
    }

    /** A layer of the plan: its key, collection and options as name, value pairs. */
    private static Map<String, Object> layer(String key, String typename, Object... options) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("key", key);
        layer.put("typename", typename);
        for (int i = 0; i < options.length; i += 2) {
            layer.put((String) options[i], options[i + 1]);
        }
        return layer;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The backend's name, for file names: the enclosing contract suite (H2gis…, Postgis…). */
    private String backend() {
        return getClass().getEnclosingClass().getSimpleName().replace("ApiContractTest", "");
    }

    private String landStaff() {
        String name = "qgis-" + UUID.randomUUID().toString().substring(0, 8);
        Caller.Answer created = new Caller(port, ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name
                                + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"LAND_STAFF\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    private static long matched(Caller caller, String collection, String query) {
        Caller.Answer a = caller.get("/ogc/collections/" + collection + "/items?limit=1" + query);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json().path("numberMatched").asLong();
    }

    /** The collection's features whose planned_start is 2024-01-01 or later, counted from the API without datetime. */
    private static long count(Caller caller, String collection) {
        List<String> starts = new ArrayList<>();
        caller.get("/ogc/collections/" + collection + "/items?limit=10000")
                .json()
                .path("features")
                .forEach(f -> {
                    JsonNode start = f.path("properties").path("planned_start");
                    starts.add(start.isString() ? start.asString() : "");
                });
        return starts.stream().filter(s -> s.compareTo("2024-01-01") >= 0).count();
    }
}

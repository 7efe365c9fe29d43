package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import luqiao.map.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #5 over real HTTP on each backend: every endpoint has an access decision and answers the
 * anonymous public without internal rows or fields; roles see their views; sign-in, tokens, CSRF,
 * throttling, audit; frame, CORS and body limits; injection and traversal attempts are refused.
 */
abstract class SecurityContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What anonymous callers get at each mapping, and how the leak check probes it. */
    enum Access {
        PUBLIC,
        UNPUBLISHED,
        SIGNED_IN,
        ADMIN_ONLY,
        PAGE,
        ERROR
    }

    record Decision(Access access, List<String> probes) {
        static Decision pub(String... probes) {
            return new Decision(Access.PUBLIC, List.of(probes));
        }

        /** Staff-only unless the deployment publishes it (PublicPolicy, issue #15): the public gets a 404 problem. */
        static Decision unpublished(String... probes) {
            return new Decision(Access.UNPUBLISHED, List.of(probes));
        }
    }

    /**
     * Every mapping of the application with its decision. A mapping missing here fails
     * {@link #everyEndpointHasADecisionAndAnonymousCallersSeeNoInternalData}: decide, then add it.
     * Probes are anonymous GETs ("POST path body" for POSTs); {ZONE} is a zone holding internal projects.
     */
    static final Map<String, Decision> DECISIONS = new LinkedHashMap<>();

    static {
        DECISIONS.put(
                "GET /api/{layer}",
                Decision.pub("/api/projects?limit=10000", "/api/parcels?limit=500", "/api/zones?limit=1000"));
        DECISIONS.put(
                "GET /api/{layer}/{id}",
                Decision.pub("/api/projects/{INTERNAL}", "/api/parcels/{PARCEL}", "/api/zones/TDCB"));
        DECISIONS.put("GET /api/zones/at", Decision.pub("/api/zones/at?lon=121.45&lat=28.55"));
        DECISIONS.put("GET /api/config", Decision.pub("/api/config"));
        DECISIONS.put("GET /api/me", Decision.pub("/api/me"));
        DECISIONS.put(
                "GET /api/projects/near",
                Decision.pub("/api/projects/near?lon=121.45&lat=28.55&radius_m=50000&limit=1000"));
        DECISIONS.put("GET /api/stats/zones/{id}", Decision.pub("/api/stats/zones/{ZONE}", "/api/stats/zones/TDCB"));
        DECISIONS.put(
                "POST /api/analysis/parcels",
                Decision.pub(
                        "POST /api/analysis/parcels {\"geometry\":{\"type\":\"Polygon\","
                                + "\"coordinates\":[[[121.30,28.40],[121.70,28.40],[121.70,28.70],[121.30,28.70],[121.30,28.40]]]}}"));
        // Measures the posted geometry only; reads no stored data.
        DECISIONS.put(
                "POST /api/analysis/measure",
                Decision.pub("POST /api/analysis/measure {\"geometry\":{\"type\":\"LineString\","
                        + "\"coordinates\":[[121.40,28.55],[121.45,28.56]]}}"));
        DECISIONS.put("GET /ogc || /ogc/", Decision.pub("/ogc"));
        DECISIONS.put("GET /ogc/conformance", Decision.pub("/ogc/conformance"));
        DECISIONS.put("GET /ogc/api", Decision.pub("/ogc/api"));
        DECISIONS.put("GET /ogc/collections", Decision.pub("/ogc/collections"));
        DECISIONS.put(
                "GET /ogc/collections/{collectionId}",
                Decision.pub("/ogc/collections/projects", "/ogc/collections/projects_polygons"));
        DECISIONS.put(
                "GET /ogc/collections/{collectionId}/queryables",
                Decision.pub(
                        "/ogc/collections/parcels/queryables",
                        "/ogc/collections/projects/queryables",
                        "/ogc/collections/projects_points/queryables"));
        DECISIONS.put(
                "GET /ogc/collections/{collectionId}/items",
                Decision.pub(
                        "/ogc/collections/projects/items?limit=10000",
                        "/ogc/collections/projects/items?limit=10000&f=html",
                        "/ogc/collections/projects_points/items?limit=10000",
                        "/ogc/collections/projects_lines/items?limit=10000&f=html",
                        "/ogc/collections/projects_polygons/items?limit=10000&datetime=2000-01-01/..&datetime-property=planned_start",
                        "/ogc/collections/parcels/items?limit=300",
                        "/ogc/collections/zones/items?limit=1000"));
        DECISIONS.put(
                "GET /ogc/collections/{collectionId}/items/{featureId}",
                Decision.pub(
                        "/ogc/collections/projects/items/{INTERNAL}",
                        "/ogc/collections/projects_points/items/{INTERNAL}",
                        "/ogc/collections/parcels/items/{PARCEL}"));
        DECISIONS.put("GET /ogc/tileMatrixSets", Decision.pub("/ogc/tileMatrixSets"));
        DECISIONS.put("GET /ogc/tileMatrixSets/{id}", Decision.pub("/ogc/tileMatrixSets/WebMercatorQuad"));
        DECISIONS.put("GET /ogc/collections/{collection}/tiles", Decision.pub("/ogc/collections/projects/tiles"));
        DECISIONS.put(
                "GET /ogc/collections/{collection}/tiles/{tms}",
                Decision.pub("/ogc/collections/parcels/tiles/WebMercatorQuad"));
        DECISIONS.put(
                "GET /ogc/collections/{collection}/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}",
                Decision.pub("/ogc/collections/projects/tiles/WebMercatorQuad/10/427/857"));
        DECISIONS.put(
                "GET /ogc/collections/{collection}/map/tiles", Decision.pub("/ogc/collections/projects/map/tiles"));
        DECISIONS.put(
                "GET /ogc/collections/{collection}/map/tiles/{tms}",
                Decision.pub("/ogc/collections/projects/map/tiles/WebMercatorQuad"));
        DECISIONS.put(
                "GET /ogc/collections/{collection}/map/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}",
                Decision.pub("/ogc/collections/projects/map/tiles/WebMercatorQuad/10/427/857"));
        DECISIONS.put("GET /ogc/tiles", Decision.pub("/ogc/tiles"));
        DECISIONS.put("GET /ogc/tiles/{tms}", Decision.pub("/ogc/tiles/WebMercatorQuad"));
        DECISIONS.put(
                "GET /ogc/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}",
                Decision.pub("/ogc/tiles/WebMercatorQuad/10/427/857"));
        DECISIONS.put("GET /ogc/map/tiles", Decision.pub("/ogc/map/tiles"));
        DECISIONS.put("GET /ogc/map/tiles/{tms}", Decision.pub("/ogc/map/tiles/WebMercatorQuad"));
        DECISIONS.put(
                "GET /ogc/map/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}",
                Decision.pub("/ogc/map/tiles/WebMercatorQuad/10/427/857"));
        DECISIONS.put(
                "GET /ogc/collections/{collectionId}/legacy-queryables",
                Decision.pub(
                        "/ogc/collections/parcels/legacy-queryables", "/ogc/collections/projects/legacy-queryables"));
        DECISIONS.put("GET /tiles/{set}.json", Decision.pub("/tiles/all.json", "/tiles/parcels.json"));
        // The map style names the stages its audience sees: the public's only the public ones.
        DECISIONS.put("GET /styles/luqiao.json", Decision.pub("/styles/luqiao.json"));
        DECISIONS.put(
                "GET /tiles/{set}/{z}/{x}/{y}.mvt",
                Decision.pub(
                        "/tiles/all/10/857/427.mvt",
                        "/tiles/projects/9/428/213.mvt",
                        "/tiles/projects/9/428/213.mvt?asOf=2023-06-01"));
        DECISIONS.put("GET /tiles/{set}/{z}/{x}/{y}.png", Decision.pub("/tiles/all/10/857/427.png"));
        // WMTS (issue #19): the PNG tiles' audience rules; the capabilities' bounds are of what the caller sees.
        DECISIONS.put(
                "GET /wmts",
                Decision.pub(
                        "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities",
                        "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=projects&STYLE=default"
                                + "&FORMAT=image/png&TILEMATRIXSET=CGCS2000&TILEMATRIX=10&TILEROW=174&TILECOL=857"));
        DECISIONS.put("GET /wmts/1.0.0/WMTSCapabilities.xml", Decision.pub("/wmts/1.0.0/WMTSCapabilities.xml"));
        DECISIONS.put(
                "GET /wmts/1.0.0/{layer}/{style}/{tileMatrixSet}/{tileMatrix}/{tileRow}/{tileCol}.png",
                Decision.pub(
                        "/wmts/1.0.0/projects/default/GoogleMapsCompatible/10/427/857.png",
                        "/wmts/1.0.0/all/default/CGCS2000/10/174/857.png"));
        DECISIONS.put("GET /tiles/{set}/{z}/{x}/{y}@2x.png", Decision.pub("/tiles/all/10/857/427@2x.png"));
        DECISIONS.put(
                "GET /api/projects/{id}/chain",
                Decision.pub(
                        "/api/projects/{INTERNAL}/chain",
                        "/api/projects/P2024-002/chain",
                        "/api/projects/P2024-002/chain?asOf=2022-01-01"));
        // Overdue figures: staff-only unless luqiao.public.overdue (issue #15).
        DECISIONS.put(
                "GET /api/projects/overdue",
                Decision.unpublished(
                        "/api/projects/overdue",
                        "/api/projects/overdue?asOf=2024-01-01",
                        "/api/projects/overdue?format=csv"));
        // Moving along the chain is the planners' (and administrators') work.
        DECISIONS.put(
                "POST /api/projects/{id}/transitions",
                new Decision(Access.SIGNED_IN, List.of("POST /api/projects/P2024-001/transitions {\"to\":\"竣工\"}")));
        // Editing (issue #6): the choice lists are vocabulary, public; writes and history need the layer's role.
        DECISIONS.put("GET /api/choices", Decision.pub("/api/choices"));
        DECISIONS.put(
                "POST /api/{layer}",
                new Decision(Access.SIGNED_IN, List.of("POST /api/parcels {}", "POST /api/zones {}")));
        DECISIONS.put(
                "PUT /api/{layer}/{id}",
                new Decision(
                        Access.SIGNED_IN, List.of("PUT /api/parcels/{PARCEL} {}", "PUT /api/projects/{INTERNAL} {}")));
        // A batch status change of parcels (issue #15): the parcels' editors only.
        DECISIONS.put(
                "POST /api/parcels/batch/status",
                new Decision(Access.SIGNED_IN, List.of("POST /api/parcels/batch/status {}")));
        // Project updates from an .xlsx (issue #16): PLANNER and ADMIN; the public sees no internal data in the
        // .xlsx exports, which XlsxContract reads back.
        DECISIONS.put(
                "POST /api/projects/batch/xlsx",
                new Decision(Access.SIGNED_IN, List.of("POST /api/projects/batch/xlsx?dryRun=true {}")));
        DECISIONS.put("DELETE /api/{layer}/{id}", new Decision(Access.SIGNED_IN, List.of("DELETE /api/zones/TDCB")));
        // OGC API – Features Part 4 (issue #19): the editing API's writes under the standard's paths, same roles;
        // OPTIONS is public and names the methods the caller may use.
        DECISIONS.put(
                "POST /ogc/collections/{collectionId}/items",
                new Decision(
                        Access.SIGNED_IN,
                        List.of("POST /ogc/collections/parcels/items {}", "POST /ogc/collections/zones/items {}")));
        DECISIONS.put(
                "PUT /ogc/collections/{collectionId}/items/{featureId}",
                new Decision(Access.SIGNED_IN, List.of("PUT /ogc/collections/projects/items/{INTERNAL} {}")));
        DECISIONS.put(
                "PATCH /ogc/collections/{collectionId}/items/{featureId}",
                new Decision(Access.SIGNED_IN, List.of("PATCH /ogc/collections/parcels/items/{PARCEL} {}")));
        DECISIONS.put(
                "DELETE /ogc/collections/{collectionId}/items/{featureId}",
                new Decision(Access.SIGNED_IN, List.of("DELETE /ogc/collections/zones/items/TDCB")));
        DECISIONS.put(
                "OPTIONS /ogc/collections/{collectionId}/items",
                Decision.pub("OPTIONS /ogc/collections/parcels/items"));
        DECISIONS.put(
                "OPTIONS /ogc/collections/{collectionId}/items/{featureId}",
                Decision.pub("OPTIONS /ogc/collections/parcels/items/{PARCEL}"));
        DECISIONS.put(
                "POST /api/{layer}/{id}/undelete",
                new Decision(Access.SIGNED_IN, List.of("POST /api/parcels/{PARCEL}/undelete")));
        DECISIONS.put(
                "POST /api/{layer}/{id}/restore",
                new Decision(Access.SIGNED_IN, List.of("POST /api/projects/{INTERNAL}/restore?version=1")));
        DECISIONS.put(
                "GET /api/{layer}/{id}/history",
                new Decision(
                        Access.SIGNED_IN,
                        List.of(
                                "/api/parcels/{PARCEL}/history",
                                "/api/projects/{INTERNAL}/history",
                                "/api/zones/TDCB/history")));
        DECISIONS.put("GET /api/me/tokens", new Decision(Access.SIGNED_IN, List.of("/api/me/tokens")));
        DECISIONS.put("POST /api/me/tokens", new Decision(Access.SIGNED_IN, List.of("POST /api/me/tokens {}")));
        DECISIONS.put("DELETE /api/me/tokens/{id}", new Decision(Access.SIGNED_IN, List.of("DELETE /api/me/tokens/x")));
        DECISIONS.put("GET /api/admin/users", new Decision(Access.ADMIN_ONLY, List.of("/api/admin/users")));
        DECISIONS.put("POST /api/admin/users", new Decision(Access.ADMIN_ONLY, List.of("POST /api/admin/users {}")));
        DECISIONS.put(
                "PUT /api/admin/users/{username}",
                new Decision(Access.ADMIN_ONLY, List.of("PUT /api/admin/users/admin {}")));
        DECISIONS.put(
                "DELETE /api/admin/users/{username}",
                new Decision(Access.ADMIN_ONLY, List.of("DELETE /api/admin/users/admin")));
        DECISIONS.put(
                "POST /api/admin/users/{username}/unlock",
                new Decision(Access.ADMIN_ONLY, List.of("POST /api/admin/users/admin/unlock")));
        DECISIONS.put(
                "DELETE /api/admin/users/{username}/tokens",
                new Decision(Access.ADMIN_ONLY, List.of("DELETE /api/admin/users/admin/tokens")));
        DECISIONS.put("GET /api/admin/audit", new Decision(Access.ADMIN_ONLY, List.of("/api/admin/audit")));
        // Import (issue #6): staff only; the layer's own role is checked by the import controller.
        DECISIONS.put(
                "POST /api/import/{layer}", new Decision(Access.SIGNED_IN, List.of("POST /api/import/parcels x")));
        DECISIONS.put("GET /api/import/{id}", new Decision(Access.SIGNED_IN, List.of("/api/import/x")));
        DECISIONS.put(
                "POST /api/import/{id}/commit",
                new Decision(Access.SIGNED_IN, List.of("POST /api/import/x/commit {}")));
        DECISIONS.put("DELETE /api/import/{id}", new Decision(Access.SIGNED_IN, List.of("DELETE /api/import/x")));
        // Export: public, with the caller's visibility (the probes check that no internal row or field leaks).
        DECISIONS.put(
                "GET /api/export/{layer}",
                Decision.pub(
                        "/api/export/projects?format=geojson",
                        "/api/export/parcels?format=csv",
                        "/api/export/zones?format=geojson&crs=EPSG:4549",
                        "/api/export/projects?format=csv&crs=EPSG:3857"));
        // The dashboard counts what the caller may see; compliance only of projects the caller may see;
        // the investment map is the public view whoever asks.
        // 一线督战 (issue #16): visits, photos, problems and their figures are for inspectors, planners and
        // administrators; nothing of them is public.
        DECISIONS.put("POST /api/inspections", new Decision(Access.SIGNED_IN, List.of("POST /api/inspections {}")));
        DECISIONS.put(
                "GET /api/inspections",
                new Decision(Access.SIGNED_IN, List.of("/api/inspections", "/api/inspections?project=P2024-001")));
        DECISIONS.put("GET /api/inspections/{id}", new Decision(Access.SIGNED_IN, List.of("/api/inspections/1")));
        DECISIONS.put(
                "GET /api/inspections/{id}/photos/{photoId}",
                new Decision(Access.SIGNED_IN, List.of("/api/inspections/1/photos/1")));
        DECISIONS.put(
                "GET /api/inspections/{id}/photos/{photoId}/thumbnail",
                new Decision(Access.SIGNED_IN, List.of("/api/inspections/1/photos/1/thumbnail")));
        DECISIONS.put(
                "GET /api/inspections.geojson", new Decision(Access.SIGNED_IN, List.of("/api/inspections.geojson")));
        DECISIONS.put(
                "GET /api/projects/{id}/inspection-summary",
                new Decision(Access.SIGNED_IN, List.of("/api/projects/P2024-001/inspection-summary")));
        DECISIONS.put(
                "GET /api/problems",
                new Decision(Access.SIGNED_IN, List.of("/api/problems", "/api/problems?overdue=true")));
        DECISIONS.put("POST /api/problems", new Decision(Access.SIGNED_IN, List.of("POST /api/problems {}")));
        DECISIONS.put("GET /api/problems/{id}", new Decision(Access.SIGNED_IN, List.of("/api/problems/1")));
        DECISIONS.put(
                "POST /api/problems/{id}/transition",
                new Decision(Access.SIGNED_IN, List.of("POST /api/problems/1/transition {\"to\":\"已销号\"}")));
        DECISIONS.put(
                "GET /api/dashboard/problems",
                new Decision(
                        Access.SIGNED_IN,
                        List.of("/api/dashboard/problems", "/api/dashboard/problems?format=csv&asOf=2024-01-01")));
        DECISIONS.put(
                "GET /api/dashboard/problems.csv",
                new Decision(Access.SIGNED_IN, List.of("/api/dashboard/problems.csv")));
        DECISIONS.put(
                "GET /api/dashboard/duzhan",
                new Decision(Access.SIGNED_IN, List.of("/api/dashboard/duzhan", "/api/dashboard/duzhan?format=csv")));
        DECISIONS.put(
                "GET /api/dashboard/duzhan.csv", new Decision(Access.SIGNED_IN, List.of("/api/dashboard/duzhan.csv")));
        DECISIONS.put("GET /api/dashboard", Decision.pub("/api/dashboard", "/api/dashboard?asOf=2023-06-01"));
        DECISIONS.put(
                "GET /api/dashboard/{figure}",
                Decision.pub(
                        "/api/dashboard/projects_by_stage?format=csv",
                        "/api/dashboard/land_status_by_zone",
                        "/api/dashboard/project_targets?format=csv"));
        // Compliance conflicts: staff-only unless luqiao.public.compliance (issue #15).
        DECISIONS.put("GET /api/compliance", Decision.unpublished("/api/compliance", "/api/compliance?format=csv"));
        DECISIONS.put(
                "GET /api/compliance/{projectId}",
                Decision.unpublished("/api/compliance/{INTERNAL}", "/api/compliance/P2024-002"));
        DECISIONS.put("GET /api/compliance/areas", Decision.unpublished("/api/compliance/areas"));
        // Printed maps draw what the caller's tiles draw: the public's hold no internal project (PrintContract).
        DECISIONS.put(
                "GET /api/print", Decision.pub("/api/print?format=png&layers=projects", "/api/print?asOf=2023-06-01"));
        DECISIONS.put(
                "GET /api/identify",
                Decision.pub(
                        "/api/identify?lon=121.45&lat=28.55&tolerance_m=500",
                        "/api/identify?lon=121.45&lat=28.55&zoom=12"));
        DECISIONS.put(
                "POST /api/analysis/redline",
                Decision.pub("POST /api/analysis/redline?filename=a.geojson {\"type\":\"FeatureCollection\","
                        + "\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                        + "\"coordinates\":[[[121.3,28.45],[121.6,28.45],[121.6,28.65],[121.3,28.45]]]}}]}"));
        DECISIONS.put("GET /api/invest/parcels", Decision.pub("/api/invest/parcels", "/api/invest/parcels?format=csv"));
        DECISIONS.put("GET /dashboard", new Decision(Access.PAGE, List.of("/dashboard")));
        DECISIONS.put("GET /invest", new Decision(Access.PAGE, List.of("/invest")));
        DECISIONS.put("GET /login", new Decision(Access.PAGE, List.of("/login")));
        // The users screen: the page holds no data; its API is for administrators only.
        DECISIONS.put("GET /admin", new Decision(Access.PAGE, List.of("/admin")));
        DECISIONS.put("GET /embed", new Decision(Access.PAGE, List.of("/embed")));
        // The inspection form: the page holds no data; /api/inspections is for staff only (issue #16).
        DECISIONS.put("GET /inspect", new Decision(Access.PAGE, List.of("/inspect")));
        // The pages as rendered with versioned URLs, and the webjar scripts a page loads as one file (issue #15).
        DECISIONS.put("GET / || /{name}.html", new Decision(Access.PAGE, List.of("/", "/index.html", "/embed.html")));
        DECISIONS.put("GET /app/*/scripts/{name}.js", new Decision(Access.PUBLIC, List.of()));
        DECISIONS.put("ANY /error", new Decision(Access.ERROR, List.of()));
        // Actuator endpoints exposed on the web (management.endpoints.web.exposure): health is public (details for
        // administrators), metrics are for administrators and the metrics token (MetricsContract).
        DECISIONS.put(
                "GET /actuator/health",
                Decision.pub("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"));
        DECISIONS.put("GET /actuator/prometheus", new Decision(Access.ADMIN_ONLY, List.of("/actuator/prometheus")));
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    PathMappedEndpoints actuatorEndpoints;

    Set<String> internalProjects;
    Set<String> internalZones;
    String parcel;

    @BeforeEach
    void internalData() {
        internalProjects = new TreeSet<>(
                jdbc.queryForList("SELECT code FROM projects WHERE stage NOT IN ('开工', '竣工')", String.class));
        internalZones =
                new TreeSet<>(jdbc.queryForList("SELECT code FROM zones WHERE is_public = FALSE", String.class));
        parcel = jdbc.queryForObject("SELECT MIN(parcel_no) FROM parcels WHERE owner IS NOT NULL", String.class);
        assertThat(internalProjects)
                .as("the data set has internal projects to hide")
                .isNotEmpty();
    }

    // ---------------------------------------------------------------- every endpoint, as the public

    @Test
    void everyEndpointHasADecisionAndAnonymousCallersSeeNoInternalData() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<String> patterns = info.getPathPatternsCondition() == null
                    ? info.getPatternValues()
                    : info.getPathPatternsCondition().getPatternValues();
            String methods = info.getMethodsCondition().getMethods().isEmpty()
                    ? "ANY"
                    : String.join(
                            ",",
                            info.getMethodsCondition().getMethods().stream()
                                    .map(Enum::name)
                                    .sorted()
                                    .toList());
            mapped.add(methods + " " + String.join(" || ", new TreeSet<>(patterns)));
        });
        actuatorEndpoints.getAllPaths().forEach(path -> mapped.add("GET " + path));
        assertThat(mapped)
                .as("every endpoint has a decision in SecurityContract.DECISIONS (and no decision is stale)")
                .containsExactlyInAnyOrderElementsOf(DECISIONS.keySet());

        Client anonymous = new Client(null);
        String zone = zoneWithInternalProjects();
        for (Map.Entry<String, Decision> e : DECISIONS.entrySet()) {
            for (String probe : e.getValue().probes()) {
                String p = probe.replace(
                                "{INTERNAL}", internalProjects.iterator().next())
                        .replace("{PARCEL}", parcel)
                        .replace("{ZONE}", zone);
                Answer a = anonymous.probe(p);
                switch (e.getValue().access()) {
                    case PUBLIC -> {
                        assertThat(a.status()).as(p).isIn(200, 404);
                        if (probe.contains("{INTERNAL}")) {
                            // Asking for an internal project by its code is answered exactly like a code that does not
                            // exist.
                            String missing = probe.replace("{INTERNAL}", "P-NO-SUCH-ID");
                            assertThat(a.status()).as(p).isEqualTo(404);
                            assertThat(a.text()
                                            .replace(internalProjects.iterator().next(), "P-NO-SUCH-ID"))
                                    .as(p)
                                    .isEqualTo(anonymous.probe(missing).text());
                        } else {
                            assertNoInternalData(p, a);
                        }
                    }
                    case UNPUBLISHED -> {
                        // Not 403: a 404 like a path that is not there, so the public cannot tell there is something.
                        assertThat(a.status()).as(p).isEqualTo(404);
                        assertThat(a.contentType()).as(p).startsWith("application/problem+json");
                        if (probe.contains("{INTERNAL}")) {
                            assertThat(a.text()
                                            .replace(internalProjects.iterator().next(), "P-NO-SUCH-ID"))
                                    .as(p)
                                    .isEqualTo(anonymous
                                            .probe(probe.replace("{INTERNAL}", "P-NO-SUCH-ID"))
                                            .text());
                        } else {
                            assertNoInternalData(p, a);
                        }
                    }
                    case SIGNED_IN, ADMIN_ONLY -> {
                        // GET: 401; writes are refused for the missing CSRF token (403) before authorization.
                        assertThat(a.status()).as(p).isEqualTo(p.startsWith("/") ? 401 : 403);
                        assertThat(a.contentType()).as(p).startsWith("application/problem+json");
                    }
                    case PAGE -> assertThat(a.status()).as(p).isEqualTo(200);
                    case ERROR -> {}
                }
            }
        }
    }

    private void assertNoInternalData(String probe, Answer a) {
        String body = a.text();
        for (String code : internalProjects) {
            assertThat(body).as("%s leaks internal project %s", probe, code).doesNotContain(code);
        }
        for (String code : internalZones) {
            assertThat(body).as("%s leaks non-public zone %s", probe, code).doesNotContain("\"" + code + "\"");
        }
        assertThat(body)
                .as("%s leaks the parcel owner", probe)
                .doesNotContain("owner\"")
                .doesNotContain(">owner<");
        // Internal stages are never public (issue #15): not as a value anywhere (prose such as 业态招引 is no stage).
        PublicFaceContract.assertNoInternalStage(probe, body);
        if (a.contentType().contains("json") && a.status() == 200) {
            JsonNode json = JSON.readTree(body);
            if (probe.startsWith("/api/projects?") || probe.startsWith("/ogc/collections/projects/items?")) {
                assertThat(json.path("numberMatched").asLong())
                        .as("%s counts only public projects", probe)
                        .isEqualTo(publicProjects());
            }
            if (probe.startsWith("/api/stats/zones/")) {
                long stageSum = 0;
                for (JsonNode s : json.path("projects").path("by_stage")) {
                    if (!Set.of("开工", "竣工").contains(s.path("stage").asString())) {
                        assertThat(s.path("count").asLong())
                                .as("%s counts no internal stage", probe)
                                .isZero();
                    }
                    stageSum += s.path("count").asLong();
                }
                assertThat(json.path("projects").path("count").asLong()).isEqualTo(stageSum);
            }
        }
    }

    long publicProjects() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')", Long.class);
    }

    /** A public zone (not the district) that holds at least one internal project. */
    String zoneWithInternalProjects() {
        return jdbc.queryForList(
                        "SELECT z.code FROM zones z WHERE z.is_public = TRUE AND z.kind <> 'district' AND EXISTS "
                                + "(SELECT 1 FROM projects p WHERE p.stage NOT IN ('开工', '竣工') AND ST_Intersects(z.geom, p.geom)) ORDER BY z.code",
                        String.class)
                .get(0);
    }

    // ---------------------------------------------------------------- roles and their views

    @Test
    void plannersSeeEveryProjectLandStaffTheParcelOwnerAndThePublicNeither() {
        Client planner = user("PLANNER");
        Client land = user("LAND_STAFF");
        Client anonymous = new Client(null);
        long all = jdbc.queryForObject("SELECT COUNT(*) FROM projects", Long.class);
        String internal = internalProjects.iterator().next();

        assertThat(planner.get("/api/projects?limit=1")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(all);
        assertThat(planner.get("/ogc/collections/projects/items?limit=1")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(all);
        assertThat(planner.get("/ogc/collections/projects/items/" + internal).status())
                .isEqualTo(200);
        assertThat(planner.get("/api/me").json().path("audience").asString()).isEqualTo("PLANNER");
        assertThat(land.get("/api/projects?limit=1")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(publicProjects());
        assertThat(anonymous.get("/ogc/collections/projects/items/" + internal).status())
                .isEqualTo(404);

        assertThat(land.get("/api/parcels/" + parcel).json().path("properties").has("owner"))
                .isTrue();
        assertThat(planner.get("/api/parcels/" + parcel)
                        .json()
                        .path("properties")
                        .has("owner"))
                .isFalse();
        assertThat(anonymous
                        .get("/api/parcels/" + parcel)
                        .json()
                        .path("properties")
                        .has("owner"))
                .isFalse();

        // CQL2 on an internal field: refused for those who may not see it, answered for those who may.
        Answer refused = anonymous.get("/ogc/collections/parcels/items?filter=owner%20IS%20NOT%20NULL");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("property").asString()).isEqualTo("owner");
        assertThat(planner.get("/ogc/collections/parcels/items?filter=owner%20IS%20NOT%20NULL")
                        .status())
                .isEqualTo(400);
        assertThat(land.get("/ogc/collections/parcels/items?limit=1&filter=owner%20IS%20NOT%20NULL")
                        .status())
                .isEqualTo(200);
        assertThat(anonymous.get("/ogc/collections/parcels/items?sortby=owner").status())
                .isEqualTo(400);
        assertThat(anonymous
                        .get("/ogc/collections/parcels/queryables")
                        .json()
                        .path("properties")
                        .has("owner"))
                .isFalse();
        assertThat(land.get("/ogc/collections/parcels/queryables")
                        .json()
                        .path("properties")
                        .has("owner"))
                .isTrue();

        // Statistics and analyses count what the caller may see.
        String zone = zoneWithInternalProjects();
        long publicCount = anonymous
                .get("/api/stats/zones/" + zone)
                .json()
                .path("projects")
                .path("count")
                .asLong();
        long plannerCount = planner.get("/api/stats/zones/" + zone)
                .json()
                .path("projects")
                .path("count")
                .asLong();
        assertThat(plannerCount).isGreaterThan(publicCount);

        // Tiles: one cache entry per audience; staff tiles are private to the browser.
        Answer publicTile = anonymous.get("/tiles/projects/9/428/213.mvt");
        Answer plannerTile = planner.get("/tiles/projects/9/428/213.mvt");
        assertThat(publicTile.header("Cache-Control")).contains("public");
        assertThat(plannerTile.header("Cache-Control")).contains("private");
        assertThat(plannerTile.header("ETag")).isNotEqualTo(publicTile.header("ETag"));
        assertThat(internalProjects)
                .anySatisfy(code -> assertThat(plannerTile.text()).contains(code));
        assertThat(internalProjects)
                .allSatisfy(code -> assertThat(publicTile.text()).doesNotContain(code));
        assertThat(anonymous.get("/tiles/projects/9/428/213.mvt").header("ETag"))
                .isEqualTo(publicTile.header("ETag"));
    }

    @Test
    void writesAndAdministrationNeedTheirRoleAndAnswerProblems() {
        Client planner = user("PLANNER");
        Answer anonymous = new Client(null).send("GET", "/api/admin/users", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        Answer forbidden = planner.get("/api/admin/users");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(forbidden.text()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(planner.send("POST", "/api/parcels", "{}").status()).isEqualTo(403);
        // Anonymous writes fail on the missing CSRF token before authorization: a 403 problem.
        Answer write = new Client(null).send("DELETE", "/api/projects/P1", null);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(new Client(ADMIN).get("/api/admin/users").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- tokens, sign-in, CSRF, audit

    @Test
    void apiTokensSignProgramsInAndBadTokensAre401Problems() {
        Client planner = user("PLANNER");
        Answer issued = planner.send("POST", "/api/me/tokens", "{\"name\":\"qgis\"}");
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().path("token").asString();
        assertThat(token).startsWith("lq_");
        Client program = new Client(null).bearer(token);
        assertThat(program.get("/api/me").json().path("audience").asString()).isEqualTo("PLANNER");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", Long.class, token))
                .as("the token itself is never stored")
                .isZero();

        for (String bad :
                List.of("lq_short", "not-a-token", "lq_" + "A".repeat(43), "' OR '1'='1", "lq_" + "é".repeat(43))) {
            Answer a = new Client(null).bearer(bad).get("/api/projects?limit=1");
            assertThat(a.status()).as(bad).isEqualTo(401);
            assertThat(a.contentType()).startsWith("application/problem+json");
        }
        assertThat(planner.send(
                                "DELETE",
                                "/api/me/tokens/" + issued.json().path("id").asString(),
                                null)
                        .status())
                .isEqualTo(204);
        assertThat(program.get("/api/me").status())
                .as("a revoked token is refused at once")
                .isEqualTo(401);
    }

    @Test
    void formLoginNeedsTheCsrfTokenSetsSafeCookiesAndLogsOut() {
        String name = newUser("PLANNER");
        Client browser = new Client(null).withCookies();
        JsonNode me = browser.get("/api/me").json();
        assertThat(me.path("signedIn").asBoolean()).isFalse();
        String form = "username=" + name + "&password=correct-horse-battery";
        Answer withoutToken = browser.form("/login", form);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.contentType()).startsWith("application/problem+json");

        Answer login = browser.form(
                "/login", form + "&_csrf=" + me.path("csrf").path("token").asString());
        assertThat(login.status()).as("login redirects").isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("JSESSIONID=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax"));
        JsonNode signedIn = browser.get("/api/me").json();
        assertThat(signedIn.path("username").asString()).isEqualTo(name);
        assertThat(browser.get("/api/projects?limit=1")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM projects", Long.class));

        assertThat(browser.form("/logout", "").status())
                .as("logout without the CSRF token")
                .isEqualTo(403);
        String token = browser.get("/api/me").json().path("csrf").path("token").asString();
        assertThat(browser.form("/logout", "_csrf=" + token).status())
                .as("logout redirects")
                .isEqualTo(302);
        assertThat(browser.get("/api/me").json().path("signedIn").asBoolean()).isFalse();

        List<String> actions = auditActions(name);
        assertThat(actions).contains("user.create", "login", "logout");
    }

    /** A browser signed in as {@code name} through the login form (a session cookie, CSRF token and all). */
    private Client signedInBrowser(String name) {
        Client browser = new Client(null).withCookies();
        String csrf = browser.get("/api/me").json().path("csrf").path("token").asString();
        assertThat(browser.form("/login", "username=" + name + "&password=correct-horse-battery&_csrf=" + csrf)
                        .status())
                .isEqualTo(302);
        assertThat(browser.get("/api/me").json().path("signedIn").asBoolean()).isTrue();
        return browser;
    }

    /**
     * A stored session whose sign-in no longer reads (after an upgrade changed Spring Security's serial versions)
     * leaves its visitor anonymous; it must not answer 500 for as long as the cookie lives.
     */
    @Test
    void aStoredSessionThatNoLongerReadsIsAnonymousNotAnError() {
        String name = newUser("PLANNER");
        Client browser = signedInBrowser(name);
        // What an older release's serialized security context looks like to this one: bytes it cannot read.
        int damaged = jdbc.update(
                "UPDATE SPRING_SESSION_ATTRIBUTES SET ATTRIBUTE_BYTES = ? WHERE SESSION_PRIMARY_ID IN"
                        + " (SELECT PRIMARY_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?)",
                new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 's', 'r', 0, 9, 'n', 'o', '.', 's', 'u', 'c', 'h'},
                name);
        assertThat(damaged).isPositive();
        Answer after = browser.get("/api/me");
        assertThat(after.status()).as(after.text()).isEqualTo(200);
        assertThat(after.json().path("signedIn").asBoolean()).isFalse();
        assertThat(browser.get("/api/projects?limit=1").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorsChangeToAUserEndsTheirSignedInSession() {
        String name = newUser("PLANNER");
        Client browser = signedInBrowser(name);

        Answer disabled = new Client(ADMIN)
                .send("PUT", "/api/admin/users/" + name, "{\"roles\":[\"PLANNER\"],\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(browser.get("/api/me").json().path("signedIn").asBoolean())
                .as("the disabled user's session ended")
                .isFalse();
        assertThat(browser.get("/api/admin/users").status()).isEqualTo(401);
    }

    @Test
    void bruteForceSignInIsThrottledAndEveryAttemptAudited() {
        String name = newUser("LAND_STAFF");
        for (int i = 0; i < 5; i++) {
            assertThat(new Client(name + ":wrong-password-" + i)
                            .get("/api/me/tokens")
                            .status())
                    .isEqualTo(401);
        }
        Answer throttled = new Client(name + ":correct-horse-battery").get("/api/me/tokens");
        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(auditActions(name)).contains("login.failed", "login.throttled");
    }

    /**
     * Issue #13: wrong passwords from one address pause that address for that user (and, past more
     * failures, that address altogether), never the user everywhere: the right password from another
     * address still signs in.
     */
    @Test
    void wrongPasswordsFromOneAddressCannotKeepTheUserOutFromAnother() {
        String name = newUser("PLANNER");
        RawHttp attacker = new RawHttp(port, "127.0.0.2");
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.getAs(name + ":wrong-password-" + i, "/api/me/tokens")
                            .status())
                    .isEqualTo(401);
        }
        for (int i = 0; i < 35; i++) {
            RawHttp.Response paused = attacker.getAs(name + ":still-wrong-" + i, "/api/me/tokens");
            assertThat(paused.status())
                    .as("attempt %d from the spraying address", i)
                    .isEqualTo(429);
            assertThat(paused.header("Retry-After")).isNotBlank();
        }
        assertThat(attacker.getAs(name + ":correct-horse-battery", "/api/me/tokens")
                        .status())
                .as("the paused address waits, right password included")
                .isEqualTo(429);

        RawHttp user = new RawHttp(port, "127.0.0.1");
        assertThat(user.getAs(name + ":correct-horse-battery", "/api/me/tokens").status())
                .as("the user signs in from their own address")
                .isEqualTo(200);
        Client browser = new Client(null).withCookies();
        String csrf = browser.get("/api/me").json().path("csrf").path("token").asString();
        assertThat(browser.form("/login", "username=" + name + "&password=correct-horse-battery&_csrf=" + csrf)
                        .status())
                .as("form login too")
                .isEqualTo(302);
        assertThat(browser.get("/api/me").json().path("username").asString()).isEqualTo(name);
    }

    /** Failures from many addresses slow the user's sign-in down (a short, growing Retry-After) but never lock it. */
    @Test
    void wrongPasswordsFromManyAddressesOnlySlowTheUserDown() throws InterruptedException {
        String name = newUser("PLANNER");
        int slowed = 0;
        for (String from : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")) {
            RawHttp attacker = new RawHttp(port, from);
            for (int i = 0; i < 5; i++) {
                RawHttp.Response a = attacker.getAs(name + ":wrong-password-" + i, "/api/me/tokens");
                assertThat(a.status()).isIn(401, 429);
                slowed += a.status() == 429 ? 1 : 0;
            }
        }
        assertThat(slowed)
                .as("past the per-user threshold, attempts are spaced out")
                .isPositive();
        RawHttp user = new RawHttp(port, "127.0.0.1");
        RawHttp.Response first = user.getAs(name + ":correct-horse-battery", "/api/me/tokens");
        if (first.status() == 429) {
            long wait = Long.parseLong(first.header("Retry-After"));
            assertThat(wait).as("a slowdown, not a lock-out").isBetween(1L, 60L);
            Thread.sleep(wait * 1000 + 200);
            first = user.getAs(name + ":correct-horse-battery", "/api/me/tokens");
        }
        assertThat(first.status())
                .as("the right password gets in after the short wait")
                .isEqualTo(200);
    }

    @Test
    void anAdministratorCanLiftAUsersSignInPauseAndItIsAudited() {
        String name = newUser("LAND_STAFF");
        RawHttp from = new RawHttp(port, "127.0.0.6");
        for (int i = 0; i < 5; i++) {
            assertThat(from.getAs(name + ":wrong-password-" + i, "/api/me/tokens")
                            .status())
                    .isEqualTo(401);
        }
        assertThat(from.getAs(name + ":correct-horse-battery", "/api/me/tokens").status())
                .isEqualTo(429);

        assertThat(user("PLANNER")
                        .send("POST", "/api/admin/users/" + name + "/unlock", null)
                        .status())
                .as("administrators only")
                .isEqualTo(403);
        assertThat(new Client(ADMIN)
                        .send("POST", "/api/admin/users/no-such-user-x/unlock", null)
                        .status())
                .isEqualTo(404);
        Answer unlocked = new Client(ADMIN).send("POST", "/api/admin/users/" + name + "/unlock", null);
        assertThat(unlocked.status()).as(unlocked.text()).isEqualTo(204);

        assertThat(from.getAs(name + ":correct-horse-battery", "/api/me/tokens").status())
                .as("signs in again at once")
                .isEqualTo(200);
        assertThat(auditActions(name)).contains("login.failed", "login.throttled", "user.unlock");
    }

    /**
     * Issue #13: no proxy is trusted by default, so {@code X-Forwarded-*} from the peer changes neither
     * the client address (audit log, throttles) nor the links the server builds.
     */
    @Test
    void forwardedHeadersFromAnUntrustedPeerChangeNeitherTheClientNorTheLinks() {
        RawHttp peer = new RawHttp(port, "127.0.0.2");
        String[] forged = {
            "X-Forwarded-Host",
            "evil.example",
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Port",
            "8443",
            "X-Forwarded-For",
            "198.51.100.23",
            "Forwarded",
            "for=198.51.100.23;host=evil.example;proto=https"
        };
        String own = "http://127.0.0.1:" + port;

        JsonNode landing = peer.get("/ogc", forged).json();
        assertThat(landing.path("links")
                        .valueStream()
                        .map(l -> l.path("href").asString())
                        .toList())
                .isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith(own + "/ogc"));
        JsonNode items =
                peer.get("/ogc/collections/zones/items?limit=1", forged).json();
        assertThat(items.path("links")
                        .valueStream()
                        .map(l -> l.path("href").asString())
                        .toList())
                .isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith(own + "/ogc/collections/zones"));
        assertThat(peer.get("/tiles/all.json", forged)
                        .json()
                        .path("tiles")
                        .get(0)
                        .asString())
                .isEqualTo(own + "/tiles/all/{z}/{x}/{y}.mvt");
        assertThat(peer.get("/api/zones?limit=1", forged).text())
                .doesNotContain("evil.example")
                .contains(own + "/api/zones");

        String name = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(peer.getAs(name + ":wrong-password", "/api/me/tokens", forged)
                        .status())
                .isEqualTo(401);
        List<String> clients = new ArrayList<>();
        new Client(ADMIN).get("/api/admin/audit?limit=1000").json().forEach(e -> {
            if (name.equals(e.path("target").asString())) {
                clients.add(e.path("client").asString());
            }
        });
        assertThat(clients)
                .as("the audit log records the peer, not the forged address")
                .containsExactly("127.0.0.2");
    }

    /**
     * Issue #13: a session cookie plus an {@code Authorization} header that does not sign the request in
     * (unknown scheme, empty, wrong token or password) is not exempt from CSRF: since issue #19 each is a
     * 401 before the CSRF check is reached, and nothing changes.
     */
    @Test
    void onlyAnAuthorizationHeaderThatSignsTheRequestInExemptsItFromCsrf() {
        String name = newUser("LAND_STAFF");
        RawHttp browser = new RawHttp(port, "127.0.0.1").withCookies();
        String csrf = browser.get("/api/me").json().path("csrf").path("token").asString();
        RawHttp.Response login = browser.send(
                "POST",
                "/login",
                "username=" + name + "&password=correct-horse-battery&_csrf=" + csrf,
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(login.status()).isEqualTo(302);
        assertThat(browser.get("/api/me").json().path("username").asString()).isEqualTo(name);
        long version = jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, parcel);

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("Foo bar", 401);
        expected.put("", 401);
        expected.put("Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXegMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHg", 401);
        expected.put("Bearer lq_" + "A".repeat(43), 401);
        expected.put("Bearer not-a-token", 401);
        expected.put(RawHttp.basic(name + ":wrong-password"), 401);
        for (Map.Entry<String, Integer> header : expected.entrySet()) {
            for (String[] request : List.of(
                    new String[] {"PUT", "/api/parcels/" + parcel, "{\"properties\":{\"owner\":\"csrf\"}}"},
                    new String[] {"DELETE", "/api/parcels/" + parcel, null},
                    new String[] {
                        "PATCH", "/ogc/collections/parcels/items/" + parcel, "{\"properties\":{\"owner\":\"csrf\"}}"
                    },
                    new String[] {"DELETE", "/ogc/collections/parcels/items/" + parcel, null},
                    new String[] {"POST", "/api/me/tokens", "{\"name\":\"csrf-probe\"}"})) {
                RawHttp.Response a = browser.send(request[0], request[1], request[2], "Authorization", header.getKey());
                assertThat(a.status())
                        .as("%s %s with Authorization '%s'", request[0], request[1], header.getKey())
                        .isEqualTo(header.getValue());
                assertThat(a.header("Content-Type")).startsWith("application/problem+json");
                if (a.status() == 403) {
                    assertThat(a.text())
                            .as("refused for the CSRF token, not the role")
                            .contains("CSRF");
                }
            }
        }
        assertThat(jdbc.queryForObject("SELECT version FROM parcels WHERE parcel_no = ?", Long.class, parcel))
                .isEqualTo(version);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM parcels WHERE parcel_no = ? AND deleted_at IS NULL", Long.class, parcel))
                .isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_tokens WHERE username = ?", Long.class, name))
                .isZero();

        // The same session with its CSRF token may write: the refusals above were for the token alone.
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(token).isNotBlank();
        assertThat(browser.send("POST", "/api/me/tokens", "{\"name\":\"csrf-probe\"}", "X-XSRF-TOKEN", token)
                        .status())
                .isEqualTo(201);
    }

    /**
     * Issue #18: tiles are public and cacheable, so they are answered without the CSRF cookie (a shared cache would
     * not store them, or would hand one visitor's token to the next); the web map's other answers still set it.
     */
    @Test
    void tilesAreAnsweredWithoutTheCsrfCookieThatTheMapsOtherAnswersSet() {
        RawHttp anonymous = new RawHttp(port, "127.0.0.1");
        for (String tile : List.of(
                "/tiles/parcels/14/13718/6839.mvt",
                "/tiles/parcels/14/13718/6839.png",
                "/tiles/parcels.json",
                "/ogc/collections/parcels/tiles/WebMercatorQuad/14/6839/13718")) {
            RawHttp.Response r = anonymous.get(tile);
            assertThat(r.status()).as(tile).isEqualTo(200);
            assertThat(r.headers("Set-Cookie")).as(tile).noneMatch(c -> c.startsWith("XSRF-TOKEN="));
        }
        assertThat(anonymous.get("/tiles/parcels/14/13718/6839.mvt").header("Cache-Control"))
                .contains("public");
        assertThat(anonymous.get("/api/me").headers("Set-Cookie")).anyMatch(c -> c.startsWith("XSRF-TOKEN="));
        assertThat(anonymous.get("/api/zones?limit=1").headers("Set-Cookie"))
                .anyMatch(c -> c.startsWith("XSRF-TOKEN="));
    }

    /**
     * Issue #19: QGIS 3.22 sends a bearer token only through its "ESRI token" method, as {@code
     * X-Esri-Authorization: Bearer <token> } (with a trailing space): the same API token, the same user.
     */
    @Test
    void anApiTokenInXEsriAuthorizationSignsInLikeABearerToken() {
        String name = newUser("LAND_STAFF");
        Answer issued =
                new Client(name + ":correct-horse-battery").send("POST", "/api/me/tokens", "{\"name\":\"qgis\"}");
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().path("token").asString();
        RawHttp qgis = new RawHttp(port, "127.0.0.1");
        RawHttp.Response me = qgis.get("/api/me", "X-Esri-Authorization", "Bearer " + token + " ");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(name);
        assertThat(me.json().path("audience").asString()).isEqualTo("LAND_STAFF");
        assertThat(qgis.get("/ogc/collections/parcels/items?limit=1", "X-Esri-Authorization", "bearer " + token)
                        .json()
                        .path("features")
                        .get(0)
                        .path("properties")
                        .has("owner"))
                .as("land staff see the owner")
                .isTrue();
        // Signed in by its own header: exempt from CSRF, like Authorization: Bearer.
        RawHttp.Response write =
                qgis.send("POST", "/api/me/tokens", "{\"name\":\"second\"}", "X-Esri-Authorization", "Bearer " + token);
        assertThat(write.status()).as(write.text()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_tokens WHERE username = ?", Long.class, name))
                .isEqualTo(2L);
    }

    /**
     * Issue #19: a credential the server does not accept is a 401 problem with a Bearer challenge (never
     * Basic, which would make browsers ask for a password), never an anonymous answer.
     */
    @Test
    void aCredentialHeaderTheServerDoesNotAcceptIsA401WithABearerChallenge() {
        String token = new Client(ADMIN)
                .send("POST", "/api/me/tokens", "{\"name\":\"both-headers\"}")
                .json()
                .path("token")
                .asString();
        List<String[]> refused = List.of(
                new String[] {"Authorization", ""},
                new String[] {"Authorization", "   "},
                new String[] {"Authorization", "Foo bar"},
                new String[] {
                    "Authorization", "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXegMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYK"
                },
                new String[] {
                    "Authorization", "Digest username=\"admin\", realm=\"luqiao\", nonce=\"1\", response=\"2\""
                },
                new String[] {"Authorization", "Bearer"},
                new String[] {"Authorization", "Bearer "},
                new String[] {"Authorization", "Basic"},
                new String[] {"Authorization", "Basic %%%"},
                new String[] {"Authorization", "lq_" + "A".repeat(43)},
                new String[] {"X-Esri-Authorization", ""},
                new String[] {"X-Esri-Authorization", token},
                new String[] {"X-Esri-Authorization", RawHttp.basic(ADMIN)},
                new String[] {"X-Esri-Authorization", "Bearer lq_" + "A".repeat(43)},
                new String[] {"X-Esri-Authorization", "Bearer not-a-token"});
        RawHttp client = new RawHttp(port, "127.0.0.1");
        for (String[] header : refused) {
            for (String path : List.of("/ogc/collections/projects/items?limit=1", "/api/me", "/ogc")) {
                RawHttp.Response a = client.get(path, header[0], header[1]);
                assertThat(a.status())
                        .as("%s: '%s' on %s", header[0], header[1], path)
                        .isEqualTo(401);
                assertThat(a.header("Content-Type")).startsWith("application/problem+json");
                assertThat(a.header("WWW-Authenticate"))
                        .as("%s: '%s'", header[0], header[1])
                        .startsWith("Bearer realm=\"luqiao\"")
                        .doesNotContainIgnoringCase("basic");
                assertThat(a.json().path("status").asInt()).isEqualTo(401);
            }
        }
        RawHttp.Response both =
                client.get("/api/me", "Authorization", "Bearer " + token, "X-Esri-Authorization", "Bearer " + token);
        assertThat(both.status()).as("one credential per request").isEqualTo(401);
        assertThat(client.get("/api/me", "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
        assertThat(client.get("/api/me").json().path("signedIn").asBoolean())
                .as("no header: anonymous, as before")
                .isFalse();
    }

    // ---------------------------------------------------------------- embedding, CORS, limits

    @Test
    void onlyTheEmbedMayBeFramedAndOnlyByConfiguredSites() {
        Client anonymous = new Client(null);
        Answer map = anonymous.get("/");
        assertThat(map.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
        assertThat(map.header("X-Frame-Options")).isEqualTo("DENY");
        Answer embed = anonymous.get("/embed?layers=zones,projects&legend=0");
        assertThat(embed.status()).isEqualTo(200);
        assertThat(embed.text()).contains("/js/embed.js").doesNotContain("/login");
        assertThat(embed.header("Content-Security-Policy"))
                .isEqualTo("frame-ancestors 'self' https://embed.example.org");
        assertThat(embed.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(anonymous.get("/api/projects?limit=1").header("Content-Security-Policy"))
                .isEqualTo("frame-ancestors 'none'");
    }

    @Test
    void corsAnswersAllowedOriginsOnly() {
        Client anonymous = new Client(null);
        Answer allowed = anonymous.send("GET", "/api/zones?limit=1", null, "Origin", "https://allowed.example.org");
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://allowed.example.org");
        Answer other = anonymous.send("GET", "/api/zones?limit=1", null, "Origin", "https://evil.example.com");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Answer tile = anonymous.send("GET", "/tiles/all/10/857/427.mvt", null, "Origin", "https://evil.example.com");
        assertThat(tile.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void oversizedBodiesAre413Problems() {
        String big = "{\"geometry\":\"" + "x".repeat(1_500_000) + "\"}";
        Answer a = new Client(null).send("POST", "/api/analysis/parcels", big);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }

    // ---------------------------------------------------------------- attacks

    @Test
    void sqlInjectionThroughEveryParameterAndFilterIsRefusedOrBound() {
        long parcels = jdbc.queryForObject("SELECT COUNT(*) FROM parcels", Long.class);
        List<String> payloads =
                List.of("' OR '1'='1", "1; DROP TABLE parcels; --", "1) OR (1=1", "\" OR \"\"=\"", "%27%20OR%201=1--");
        Client anonymous = new Client(null);
        List<String> requests = new ArrayList<>();
        for (String raw : payloads) {
            String v = java.net.URLEncoder.encode(raw, StandardCharsets.UTF_8);
            for (String template : List.of(
                    "/api/projects?bbox=%s",
                    "/api/projects?limit=%s",
                    "/api/projects?offset=%s",
                    "/api/projects/%s",
                    "/api/zones/at?lon=%s&lat=28.5",
                    "/api/projects/near?lon=121.4&lat=%s",
                    "/api/stats/zones/%s",
                    "/ogc/collections/%s/items",
                    "/ogc/collections/projects/items?sortby=%s",
                    "/ogc/collections/projects/items?properties=%s",
                    "/ogc/collections/projects/items?crs=%s",
                    "/ogc/collections/projects/items?datetime=%s",
                    "/ogc/collections/projects/items?bbox-crs=%s&bbox=1,2,3,4",
                    "/ogc/collections/projects/items?filter=%s",
                    "/ogc/collections/projects/items?filter=name_zh%%3D%s",
                    "/ogc/collections/projects/items?filter-lang=%s&filter=stage%%3D'x'",
                    "/ogc/collections/projects/items/%s",
                    "/tiles/%s/1/1/1.mvt",
                    "/tiles/%s.json")) {
                requests.add(String.format(template, v));
            }
        }
        for (String r : requests) {
            Answer a = anonymous.get(r);
            assertThat(a.status()).as(r).isIn(200, 400, 404);
            if (a.status() != 200) {
                assertThat(a.contentType()).as(r).startsWith("application/problem+json");
            } else {
                assertThat(a.json().path("numberMatched").asLong(0))
                        .as("%s matched nothing extra", r)
                        .isLessThanOrEqualTo(publicProjects());
            }
            assertThat(a.text())
                    .as(r)
                    .doesNotContainIgnoringCase("syntax error")
                    .doesNotContain("SQLState")
                    .doesNotContain("at org.");
        }
        // A quote inside a CQL2 string is a value, bound as such: no match, not an error.
        Answer quoted = anonymous.get("/ogc/collections/projects/items?filter="
                + java.net.URLEncoder.encode("name_zh = 'x'' OR ''1''=''1'", StandardCharsets.UTF_8));
        assertThat(quoted.status()).isEqualTo(200);
        assertThat(quoted.json().path("numberMatched").asLong()).isZero();
        Answer internalStage = anonymous.get("/ogc/collections/projects/items?filter="
                + java.net.URLEncoder.encode("stage = '谋划' OR stage = '前期' OR stage = '招引'", StandardCharsets.UTF_8));
        assertThat(internalStage.json().path("numberMatched").asLong())
                .as("filters cannot widen the public row filter")
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcels", Long.class))
                .isEqualTo(parcels);
    }

    @Test
    void pathTraversalInTileAndFilePathsIsRefused() {
        Client anonymous = new Client(null);
        for (String path : List.of(
                "/tiles/..%2F..%2F..%2Fetc%2Fpasswd/1/1/1.mvt",
                "/tiles/%2e%2e/%2e%2e/etc/passwd",
                "/tiles/parcels/..;/..;/1/1/1.mvt",
                "/js/..%2F..%2Fapplication.yml",
                "/embed/..%2F..%2Fapplication.yml",
                "/ogc/collections/..%252F..%252Fetc/items",
                "/tiles/%00parcels/1/1/1.mvt",
                "/webjars/..%5C..%5Capplication.yml",
                "/application.yml",
                "/db/migration/h2gis/V4__users_tokens_audit.sql")) {
            Answer a = anonymous.get(path);
            assertThat(a.status()).as(path).isIn(400, 404);
            assertThat(a.text())
                    .as(path)
                    .doesNotContain("root:")
                    .doesNotContain("luqiao:")
                    .doesNotContain("CREATE TABLE");
        }
    }

    // ---------------------------------------------------------------- helpers

    private List<String> auditActions(String name) {
        List<String> actions = new ArrayList<>();
        new Client(ADMIN).get("/api/admin/audit?limit=1000").json().forEach(e -> {
            if (name.equals(e.path("target").asString())
                    || name.equals(e.path("actor").asString())) {
                actions.add(e.path("action").asString());
            }
        });
        return actions;
    }

    /** A new user with the role (password "correct-horse-battery"); its name. */
    String newUser(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = new Client(ADMIN)
                .send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role
                                + "\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    Client user(String role) {
        return new Client(newUser(role) + ":correct-horse-battery");
    }

    record Answer(int status, HttpResponse<byte[]> response) {
        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        String text() {
            return new String(response.body(), StandardCharsets.ISO_8859_1).contains("\u001f\u008b")
                    ? ""
                    : new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(text());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        java.net.http.HttpHeaders headers() {
            return response.headers();
        }
    }

    /** An HTTP client as one caller: anonymous, Basic ("user:password"), bearer, or a browser with cookies. */
    final class Client {
        private final String basic;
        private String bearer;
        private HttpClient client = HttpClient.newHttpClient();

        Client(String basic) {
            this.basic = basic;
        }

        Client bearer(String token) {
            this.bearer = token;
            return this;
        }

        Client withCookies() {
            client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            return this;
        }

        Answer get(String path) {
            return send("GET", path, null);
        }

        Answer probe(String probe) {
            String[] parts = probe.split(" ", 3);
            if (List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS").contains(parts[0])) {
                return send(parts[0], parts[1], parts.length > 2 ? parts[2] : null);
            }
            return get(probe);
        }

        Answer form(String path, String body) {
            return send("POST", path, body, "Content-Type", "application/x-www-form-urlencoded");
        }

        Answer send(String method, String path, String body, String... headers) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            boolean contentType = false;
            for (int i = 0; i < headers.length; i += 2) {
                r.header(headers[i], headers[i + 1]);
                contentType |= headers[i].equalsIgnoreCase("Content-Type");
            }
            if (body != null && !contentType) {
                r.header("Content-Type", "application/json");
            }
            if (basic != null) {
                r.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
            if (bearer != null) {
                r.header("Authorization", "Bearer " + bearer);
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

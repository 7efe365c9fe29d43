package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import luqiao.map.catalog.Layer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14 (operations, metrics) over real HTTP on each backend: {@code /actuator/prometheus} is for
 * administrators and the metrics token only; after some traffic it shows request latency by route template,
 * the tile cache's hits, misses, renders and evictions by set and format, the cache's bytes, the connection
 * pool and the rows a committed import wrote.
 */
abstract class MetricsContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** As in src/test/resources/application.properties (luqiao.metrics.token). */
    static final String METRICS_TOKEN = "test-metrics-token-0123456789abcdefghijklmnop";
    /** The middle of 飞龙湖, which the shipped parcels leave empty (as in EditingContract). */
    static final double LAKE_LON = 121.3558;

    static final double LAKE_LAT = 28.5978;

    @Test
    void onlyAdministratorsAndTheMetricsTokenReadTheMetrics() {
        assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/prometheus", basic(newUser("PLANNER")), null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/actuator/prometheus", basic(ADMIN), null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", "Bearer " + METRICS_TOKEN, null)
                        .statusCode())
                .isEqualTo(200);
        // The token reads the metrics and nothing else; a wrong one is refused like any unknown token.
        assertThat(send("GET", "/api/me/tokens", "Bearer " + METRICS_TOKEN, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/actuator/prometheus", "Bearer " + METRICS_TOKEN + "x", null)
                        .statusCode())
                .isEqualTo(401);
        // Health stays public.
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void trafficMovesTheNamedMetrics() {
        String tile = "/tiles/parcels/" + lakeTile(14) + ".mvt";
        Map<String, String> parcelsMvt = Map.of("set", "parcels", "format", "mvt");
        String before = metrics();

        assertThat(send("GET", tile, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", tile, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/zones?limit=1", null, null).statusCode()).isEqualTo(200);
        String afterTiles = metrics();
        assertThat(value(afterTiles, "luqiao_tiles_cache_hits_total", parcelsMvt))
                .as("the repeated tile is a cache hit")
                .isGreaterThanOrEqualTo(value(before, "luqiao_tiles_cache_hits_total", parcelsMvt) + 1);
        assertThat(value(afterTiles, "luqiao_tiles_cache_size_bytes", Map.of())).isPositive();

        // An edit in the lake drops the cached tile; the next request misses and renders it again.
        String parcel = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        try {
            HttpResponse<String> created = send("POST", "/api/parcels", basic(ADMIN), lakeParcel(parcel));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(send("GET", tile, null, null).statusCode()).isEqualTo(200);
        } finally {
            removeFeature(Layer.PARCELS, parcel);
        }
        String after = metrics();
        assertThat(value(after, "luqiao_tiles_cache_evictions_total", parcelsMvt))
                .isGreaterThanOrEqualTo(value(afterTiles, "luqiao_tiles_cache_evictions_total", parcelsMvt) + 1);
        assertThat(value(after, "luqiao_tiles_cache_misses_total", parcelsMvt))
                .isGreaterThanOrEqualTo(value(afterTiles, "luqiao_tiles_cache_misses_total", parcelsMvt) + 1);
        assertThat(value(after, "luqiao_tiles_renders_total", parcelsMvt))
                .isGreaterThanOrEqualTo(value(afterTiles, "luqiao_tiles_renders_total", parcelsMvt) + 1);

        // Latency by route template: the tile's and the items' templates, never a raw path.
        assertThat(value(
                        after,
                        "http_server_requests_seconds_count",
                        Map.of("uri", "/tiles/{set}/{z}/{x}/{y}.mvt", "method", "GET", "status", "200")))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "http_server_requests_seconds_count", Map.of("uri", "/api/{layer}", "status", "200")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after).doesNotContain("uri=\"" + tile + "\"");
        // The connection pool (Hikari) and the import rows by layer.
        assertThat(value(after, "hikaricp_connections_max", Map.of())).isPositive();
        assertThat(value(after, "hikaricp_connections_acquire_seconds_count", Map.of()))
                .isPositive();
    }

    @Test
    void aCommittedImportCountsItsRowsByLayer() throws InterruptedException {
        Map<String, String> parcels = Map.of("layer", "parcels");
        double before = value(metrics(), "luqiao_import_rows_total", parcels);
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String geojson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"parcel_no\":\"" + id + "\",\"landuse_code\":\"0701\",\"landuse_name\":\"城镇住宅用地\","
                + "\"landuse_l1_code\":\"07\",\"landuse_l1_name\":\"居住用地\",\"status\":\"储备\"},\"geometry\":"
                + lakeSquare() + "}]}";
        try {
            HttpResponse<String> upload = send(
                    "POST",
                    "/api/import/parcels?filename=metrics.geojson",
                    basic(ADMIN),
                    geojson,
                    "application/octet-stream");
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            String job = JSON.readTree(upload.body()).path("id").asString();
            awaitReady(job);
            HttpResponse<String> commit =
                    send("POST", "/api/import/" + job + "/commit", basic(ADMIN), "{}", "application/json");
            assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        } finally {
            removeFeature(Layer.PARCELS, id);
        }
        assertThat(value(metrics(), "luqiao_import_rows_total", parcels)).isEqualTo(before + 1);
    }

    /** Waits, until a deadline generous for a busy machine, for the import's dry run to end; it must be ready. */
    private void awaitReady(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            String status = JSON.readTree(send("GET", "/api/import/" + job, basic(ADMIN), null, null)
                            .body())
                    .path("status")
                    .asString();
            if (!status.equals("reading")) {
                assertThat(status).isEqualTo("ready");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the dry run of import " + job + " did not end");
    }

    private String metrics() {
        HttpResponse<String> answer = send("GET", "/actuator/prometheus", basic(ADMIN), null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return answer.body();
    }

    /** The sum over the series of {@code name} whose labels include {@code labels}; fails when there is none. */
    static double value(String exposition, String name, Map<String, String> labels) {
        double sum = 0;
        int series = 0;
        for (String line : exposition.split("\n")) {
            if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String labelText = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
            if (labels.entrySet().stream()
                    .allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                series++;
            }
        }
        assertThat(series).as("series %s%s in the metrics", name, labels).isPositive();
        return sum;
    }

    /** {z}/{x}/{y} of the Web Mercator tile holding the lake. */
    static String lakeTile(int z) {
        double n = Math.pow(2, z);
        int x = (int) Math.floor((LAKE_LON + 180) / 360 * n);
        double lat = Math.toRadians(LAKE_LAT);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
        return z + "/" + x + "/" + y;
    }

    static String lakeParcel(String id) {
        return EditingContract.parcel(id, "储备", lakeSquare());
    }

    static String lakeSquare() {
        double side = 0.0003;
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                LAKE_LON,
                LAKE_LAT,
                LAKE_LON + side,
                LAKE_LAT,
                LAKE_LON + side,
                LAKE_LAT + side,
                LAKE_LON,
                LAKE_LAT + side,
                LAKE_LON,
                LAKE_LAT);
    }

    private String newUser(String role) {
        String name = role.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(
                "POST",
                "/api/admin/users",
                basic(ADMIN),
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name + ":correct-horse-battery";
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) {
        return send(method, path, authorization, json, "application/geo+json");
    }

    private HttpResponse<String> send(
            String method, String path, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

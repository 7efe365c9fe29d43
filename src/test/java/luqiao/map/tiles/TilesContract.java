package luqiao.map.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.DatabaseKind;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.support.RawHttp;
import luqiao.map.tiles.vector.VectorTileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tile endpoints' contract, run unchanged against each storage backend over real HTTP, with
 * GDAL's MVT driver as the reference decoder.
 */
abstract class TilesContract {

    /** Central Luqiao (121.42E 28.56N) at z14: parcels, zones and projects meet here. */
    static final TileCoord CITY = TileCoord.of(14, 13717, 6834);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    SpatialStore store;

    @Autowired
    TileCache cache;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DatabaseKind kind;

    @Autowired
    TileStore tileStore;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void gdalDecodesTheVectorTileIntoValidPolygonsWithTheirTrueAreas() throws Exception {
        byte[] tile = get("/tiles/parcels/" + CITY + ".mvt").body();
        JsonNode decoded = gdal(tile, CITY, "parcels");
        Map<String, Geometry> original = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT parcel_no, ST_AsBinary(geom) AS wkb FROM parcels")) {
            original.put((String) row.get("parcel_no"), new WKBReader().read((byte[]) row.get("wkb")));
        }
        Envelope inner = WebMercator.lonLat(CITY, -0.01);
        int compared = 0;
        assertThat(decoded.path("features").size()).isGreaterThan(10);
        for (JsonNode f : decoded.path("features")) {
            Geometry g = new GeoJsonReader().read(f.path("geometry").toString());
            String id = f.path("properties").path("id").asString();
            assertThat(g.isValid()).as("%s decodes to a valid polygon", id).isTrue();
            Geometry source = original.get(id);
            if (inner.contains(source.getEnvelopeInternal())) {
                // A polygon wound the wrong way decodes as a hole or not at all: its area would be off.
                double expected = mercatorArea(source);
                assertThat(g.getArea()).as("area of %s", id).isCloseTo(expected, within(expected * 0.02 + 60));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(5);
        assertThat(ids(tile, "parcels")).isEqualTo(gdalIds(decoded));
    }

    @Test
    void theAllTileCarriesTheThreeLayersWithTheirAttributes() throws Exception {
        byte[] tile = get("/tiles/all/" + CITY + ".mvt").body();
        JtsMvt mvt = decode(tile);
        assertThat(mvt.getLayersByName()).containsKeys("parcels", "zones");
        Map<String, Object> parcel = attributes(mvt.getLayer("parcels")).get(0);
        assertThat(parcel)
                .containsKeys("id", "landuse_code", "landuse_l1_code", "status", "area_m2", "area_mu", "area_ha");
        // The derived areas are 32-bit floats (MVT float_value): seven significant digits.
        double m2 = ((Number) parcel.get("area_m2")).doubleValue();
        assertThat(parcel.get("area_mu")).isInstanceOf(Float.class);
        assertThat(((Number) parcel.get("area_mu")).doubleValue()).isCloseTo(m2 * 15 / 10000, withinPercentage(1e-4));
        // As the items carry it (GeoJsonWriter): a land officer reads hectares from a tile too.
        assertThat(parcel.get("area_ha")).isInstanceOf(Float.class);
        assertThat(((Number) parcel.get("area_ha")).doubleValue()).isCloseTo(m2 / 10000, withinPercentage(1e-4));
        assertThat(attributes(mvt.getLayer("zones")).get(0)).containsKeys("id", "name_zh", "kind");
        assertThat(decode(get("/tiles/projects/10/857/427.mvt").body()).getLayer("projects"))
                .isNotNull();
        assertThat(attributes(decode(get("/tiles/projects/10/857/427.mvt").body())
                                .getLayer("projects"))
                        .get(0))
                .containsKeys("id", "name_zh", "stage", "category");
    }

    @Test
    void thePublicSeesOnlyPublicRowsAndFieldsInTiles() throws Exception {
        TileCoord district = TileCoord.of(10, 857, 427);
        List<Map<String, Object>> projects = attributes(
                decode(get("/tiles/projects/" + district + ".mvt").body()).getLayer("projects"));
        assertThat(projects).isNotEmpty().allSatisfy(p -> assertThat(p.get("stage"))
                .isIn("开工", "竣工"));
        long publicProjects =
                jdbc.queryForObject("SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')", Long.class);
        assertThat(projects).hasSize((int) publicProjects);
        Set<String> hiddenZones =
                new HashSet<>(jdbc.queryForList("SELECT code FROM zones WHERE is_public = FALSE", String.class));
        assertThat(hiddenZones).isNotEmpty();
        assertThat(attributes(
                        decode(get("/tiles/zones/" + district + ".mvt").body()).getLayer("zones")))
                .noneMatch(z -> hiddenZones.contains((String) z.get("id")));
        assertThat(attributes(decode(get("/tiles/all/" + CITY + ".mvt").body()).getLayer("parcels")))
                .allSatisfy(p -> assertThat(p).doesNotContainKey("owner"));
    }

    @Test
    void anUnchangedTileIsA304AndGzipIsOfferedToClientsThatAcceptIt() throws Exception {
        String path = "/tiles/all/" + CITY + ".mvt";
        HttpResponse<byte[]> plain = get(path);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
        assertThat(plain.headers().firstValue("Cache-Control").orElseThrow())
                .contains("max-age=3600")
                .contains("public");
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-None-Match", "\"something-else\"").statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> zipped = get(path, "Accept-Encoding", "gzip");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        // Several Vary lines may come (CORS adds Origin); together they must name Accept-Encoding.
        assertThat(String.join(",", zipped.headers().allValues("Vary"))).contains("Accept-Encoding");
        assertThat(zipped.body().length).isLessThan(plain.body().length);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        String zippedEtag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(zippedEtag).isNotEqualTo(etag);
        assertThat(get(path, "If-None-Match", zippedEtag, "Accept-Encoding", "gzip")
                        .statusCode())
                .isEqualTo(304);
    }

    /**
     * Issue #18, warm tiles: a cached public tile is answered ahead of the security chain and Spring MVC
     * ({@link CachedTileFilter}) with what the normal path answers, header for header (but the date) and byte for
     * byte, gzip and 304 included. A request with a cookie goes the normal way, and a signed-in user, by session or
     * by credentials, gets the tile of what they may see, never the public one from the cache.
     */
    @Test
    void aCachedPublicTileIsAnsweredAheadOfTheChainExactlyAsTheNormalPathAnswersIt() throws Exception {
        TileCoord coord = TileCoord.of(9, 428, 213);
        String path = "/tiles/all/" + coord + ".mvt";
        assertThat(cache.isCached(new TileRequest(TileSet.ALL, coord, TileFormat.MVT, Audience.PUBLIC)))
                .as("the test's tile is not cached yet")
                .isFalse();
        List<String> dispatched = new CopyOnWriteArrayList<>();
        ApplicationListener<ServletRequestHandledEvent> listener = e -> dispatched.add(e.getRequestUrl());
        context.addApplicationListener(listener);
        try {
            RawHttp anonymous = new RawHttp(port, "127.0.0.1");
            RawHttp.Response first = answer(dispatched, true, () -> anonymous.get(path));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.bytes()).isNotEmpty();
            RawHttp.Response cached = answer(dispatched, false, () -> anonymous.get(path));
            assertSameAnswer(cached, first);
            assertSameAnswer(answer(dispatched, true, () -> anonymous.get(path, "Cookie", "theme=dark")), first);

            RawHttp.Response zipped = answer(dispatched, false, () -> anonymous.get(path, "Accept-Encoding", "gzip"));
            assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
            assertSameAnswer(
                    zipped,
                    answer(dispatched, true, () -> anonymous.get(path, "Accept-Encoding", "gzip", "Cookie", "a=b")));
            String etag = first.header("ETag");
            RawHttp.Response unchanged = answer(dispatched, false, () -> anonymous.get(path, "If-None-Match", etag));
            assertThat(unchanged.status()).isEqualTo(304);
            assertSameAnswer(
                    unchanged,
                    answer(dispatched, true, () -> anonymous.get(path, "If-None-Match", etag, "Cookie", "a=b")));

            RawHttp browser = new RawHttp(port, "127.0.0.1").withCookies();
            String csrf =
                    browser.get("/api/me").json().path("csrf").path("token").asString();
            assertThat(browser.send(
                                    "POST",
                                    "/login",
                                    "username=admin&password=test-admin-password&_csrf=" + csrf,
                                    "Content-Type",
                                    "application/x-www-form-urlencoded")
                            .status())
                    .isEqualTo(302);
            RawHttp.Response bySession = answer(dispatched, true, () -> browser.get(path));
            assertThat(bySession.header("Cache-Control")).contains("private");
            assertThat(bySession.header("ETag")).as("the staff's tile").isNotEqualTo(etag);
            RawHttp.Response byCredentials =
                    answer(dispatched, true, () -> anonymous.getAs("admin:test-admin-password", path));
            assertThat(byCredentials.header("ETag")).isEqualTo(bySession.header("ETag"));
        } finally {
            context.removeApplicationListener(listener);
        }
    }

    /** The answer, checking whether it came through Spring MVC (which announces each request it handled) or not. */
    private static RawHttp.Response answer(
            List<String> dispatched, boolean normalPath, Supplier<RawHttp.Response> request) {
        int before = dispatched.size();
        RawHttp.Response response = request.get();
        assertThat(dispatched)
                .as(normalPath ? "answered through Spring MVC" : "answered ahead of the security chain and Spring MVC")
                .hasSize(before + (normalPath ? 1 : 0));
        return response;
    }

    private static void assertSameAnswer(RawHttp.Response actual, RawHttp.Response expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(withoutDate(actual)).isEqualTo(withoutDate(expected));
        assertThat(actual.bytes()).isEqualTo(expected.bytes());
    }

    private static List<String> withoutDate(RawHttp.Response response) {
        return response.headerList().stream()
                .filter(h -> !h[0].equalsIgnoreCase("Date"))
                .map(h -> h[0] + ": " + h[1])
                .toList();
    }

    @Test
    void pngTilesAre256And512PixelsAndEmptyOnesAreTiny() throws Exception {
        HttpResponse<byte[]> small = get("/tiles/all/" + CITY + ".png");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(small.body()));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
        assertThat(opaquePixels(image)).as("drawn pixels").isGreaterThan(2000);
        BufferedImage large = ImageIO.read(
                new ByteArrayInputStream(get("/tiles/all/" + CITY + "@2x.png").body()));
        assertThat(large.getWidth()).isEqualTo(512);
        assertThat(large.getHeight()).isEqualTo(512);

        HttpResponse<byte[]> empty = get("/tiles/all/5/1/1.png");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body().length).isLessThan(200);
        BufferedImage blank = ImageIO.read(new ByteArrayInputStream(empty.body()));
        assertThat(blank.getWidth()).isEqualTo(256);
        assertThat(opaquePixels(blank)).isZero();
        assertThat(get("/tiles/all/5/1/1.mvt").body()).isEmpty();
    }

    @ParameterizedTest(name = "max-features {0}, max-bytes {1}")
    @CsvSource({"25, 1000000", "20000, 4096"})
    void aTileOverItsCapsIsThinnedToItsLargestFeaturesNotRefused(int maxFeatures, int maxBytes) throws Exception {
        TileCoord dense = TileCoord.of(12, 3429, 1708);
        Map<String, Double> full = new HashMap<>();
        attributes(decode(get("/tiles/parcels/" + dense + ".mvt").body()).getLayer("parcels"))
                .forEach(a -> full.put((String) a.get("id"), ((Number) a.get("area_m2")).doubleValue()));
        byte[] fullTile = get("/tiles/parcels/" + dense + ".mvt").body();
        assertThat(full.size() > maxFeatures || fullTile.length > maxBytes)
                .as("the tile exceeds the caps under test")
                .isTrue();

        TileSettings caps =
                new TileSettings(TileSettings.Encoder.AUTO, 0, Duration.ofHours(1), 64, maxFeatures, maxBytes, 1.0, 12);
        byte[] thinned = new VectorTileSource(kind, tileStore, new TileFeatureReader(tileStore, caps), caps)
                .render(new TileRequest(TileSet.PARCELS, dense, TileFormat.MVT, Audience.PUBLIC));

        assertThat(thinned.length).as("bytes of the thinned tile").isPositive().isLessThanOrEqualTo(maxBytes);
        Set<String> kept = ids(thinned, "parcels");
        assertThat(kept)
                .as("features of the thinned tile")
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(maxFeatures)
                .hasSizeLessThan(full.size());
        assertThat(full.keySet()).containsAll(kept);
        double smallestKept = kept.stream().mapToDouble(full::get).min().orElseThrow();
        double largestDropped = full.entrySet().stream()
                .filter(e -> !kept.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .max()
                .orElseThrow();
        assertThat(smallestKept).as("the largest parcels are the ones kept").isGreaterThanOrEqualTo(largestDropped);
    }

    @ParameterizedTest(name = "{0} -> {1} naming {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/tiles/parcels/23/0/0.mvt        | 400 | z",
                "/tiles/parcels/-1/0/0.mvt        | 400 | z",
                "/tiles/parcels/3/8/0.mvt         | 400 | x",
                "/tiles/parcels/3/0/8.png         | 400 | y",
                "/tiles/parcels/3/0/99@2x.png     | 400 | y",
                "/tiles/parcels/a/0/0.mvt         | 400 | z",
                "/tiles/parcels/3/0/99999999999.mvt | 400 | y",
                "/tiles/roads/3/0/0.mvt           | 404 | roads",
                "/tiles/owners/3/0/0.png          | 404 | owners"
            })
    void badTileRequestsGetAProblem(String path, int status, String named) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("detail").asString()).contains(named);
    }

    @Test
    void aNewParcelShowsInTheNextTileFetchAndOnlyTheTilesItTouchesAreEvicted() throws Exception {
        TileCoord target = TileCoord.of(16, 54871, 27339);
        TileCoord parent = TileCoord.of(12, 3429, 1708);
        TileCoord elsewhere = TileCoord.of(16, 54860, 27339);
        for (TileCoord t : List.of(target, parent, elsewhere)) {
            get("/tiles/parcels/" + t + ".mvt");
            get("/tiles/all/" + t + ".png");
        }
        String beforePng = get("/tiles/all/" + target + ".png")
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        assertThat(cache.isCached(request(TileSet.PARCELS, target, TileFormat.MVT)))
                .isTrue();
        assertThat(cache.isCached(request(TileSet.PARCELS, elsewhere, TileFormat.MVT)))
                .isTrue();

        String id = "LQ-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        Envelope inside = WebMercator.lonLat(target, -0.3);
        Geometry square = new GeometryFactory().createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {
            (org.locationtech.jts.geom.Polygon) new GeometryFactory().toGeometry(inside)
        });
        store.insertAll(
                Layer.PARCELS,
                List.of(new Feature(
                        id,
                        Map.of(
                                "landuse_code",
                                "0701",
                                "landuse_name",
                                "城镇住宅用地",
                                "landuse_l1_code",
                                "07",
                                "landuse_l1_name",
                                "居住用地",
                                "status",
                                "储备",
                                "farmland_protected",
                                false),
                        square)));

        assertThat(cache.isCached(request(TileSet.PARCELS, target, TileFormat.MVT)))
                .as("the touched tile is evicted")
                .isFalse();
        assertThat(cache.isCached(request(TileSet.ALL, target, TileFormat.PNG))).isFalse();
        assertThat(cache.isCached(request(TileSet.PARCELS, parent, TileFormat.MVT)))
                .as("so is its parent at z12")
                .isFalse();
        assertThat(cache.isCached(request(TileSet.PARCELS, elsewhere, TileFormat.MVT)))
                .as("a tile it misses stays")
                .isTrue();
        assertThat(ids(get("/tiles/parcels/" + target + ".mvt").body(), "parcels"))
                .contains(id);
        assertThat(ids(get("/tiles/parcels/" + parent + ".mvt").body(), "parcels"))
                .contains(id);
        assertThat(get("/tiles/all/" + target + ".png")
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow())
                .isNotEqualTo(beforePng);
    }

    @Test
    void aNewParcelEvictsExactlyTheGeographicTilesItTouchesAndShowsInThem() throws Exception {
        // CGCS2000 level 16 (the WMTS's lon/lat grid): a tile in the district's north-west, where no parcel lies
        // yet, and one ten tiles west.
        TileGrid grid = TileGrid.CGCS2000_GEOGRAPHIC;
        double size = grid.tileSize(16);
        TileCoord target = TileCoord.of(16, (int) ((121.30 + 180) / size), (int) ((90 - 28.63) / size));
        TileCoord elsewhere = TileCoord.of(16, target.x() - 10, target.y());
        TileRequest targetPng = new TileRequest(TileSet.PARCELS, grid, target, TileFormat.PNG, Audience.PUBLIC, null);
        TileRequest elsewherePng =
                new TileRequest(TileSet.PARCELS, grid, elsewhere, TileFormat.PNG, Audience.PUBLIC, null);
        assertThat(opaquePixels(ImageIO.read(
                        new ByteArrayInputStream(cache.get(targetPng).body()))))
                .as("no parcel in the tile before")
                .isZero();
        cache.get(elsewherePng);
        assertThat(cache.isCached(targetPng)).isTrue();

        Envelope inside = grid.lonLat(target, -0.3);
        String id = "LQ-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        store.insertAll(
                Layer.PARCELS,
                List.of(new Feature(
                        id,
                        Map.of(
                                "landuse_code",
                                "0701",
                                "landuse_name",
                                "城镇住宅用地",
                                "landuse_l1_code",
                                "07",
                                "landuse_l1_name",
                                "居住用地",
                                "status",
                                "储备",
                                "farmland_protected",
                                false),
                        new GeometryFactory().createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {
                            (org.locationtech.jts.geom.Polygon) new GeometryFactory().toGeometry(inside)
                        }))));

        assertThat(cache.isCached(targetPng)).as("the touched tile is evicted").isFalse();
        assertThat(cache.isCached(elsewherePng)).as("a tile it misses stays").isTrue();
        BufferedImage drawn =
                ImageIO.read(new ByteArrayInputStream(cache.get(targetPng).body()));
        // The square covers the tile's middle 40 %, as a lon/lat grid draws it: straight, not stretched.
        assertThat(drawn.getRGB(128, 128) >>> 24)
                .as("the new parcel fills the middle")
                .isGreaterThan(100);
        assertThat(drawn.getRGB(128, 82) >>> 24)
                .as("just inside its north edge")
                .isGreaterThan(100);
        assertThat(drawn.getRGB(128, 74) >>> 24)
                .as("just outside its north edge")
                .isLessThan(100);
    }

    @Test
    void tileJsonDescribesTheSetWithBoundsZoomsAndLayerFields() throws Exception {
        JsonNode json = JSON.readTree(get("/tiles/all.json").body());
        assertThat(json.path("tilejson").asString()).isEqualTo("3.0.0");
        assertThat(json.path("tiles").get(0).asString()).endsWith("/tiles/all/{z}/{x}/{y}.mvt");
        assertThat(json.path("minzoom").asInt()).isZero();
        assertThat(json.path("maxzoom").asInt()).isEqualTo(22);
        JsonNode bounds = json.path("bounds");
        assertThat(bounds.get(0).asDouble()).isBetween(121.0, 121.6);
        assertThat(bounds.get(3).asDouble()).isBetween(28.4, 28.9);
        assertThat(json.path("vector_layers").valueStream().map(l -> l.path("id")
                        .asString()))
                .containsExactly("parcels", "zones", "projects");
        JsonNode parcels = json.path("vector_layers").get(0).path("fields");
        assertThat(parcels.path("landuse_code").asString()).isEqualTo("String");
        assertThat(parcels.path("area_mu").asString()).isEqualTo("Number");
        assertThat(parcels.path("area_ha").asString()).isEqualTo("Number");
        assertThat(parcels.has("owner")).isFalse();
        assertThat(get("/tiles/roads.json").statusCode()).isEqualTo(404);
    }

    @Test
    void ogcApiTilesServesTheMatrixSetTheTilesetAndTilesByRowThenColumn() throws Exception {
        JsonNode tms = JSON.readTree(get("/ogc/tileMatrixSets/WebMercatorQuad").body());
        assertThat(tms.path("crs").asString()).endsWith("/EPSG/0/3857");
        assertThat(tms.path("tileMatrices").size()).isEqualTo(23);
        assertThat(tms.path("tileMatrices").get(14).path("matrixWidth").asLong())
                .isEqualTo(16384);
        assertThat(tms.path("tileMatrices").get(0).path("scaleDenominator").asDouble())
                .isCloseTo(559082264.028717, within(1e-3));
        assertThat(get("/ogc/tileMatrixSets/WorldCRS84Quad").statusCode()).isEqualTo(404);

        JsonNode tileset = JSON.readTree(
                get("/ogc/collections/parcels/tiles/WebMercatorQuad").body());
        assertThat(tileset.path("dataType").asString()).isEqualTo("vector");
        String template = tileset.path("links")
                .valueStream()
                .filter(l -> l.path("rel").asString().equals("item"))
                .findFirst()
                .orElseThrow()
                .path("href")
                .asString();
        assertThat(template)
                .endsWith("/ogc/collections/parcels/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
        String path = template.substring(template.indexOf("/ogc/"))
                .replace("{tileMatrix}", "14")
                .replace("{tileRow}", Integer.toString(CITY.y()))
                .replace("{tileCol}", Integer.toString(CITY.x()));
        assertThat(get(path).body())
                .isEqualTo(get("/tiles/parcels/" + CITY + ".mvt").body())
                .isNotEmpty();
        HttpResponse<byte[]> bad = get("/ogc/collections/parcels/tiles/WebMercatorQuad/3/9/0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("parameter").asString()).isEqualTo("tileRow");
        assertThat(get("/ogc/collections/roads/tiles/WebMercatorQuad/3/0/0").statusCode())
                .isEqualTo(404);
        assertThat(JSON.readTree(get("/ogc/collections/zones/tiles").body())
                        .path("tilesets")
                        .size())
                .isEqualTo(1);
    }

    private static TileRequest request(TileSet set, TileCoord coord, TileFormat format) {
        return new TileRequest(set, coord, format, Audience.PUBLIC);
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JtsMvt decode(byte[] tile) throws IOException {
        return MvtReader.loadMvt(
                new ByteArrayInputStream(tile),
                new GeometryFactory(),
                new TagKeyValueMapConverter(),
                MvtReader.RING_CLASSIFIER_V2_1);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attributes(JtsLayer layer) {
        return layer.getGeometries().stream()
                .map(g -> (Map<String, Object>) g.getUserData())
                .toList();
    }

    static Set<String> ids(byte[] tile, String layer) throws IOException {
        JtsLayer l = decode(tile).getLayer(layer);
        Set<String> ids = new HashSet<>();
        if (l != null) {
            attributes(l).forEach(a -> ids.add((String) a.get("id")));
        }
        return ids;
    }

    /** GDAL's MVT driver (ogr2ogr) as the reference decoder: the layer as GeoJSON in EPSG:3857. */
    static JsonNode gdal(byte[] tile, TileCoord coord, String layer) throws IOException, InterruptedException {
        Path file = Files.createTempFile("tile", ".mvt");
        try {
            Files.write(file, tile);
            Process p = new ProcessBuilder(
                            "ogr2ogr",
                            "-f",
                            "GeoJSON",
                            "/vsistdout/",
                            file.toString(),
                            layer,
                            "-oo",
                            "CLIP=NO",
                            "-oo",
                            "Z=" + coord.z(),
                            "-oo",
                            "X=" + coord.x(),
                            "-oo",
                            "Y=" + coord.y())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("ogr2ogr exit status").isZero();
            return JSON.readTree(out);
        } finally {
            Files.delete(file);
        }
    }

    private static Set<String> gdalIds(JsonNode collection) {
        Set<String> ids = new HashSet<>();
        collection
                .path("features")
                .forEach(f -> ids.add(f.path("properties").path("id").asString()));
        return ids;
    }

    private static double mercatorArea(Geometry lonLat) {
        Geometry g = lonLat.copy();
        g.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            c.x = WebMercator.x(c.x);
            c.y = WebMercator.y(c.y);
        });
        g.geometryChanged();
        return g.getArea();
    }

    private static int opaquePixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0) {
                    n++;
                }
            }
        }
        return n;
    }
}

package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import luqiao.map.support.Http;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import tools.jackson.databind.JsonNode;

/**
 * OGC API – Tiles 1.0 as a client that knows only the standard finds the tiles: from the landing page
 * by link relations alone, to a tile of every collection and of the dataset, as vector (MVT) and map
 * (PNG) tiles; the conformance declaration, the tile matrix set in the JSON encoding of the 2D Tile
 * Matrix Set standard 2.0, the tileset limits and the API document's tile operations.
 */
abstract class OgcTilesContract extends BackendContract {

    static final String TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    static final String TILESETS_MAP = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map";
    static final String TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    static final String MVT = "application/vnd.mapbox-vector-tile";
    static final String PNG = "image/png";
    /** The zoom the walk fetches its tiles at: a parcel, a project and a zone each fill part of a tile. */
    static final int ZOOM = 14;

    /**
     * Every class the conformance declaration may name, each with the test here or in {@link OgcApiContract}
     * that exercises its requirements. The declaration must be exactly this list: a class no test exercises
     * is not declared.
     */
    static final Map<String, String> EXERCISED = new LinkedHashMap<>();

    static {
        String features = "http://www.opengis.net/spec/ogcapi-features-";
        EXERCISED.put(features + "1/1.0/conf/core", "OgcApiContract: landing page, collections, paging, features");
        EXERCISED.put(features + "1/1.0/conf/oas30", "OgcApiContract.theApiDefinitionIsSelfContainedOpenApi30");
        EXERCISED.put(features + "1/1.0/conf/html", "OgcApiContract.everyResourceHasAnHtmlViewWithEscapedText");
        EXERCISED.put(features + "1/1.0/conf/geojson", "OgcApiContract: every items request");
        EXERCISED.put(features + "2/1.0/conf/crs", "OgcApiContract.geometriesComeInTheRequestedCrs…");
        EXERCISED.put(features + "3/1.0/conf/filter", "OgcApiContract.cql2TextAndJsonFilters…");
        EXERCISED.put(features + "3/1.0/conf/features-filter", "OgcApiContract.cql2TextAndJsonFilters…");
        EXERCISED.put(features + "3/1.0/conf/queryables", "OgcApiContract.theQueryablesListOnly…");
        EXERCISED.put(
                features + "4/1.0/conf/create-replace-delete",
                "OgcEditingContract.createReplaceUpdateAndDeleteKeepEveryVersionInTheHistory");
        EXERCISED.put(features + "4/1.0/conf/update", "OgcEditingContract.createReplaceUpdateAndDelete… (PATCH)");
        EXERCISED.put(features + "4/1.0/conf/features", "OgcEditingContract: GeoJSON bodies, Content-Crs");
        String cql2 = "http://www.opengis.net/spec/cql2/1.0/conf/";
        EXERCISED.put(cql2 + "cql2-text", "OgcApiContract.cql2TextAndJsonFilters…");
        EXERCISED.put(cql2 + "cql2-json", "OgcApiContract.cql2TextAndJsonFilters…");
        EXERCISED.put(cql2 + "basic-cql2", "OgcApiContract.cql2TextAndJsonFilters…");
        EXERCISED.put(cql2 + "advanced-comparison-operators", "OgcApiContract.cql2TextAndJsonFilters… (IN, LIKE)");
        EXERCISED.put(cql2 + "case-insensitive-comparison", "Cql2TextParserTest, H2gis/PostgisFilterTest (CASEI)");
        EXERCISED.put(cql2 + "basic-spatial-functions", "OgcApiContract.spatialFiltersAgreeWithJts…");
        EXERCISED.put(cql2 + "basic-spatial-functions-plus", "OgcApiContract.spatialFiltersAgreeWithJts…");
        EXERCISED.put(cql2 + "spatial-functions", "OgcApiContract.spatialFiltersAgreeWithJts…");
        String tiles = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/";
        EXERCISED.put(tiles + "core", "aClientFollowingLinks… and tilesOutsideTheLimitsAre404…");
        EXERCISED.put(tiles + "tileset", "aClientFollowingLinks… (tileset metadata, templated item links)");
        EXERCISED.put(tiles + "tilesets-list", "aClientFollowingLinks… (the …/tiles lists)");
        EXERCISED.put(tiles + "geodata-tilesets", "aClientFollowingLinks… (each collection's tilesets links)");
        EXERCISED.put(tiles + "dataset-tilesets", "aClientFollowingLinks… (the landing page's tilesets links)");
        EXERCISED.put(tiles + "oas30", "theApiDocumentDescribesEveryTileResource…");
        EXERCISED.put(tiles + "mvt", "aClientFollowingLinks… (MVT decoded, the feature in its layer)");
        EXERCISED.put(tiles + "png", "aClientFollowingLinks… (PNG decoded, 256 px, drawn)");
        EXERCISED.put("http://www.opengis.net/spec/tms/2.0/conf/tilematrixset", "theTileMatrixSetIsTheStandards…");
        EXERCISED.put("http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset", "theTileMatrixSetIsTheStandards…");
    }

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theConformanceDeclarationNamesExactlyTheClassesTheTestsExercise() {
        List<String> declared = http.get("/ogc/conformance")
                .json()
                .path("conformsTo")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(declared).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(EXERCISED.keySet());
    }

    @Test
    void aClientFollowingLinksFromTheLandingPageReachesATileOfEveryCollectionInBothFormats() throws Exception {
        JsonNode landing = http.get("/ogc").json();
        JsonNode collections =
                http.get(href(landing, "data", "application/json")).json();
        List<String> walked = new ArrayList<>();
        for (JsonNode listed : collections.path("collections")) {
            JsonNode collection =
                    http.get(href(listed, "self", "application/json")).json();
            String id = collection.path("id").asString();
            if (!hasLink(collection, TILESETS_VECTOR)) {
                // The projects of one geometry type (projects_points …) are views of projects, whose tiles hold them.
                assertThat(id).startsWith("projects_");
                assertThat(hasLink(collection, TILESETS_MAP)).isFalse();
                continue;
            }
            JsonNode feature = http.get(href(collection, "items", "application/geo+json") + "?limit=1")
                    .json()
                    .path("features")
                    .get(0);
            walk(collection, TILESETS_VECTOR, id, feature);
            walk(collection, TILESETS_MAP, id, feature);
            walked.add(id);
        }
        assertThat(walked).containsExactly("zones", "projects", "parcels");
        // The dataset: the landing page's links lead to the tiles of all collections at once.
        JsonNode parcel = http.get("/ogc/collections/parcels/items?limit=1&offset=200")
                .json()
                .path("features")
                .get(0);
        walk(landing, TILESETS_VECTOR, "parcels", parcel);
        walk(landing, TILESETS_MAP, "parcels", parcel);
    }

    /**
     * From a resource's tilesets link to the tile holding the feature: the list, its tileset's metadata (by its
     * {@code self} link), the tile matrix set (by {@code tiling-scheme}) and the tile (by the templated
     * {@code item} link of the format), checked against the tileset's limits and decoded.
     */
    private void walk(JsonNode resource, String rel, String layer, JsonNode feature) throws Exception {
        boolean vector = rel.equals(TILESETS_VECTOR);
        JsonNode list = http.get(href(resource, rel, "application/json")).json();
        assertThat(list.path("tilesets").size()).as("%s of %s", rel, layer).isEqualTo(1);
        JsonNode entry = list.path("tilesets").get(0);
        assertThat(entry.path("dataType").asString()).isEqualTo(vector ? "vector" : "map");
        assertThat(entry.path("crs").asString()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        assertThat(href(entry, TILING_SCHEME, "application/json")).isNotBlank();

        JsonNode tileset = http.get(href(entry, "self", "application/json")).json();
        assertThat(tileset.path("dataType").asString()).isEqualTo(vector ? "vector" : "map");
        assertThat(tileset.path("tileMatrixSetURI").asString())
                .isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        JsonNode tms =
                http.get(href(tileset, TILING_SCHEME, "application/json")).json();
        assertThat(tms.path("crs").asString()).isEqualTo(tileset.path("crs").asString());
        JsonNode item = link(tileset, "item", vector ? MVT : PNG);
        assertThat(item.path("templated").asBoolean()).isTrue();
        String template = item.path("href").asString();
        assertThat(template).contains("{tileMatrix}", "{tileRow}", "{tileCol}");

        Point at = geometry(feature).getInteriorPoint();
        long n = 1L << ZOOM;
        long col = (long) Math.floor((at.getX() + 180) / 360 * n);
        double lat = Math.toRadians(at.getY());
        long row = (long) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
        JsonNode limits = tileset.path("tileMatrixSetLimits")
                .valueStream()
                .filter(l -> l.path("tileMatrix").asString().equals(Integer.toString(ZOOM)))
                .findFirst()
                .orElseThrow();
        assertThat(row)
                .isBetween(
                        limits.path("minTileRow").asLong(),
                        limits.path("maxTileRow").asLong());
        assertThat(col)
                .isBetween(
                        limits.path("minTileCol").asLong(),
                        limits.path("maxTileCol").asLong());

        HttpResponse<byte[]> tile = bytes(template.replace("{tileMatrix}", Integer.toString(ZOOM))
                .replace("{tileRow}", Long.toString(row))
                .replace("{tileCol}", Long.toString(col)));
        assertThat(tile.statusCode()).as(template).isEqualTo(200);
        assertThat(tile.headers().firstValue("Content-Type")).hasValue(vector ? MVT : PNG);
        if (vector) {
            JtsLayer decoded = MvtReader.loadMvt(
                            new ByteArrayInputStream(tile.body()),
                            new GeometryFactory(),
                            new TagKeyValueMapConverter(),
                            MvtReader.RING_CLASSIFIER_V2_1)
                    .getLayer(layer);
            assertThat(decoded).as("layer %s in %s", layer, template).isNotNull();
            Set<Object> ids = decoded.getGeometries().stream()
                    .map(g -> ((Map<?, ?>) g.getUserData()).get("id"))
                    .collect(Collectors.toSet());
            assertThat(ids).contains(feature.path("id").asString());
        } else {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(tile.body()));
            assertThat(image.getWidth()).isEqualTo(256);
            assertThat(image.getHeight()).isEqualTo(256);
            assertThat(opaquePixels(image)).as("%s draws something", template).isPositive();
        }
    }

    @Test
    void theTileMatrixSetIsTheStandardsWebMercatorQuadInItsJsonEncoding() {
        JsonNode list = http.get(href(http.get("/ogc").json(), "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"))
                .json();
        JsonNode entry = list.path("tileMatrixSets").get(0);
        assertThat(entry.path("id").asString()).isEqualTo("WebMercatorQuad");
        JsonNode tms = http.get(href(entry, "self", "application/json")).json();
        assertThat(tms.path("uri").asString())
                .isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        assertThat(tms.path("crs").asString()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        JsonNode matrices = tms.path("tileMatrices");
        assertThat(matrices.size()).isEqualTo(23);
        double halfWorld = Math.PI * 6378137;
        for (int z = 0; z < matrices.size(); z++) {
            JsonNode m = matrices.get(z);
            assertThat(m.propertyNames())
                    .contains(
                            "id",
                            "scaleDenominator",
                            "cellSize",
                            "pointOfOrigin",
                            "tileWidth",
                            "tileHeight",
                            "matrixWidth",
                            "matrixHeight");
            assertThat(m.path("id").asString()).isEqualTo(Integer.toString(z));
            assertThat(m.path("cornerOfOrigin").asString()).isEqualTo("topLeft");
            assertThat(m.path("pointOfOrigin").get(0).asDouble()).isCloseTo(-halfWorld, within(1e-6));
            assertThat(m.path("pointOfOrigin").get(1).asDouble()).isCloseTo(halfWorld, within(1e-6));
            assertThat(m.path("matrixWidth").asLong()).isEqualTo(1L << z);
            assertThat(m.path("matrixHeight").asLong()).isEqualTo(1L << z);
            // Annex D.1: 0.28 mm pixels, so the cell size is the scale denominator times 0.00028 m.
            assertThat(m.path("cellSize").asDouble())
                    .isCloseTo(m.path("scaleDenominator").asDouble() * 0.00028, withinPercentage(1e-6));
            assertThat(m.path("cellSize").asDouble() * 256 * (1L << z)).isCloseTo(2 * halfWorld, within(1e-3));
        }
        assertThat(http.get("/ogc/tileMatrixSets/WorldCRS84Quad").status()).isEqualTo(404);
    }

    @Test
    void tilesOutsideTheTilesetLimitsAre404AndTheLimitsHoldEveryFeature() throws Exception {
        JsonNode tileset =
                http.get("/ogc/collections/parcels/tiles/WebMercatorQuad").json();
        JsonNode bbox = http.get("/ogc/collections/parcels")
                .json()
                .path("extent")
                .path("spatial")
                .path("bbox")
                .get(0);
        assertThat(tileset.path("boundingBox").path("lowerLeft").get(0).asDouble())
                .isCloseTo(bbox.get(0).asDouble(), within(1e-9));
        JsonNode limits = tileset.path("tileMatrixSetLimits");
        assertThat(limits.size()).isEqualTo(23);
        JsonNode z14 = limits.get(ZOOM);
        // Every corner of the collection's extent lies in a tile within the limits.
        for (double lon : new double[] {bbox.get(0).asDouble(), bbox.get(2).asDouble()}) {
            long col = (long) Math.floor((lon + 180) / 360 * (1L << ZOOM));
            assertThat(col)
                    .isBetween(
                            z14.path("minTileCol").asLong(),
                            z14.path("maxTileCol").asLong());
        }
        String tiles = "/ogc/collections/parcels/tiles/WebMercatorQuad/14/";
        long inRow = z14.path("minTileRow").asLong();
        long inCol = z14.path("minTileCol").asLong();
        assertThat(bytes(tiles + inRow + "/" + inCol).statusCode()).isEqualTo(200);
        for (String outside : List.of(
                (inRow - 1) + "/" + inCol,
                inRow + "/" + (inCol - 1),
                "0/0",
                (z14.path("maxTileRow").asLong() + 1) + "/" + inCol)) {
            Http.Response r = http.get(tiles + outside);
            assertThat(r.status()).as(outside).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(http.get("/ogc/map/tiles/WebMercatorQuad/14/0/0").status()).isEqualTo(404);
        Http.Response beyond = http.get(tiles + "16384/0");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().path("parameter").asString()).isEqualTo("tileRow");
    }

    @Test
    void theApiDocumentDescribesEveryTileResourceWithTheStandardsOperationIds() {
        JsonNode api = http.get("/ogc/api").json();
        JsonNode paths = api.path("paths");
        Map<String, String> suffixes = new LinkedHashMap<>();
        for (String origin : List.of("dataset", "collection")) {
            String prefix = origin.equals("dataset") ? "" : "/collections/{collectionId}";
            for (String type : List.of("vector", "map")) {
                String tiles = prefix + (type.equals("vector") ? "/tiles" : "/map/tiles");
                String suffix = "." + origin + "." + type + ".";
                suffixes.put(tiles, suffix + "getTileSetsList");
                suffixes.put(tiles + "/{tileMatrixSetId}", suffix + "getTileSet");
                suffixes.put(tiles + "/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", suffix + "getTile");
            }
        }
        suffixes.forEach((path, suffix) -> {
            assertThat(paths.has(path)).as("the API document has %s", path).isTrue();
            assertThat(paths.path(path).path("get").path("operationId").asString())
                    .as(path)
                    .endsWith(suffix);
        });
        assertThat(paths.path("/tileMatrixSets").path("get").path("operationId").asString())
                .isEqualTo("getTileMatrixSetsList");
        assertThat(paths.path("/tileMatrixSets/{tileMatrixSetId}")
                        .path("get")
                        .path("operationId")
                        .asString())
                .isEqualTo("getTileMatrixSet");
        // The parameters as /req/core/tc-tilematrix-definition, tc-tilerow-definition, tc-tilecol-definition define
        // them.
        JsonNode parameters = api.path("components").path("parameters");
        assertThat(parameters.path("tileMatrix").path("schema").path("type").asString())
                .isEqualTo("string");
        for (String name : List.of("tileRow", "tileCol")) {
            JsonNode p = parameters.path(name);
            assertThat(p.path("in").asString()).isEqualTo("path");
            assertThat(p.path("required").asBoolean()).isTrue();
            assertThat(p.path("schema").path("type").asString()).isEqualTo("integer");
            assertThat(p.path("schema").path("minimum").asInt()).isZero();
        }
        // Every tile path the links lead to is in the document (/req/oas30/completeness).
        String base = "http://localhost:" + port + "/ogc";
        for (String rel : List.of(TILESETS_VECTOR, TILESETS_MAP)) {
            String list = href(http.get("/ogc").json(), rel, "application/json");
            assertThat(paths.has(list.substring(base.length()))).as(list).isTrue();
            String collectionList = href(http.get("/ogc/collections/zones").json(), rel, "application/json");
            assertThat(paths.has(collectionList.substring(base.length()).replace("/zones/", "/{collectionId}/")))
                    .as(collectionList)
                    .isTrue();
        }
    }

    private static JsonNode link(JsonNode resource, String rel, String type) {
        return resource.path("links")
                .valueStream()
                .filter(l -> l.path("rel").asString().equals(rel)
                        && (type == null || l.path("type").asString().equals(type)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link rel=" + rel + " type=" + type + " in " + resource));
    }

    private static boolean hasLink(JsonNode resource, String rel) {
        return resource.path("links")
                .valueStream()
                .anyMatch(l -> l.path("rel").asString().equals(rel));
    }

    private static String href(JsonNode resource, String rel, String type) {
        return link(resource, rel, type).path("href").asString();
    }

    private static String href(JsonNode resource, String rel) {
        return href(resource, rel, null);
    }

    private HttpResponse<byte[]> bytes(String pathOrUrl) throws IOException, InterruptedException {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + port + pathOrUrl;
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
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

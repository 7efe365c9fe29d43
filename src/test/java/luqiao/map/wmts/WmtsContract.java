package luqiao.map.wmts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import luqiao.map.tiles.TileGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WMTS over real HTTP on each backend: capabilities valid against the OGC schemas in both bindings, tiles
 * the same bytes as the XYZ ones, the audience rules of the tiles, exception reports for bad requests, and GDAL's
 * WMTS driver as the client that draws the district in both tile matrix sets.
 */
abstract class WmtsContract {

    static final String WMTS = Capabilities.WMTS;
    static final String OWS = Capabilities.OWS;
    static final Set<String> PUBLIC_STAGES = Set.of("开工", "竣工");
    /** A GetTile of the city at GoogleMapsCompatible 14 (tile 14/13717/6834, as TilesContract's CITY). */
    static final String GET_TILE = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=all&STYLE=default"
            + "&FORMAT=image/png&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=14&TILEROW=6834&TILECOL=13717";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ADMIN = "admin:test-admin-password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    // ---------------------------------------------------------------- capabilities

    @Test
    void theCapabilitiesOfBothBindingsAreOneDocumentValidAgainstTheWmtsSchema() throws Exception {
        HttpResponse<byte[]> kvp = get("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities");
        assertThat(kvp.statusCode()).isEqualTo(200);
        assertThat(kvp.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        String xml = text(kvp);
        assertThat(OgcSchemas.errors(OgcSchemas.WMTS_CAPABILITIES, xml)).isEmpty();
        assertThat(text(get("/wmts/1.0.0/WMTSCapabilities.xml"))).isEqualTo(xml);
        assertThat(text(get("/wmts?service=wmts&request=getcapabilities&acceptversions=1.0.0")))
                .as("KVP names are case-insensitive")
                .isEqualTo(xml);
        String planners = text(get("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", planner()));
        assertThat(OgcSchemas.errors(OgcSchemas.WMTS_CAPABILITIES, planners)).isEmpty();

        Document doc = parse(xml);
        List<Element> layers = children(doc.getDocumentElement(), WMTS, "Contents", WMTS, "Layer");
        assertThat(layers.stream().map(l -> text(l, OWS, "Identifier")))
                .containsExactly("zones", "projects", "parcels", "all");
        for (Element layer : layers) {
            assertThat(all(layer, WMTS, "TileMatrixSetLink").stream().map(l -> text(l, WMTS, "TileMatrixSet")))
                    .containsExactly("GoogleMapsCompatible", "CGCS2000");
            assertThat(all(layer, WMTS, "ResourceURL").get(0).getAttribute("template"))
                    .isEqualTo("http://localhost:" + port + "/wmts/1.0.0/" + text(layer, OWS, "Identifier")
                            + "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png");
        }
        Map<String, Element> sets = new HashMap<>();
        children(doc.getDocumentElement(), WMTS, "Contents", WMTS, "TileMatrixSet")
                .forEach(s -> sets.put(text(s, OWS, "Identifier"), s));
        assertThat(all(sets.get("GoogleMapsCompatible"), WMTS, "TileMatrix")).hasSize(23);
        assertThat(all(sets.get("CGCS2000"), WMTS, "TileMatrix")).hasSize(22);
        assertThat(text(sets.get("CGCS2000"), OWS, "SupportedCRS")).isEqualTo("urn:ogc:def:crs:EPSG::4490");
        Element level1 = all(sets.get("CGCS2000"), WMTS, "TileMatrix").get(0);
        assertThat(text(level1, OWS, "Identifier")).isEqualTo("1");
        assertThat(text(level1, WMTS, "TopLeftCorner")).isEqualTo("90.0 -180.0");
        assertThat(text(level1, WMTS, "MatrixWidth") + "x" + text(level1, WMTS, "MatrixHeight"))
                .isEqualTo("2x1");
    }

    @Test
    void eachAudienceGetsTheBoundsOfWhatItSeesAndTheLimitsHoldThem() throws Exception {
        List<Geometry> publicProjects = new ArrayList<>();
        List<Geometry> allProjects = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT stage, ST_AsBinary(geom) AS wkb FROM projects")) {
            Geometry g = new WKBReader().read((byte[]) row.get("wkb"));
            allProjects.add(g);
            if (PUBLIC_STAGES.contains((String) row.get("stage"))) {
                publicProjects.add(g);
            }
        }
        assertThat(publicProjects).hasSizeLessThan(allProjects.size());

        Element forPublic = layer(text(get("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")), "projects");
        Element forPlanner = layer(text(get("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", planner())), "projects");
        assertBounds(forPublic, envelope(publicProjects));
        assertBounds(forPlanner, envelope(allProjects));

        // The limits at GoogleMapsCompatible 14 hold the public projects' tiles.
        Element limits14 = all(forPublic, WMTS, "TileMatrixLimits").stream()
                .filter(l -> text(l, WMTS, "TileMatrix").equals("14"))
                .findFirst()
                .orElseThrow();
        Envelope e = envelope(publicProjects);
        long minCol = (long) Math.floor((e.getMinX() + 180) / 360 * (1 << 14));
        long maxCol = (long) Math.floor((e.getMaxX() + 180) / 360 * (1 << 14));
        assertThat(Long.parseLong(text(limits14, WMTS, "MinTileCol"))).isLessThanOrEqualTo(minCol);
        assertThat(Long.parseLong(text(limits14, WMTS, "MaxTileCol"))).isGreaterThanOrEqualTo(maxCol);
    }

    // ---------------------------------------------------------------- tiles

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"all/14/13717/6834", "parcels/14/13717/6834", "zones/10/857/427", "projects/10/857/427"})
    void aGoogleMapsCompatibleTileByKvpAndRestIsTheXyzTile(String xyz) throws Exception {
        String[] p = xyz.split("/");
        HttpResponse<byte[]> direct = get("/tiles/" + xyz + ".png");
        HttpResponse<byte[]> kvp = get("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + p[0]
                + "&STYLE=default&FORMAT=image/png&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=" + p[1]
                + "&TILEROW=" + p[3] + "&TILECOL=" + p[2]);
        HttpResponse<byte[]> rest =
                get("/wmts/1.0.0/" + p[0] + "/default/GoogleMapsCompatible/" + p[1] + "/" + p[3] + "/" + p[2] + ".png");
        assertThat(direct.body()).hasSizeGreaterThan(200);
        for (HttpResponse<byte[]> wmts : List.of(kvp, rest)) {
            assertThat(wmts.statusCode()).isEqualTo(200);
            assertThat(wmts.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(wmts.body()).isEqualTo(direct.body());
            assertThat(wmts.headers().firstValue("ETag"))
                    .isEqualTo(direct.headers().firstValue("ETag"));
            assertThat(wmts.headers().firstValue("Cache-Control").orElseThrow()).contains("public");
        }
        String etag = kvp.headers().firstValue("ETag").orElseThrow();
        assertThat(get(rest.uri().getPath(), "If-None-Match", etag).statusCode())
                .isEqualTo(304);
    }

    @Test
    void aStaffTileIsTheStaffXyzTileAndPrivate() throws Exception {
        String[] planner = planner();
        String path = "/wmts/1.0.0/projects/default/GoogleMapsCompatible/10/427/857.png";
        HttpResponse<byte[]> staff = get(path, planner);
        assertThat(staff.body())
                .isEqualTo(get("/tiles/projects/10/857/427.png", planner).body());
        assertThat(staff.body())
                .as("planners see the internal projects")
                .isNotEqualTo(get(path).body());
        assertThat(staff.headers().firstValue("Cache-Control").orElseThrow()).contains("private");
    }

    @Test
    void aCgcs2000TileDrawsWhereLongitudeAndLatitudeSayAndThePublicsHasNoInternalProject() throws Exception {
        Point internal = internalPointFarFromPublicProjects();
        int z = 16;
        TileGrid grid = TileGrid.CGCS2000_GEOGRAPHIC;
        double size = grid.tileSize(z);
        long col = (long) Math.floor((internal.getX() + 180) / size);
        long row = (long) Math.floor((90 - internal.getY()) / size);
        int px = (int) ((internal.getX() + 180 - col * size) / size * 256);
        int py = (int) ((90 - internal.getY() - row * size) / size * 256);
        String kvp = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=projects&STYLE=default"
                + "&FORMAT=image/png&TILEMATRIXSET=CGCS2000&TILEMATRIX=" + z + "&TILEROW=" + row + "&TILECOL=" + col;
        String rest = "/wmts/1.0.0/projects/default/CGCS2000/" + z + "/" + row + "/" + col + ".png";

        byte[] staffTile = get(kvp, planner()).body();
        BufferedImage staff = ImageIO.read(new ByteArrayInputStream(staffTile));
        assertThat(staff.getWidth()).isEqualTo(256);
        assertThat(staff.getRGB(px, py) >>> 24)
                .as("the planner's tile has the project's dot at its lon/lat")
                .isGreaterThan(200);
        byte[] publicTile = get(kvp).body();
        BufferedImage anonymous = ImageIO.read(new ByteArrayInputStream(publicTile));
        for (int dy = -8; dy <= 8; dy++) {
            for (int dx = -8; dx <= 8; dx++) {
                int x = px + dx;
                int y = py + dy;
                if (x >= 0 && x < 256 && y >= 0 && y < 256) {
                    assertThat(anonymous.getRGB(x, y) >>> 24)
                            .as("the public's tile shows nothing at the internal project")
                            .isZero();
                }
            }
        }
        assertThat(get(rest).body()).as("REST is KVP").isEqualTo(publicTile);
        assertThat(get(rest, planner()).body()).isEqualTo(staffTile);
    }

    @Test
    void aTileOutsideTheCallersLimitsIsOutOfRangeAsItsCapabilitiesSay() throws Exception {
        // The projects' limits at GoogleMapsCompatible 14 for the public; the tile just east of them.
        Element limits = all(
                        layer(text(get("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")), "projects"),
                        WMTS,
                        "TileMatrixLimits")
                .stream()
                .filter(l -> text(l, WMTS, "TileMatrix").equals("14"))
                .findFirst()
                .orElseThrow();
        long row = Long.parseLong(text(limits, WMTS, "MinTileRow"));
        long lastCol = Long.parseLong(text(limits, WMTS, "MaxTileCol"));
        String inside = "/wmts/1.0.0/projects/default/GoogleMapsCompatible/14/" + row + "/" + lastCol + ".png";
        String outside = "/wmts/1.0.0/projects/default/GoogleMapsCompatible/14/" + row + "/" + (lastCol + 1) + ".png";
        assertThat(get(inside).statusCode()).isEqualTo(200);
        assertExceptionReport(get(outside), 404, "TileOutOfRange", "TileCol");
        assertExceptionReport(
                get(getTile("LAYER=projects&TILEROW=" + row + "&TILECOL=" + (lastCol + 1))),
                400,
                "TileOutOfRange",
                "TileCol");
    }

    // ---------------------------------------------------------------- errors

    @ParameterizedTest(name = "{0} -> {1} {2} at {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "                                                   | 400 | MissingParameterValue    | Service",
                "SERVICE=WMS&REQUEST=GetCapabilities                | 400 | InvalidParameterValue    | Service",
                "SERVICE=WMTS                                       | 400 | MissingParameterValue    | Request",
                "SERVICE=WMTS&REQUEST=GetFeatureInfo                | 501 | OperationNotSupported    | Request",
                "SERVICE=WMTS&REQUEST=GetCapabilities&ACCEPTVERSIONS=2.0.0 | 400 | VersionNegotiationFailed | AcceptVersions",
                "-TILEROW                                           | 400 | MissingParameterValue    | TileRow",
                "LAYER=                                             | 400 | MissingParameterValue    | Layer",
                "VERSION=1.1.0                                      | 400 | InvalidParameterValue    | Version",
                "LAYER=roads                                        | 400 | InvalidParameterValue    | Layer",
                "STYLE=dark                                         | 400 | InvalidParameterValue    | Style",
                "FORMAT=image/jpeg                                  | 400 | InvalidParameterValue    | Format",
                "TILEMATRIXSET=WebMercatorQuad                      | 400 | InvalidParameterValue    | TileMatrixSet",
                "TILEMATRIX=23                                      | 400 | InvalidParameterValue    | TileMatrix",
                "TILEMATRIXSET=CGCS2000&TILEMATRIX=0                | 400 | InvalidParameterValue    | TileMatrix",
                "TILECOL=abc                                        | 400 | InvalidParameterValue    | TileCol",
                "TILEMATRIX=3&TILEROW=8&TILECOL=0                   | 400 | TileOutOfRange           | TileRow",
                "TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILEROW=4&TILECOL=7 | 400 | TileOutOfRange      | TileRow",
                "TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILEROW=3&TILECOL=8 | 400 | TileOutOfRange      | TileCol",
                "TILEROW=-1                                         | 400 | TileOutOfRange           | TileRow",
                "TILEROW=0                                          | 400 | TileOutOfRange           | TileRow",
                "TILECOL=0                                          | 400 | TileOutOfRange           | TileCol"
            })
    void aBadKvpRequestIsAnExceptionReport(String change, int status, String code, String locator) throws Exception {
        String path = change == null ? "/wmts" : change.startsWith("SERVICE=") ? "/wmts?" + change : getTile(change);
        assertExceptionReport(get(path), status, code, locator);
    }

    @ParameterizedTest(name = "{0} -> 404 {1} at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "roads/default/GoogleMapsCompatible/3/0/0 | InvalidParameterValue | Layer",
                "all/dark/GoogleMapsCompatible/3/0/0      | InvalidParameterValue | Style",
                "all/default/EPSG:3857/3/0/0              | InvalidParameterValue | TileMatrixSet",
                "all/default/GoogleMapsCompatible/23/0/0  | InvalidParameterValue | TileMatrix",
                "all/default/GoogleMapsCompatible/3/8/0   | TileOutOfRange        | TileRow",
                "all/default/CGCS2000/3/3/8               | TileOutOfRange        | TileCol",
                "all/default/CGCS2000/3/x/0               | InvalidParameterValue | TileRow",
                "all/default/GoogleMapsCompatible/14/6834/0 | TileOutOfRange      | TileCol"
            })
    void aRestUrlThatNamesNoTileIsA404WithAnExceptionReport(String tile, String code, String locator) throws Exception {
        assertExceptionReport(get("/wmts/1.0.0/" + tile + ".png"), 404, code, locator);
    }

    // ---------------------------------------------------------------- GDAL as the client

    /**
     * GDAL's WMTS driver reads the capabilities, takes the layer's bounding box in the set's CRS as its raster,
     * aligned on the tile matrix's pixels, and fetches the tiles through the ResourceURL template; a window of it
     * must be, pixel for pixel, the tiles fetched here and laid side by side (the XYZ ones for
     * GoogleMapsCompatible, KVP GetTiles for CGCS2000). The images are kept in target/wmts-gdal to look at.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GoogleMapsCompatible", "CGCS2000"})
    void gdalTranslateThroughTheWmtsDriverDrawsTheDistrictPixelForPixelAsTheTiles(String id) throws Exception {
        MatrixSet set = MatrixSet.byIdentifier(id).orElseThrow();
        int z = 14;
        String dataset = "WMTS:http://localhost:" + port
                + "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities,layer=all,tilematrixset=" + id + ",tilematrix=" + z;
        Path cache = Files.createTempDirectory("gdal-wms-cache");
        Path dir = Files.createDirectories(Path.of("target", "wmts-gdal"));
        try {
            JsonNode info = JSON.readTree(gdal(cache, "gdalinfo", "-json", dataset));
            double pixel = set.grid().tileSize(z) / MatrixSet.TILE_PIXELS;
            JsonNode transform = info.path("geoTransform");
            assertThat(transform.get(1).asDouble()).isCloseTo(pixel, within(pixel * 1e-9));
            double firstCol = (transform.get(0).asDouble() - set.grid().originX()) / pixel;
            double firstRow = (set.grid().originY() - transform.get(3).asDouble()) / pixel;
            assertThat(firstCol).as("aligned on the matrix's pixels").isCloseTo(Math.rint(firstCol), within(1e-6));
            assertThat(firstRow).isCloseTo(Math.rint(firstRow), within(1e-6));

            // 1024 x 768 pixels of the city, across tile seams (the raster starts at the district's north-west).
            int xoff = 1500;
            int yoff = 700;
            int width = 1024;
            int height = 768;
            assertThat(info.path("size").get(0).asInt()).isGreaterThan(xoff + width);
            assertThat(info.path("size").get(1).asInt()).isGreaterThan(yoff + height);
            Path out = dir.resolve(id + "-gdal.png");
            gdal(
                    cache,
                    "gdal_translate",
                    "-q",
                    "-of",
                    "PNG",
                    "-srcwin",
                    Integer.toString(xoff),
                    Integer.toString(yoff),
                    Integer.toString(width),
                    Integer.toString(height),
                    dataset,
                    out.toString());
            BufferedImage drawn = ImageIO.read(out.toFile());
            BufferedImage tiles =
                    mosaic(set, z, (long) Math.rint(firstCol) + xoff, (long) Math.rint(firstRow) + yoff, width, height);
            ImageIO.write(tiles, "png", dir.resolve(id + "-tiles.png").toFile());

            assertThat(drawn.getWidth()).isEqualTo(width);
            assertThat(drawn.getHeight()).isEqualTo(height);
            int different = 0;
            int opaque = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    different += drawn.getRGB(x, y) == tiles.getRGB(x, y) ? 0 : 1;
                    opaque += (tiles.getRGB(x, y) >>> 24) == 0 ? 0 : 1;
                }
            }
            assertThat(opaque).as("the window shows the district").isGreaterThan(width * height / 10);
            assertThat(different).as("pixels where GDAL differs from the tiles").isZero();
        } finally {
            try (Stream<Path> files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The window of {@code width} × {@code height} pixels from global pixel (col, row) of matrix z, from its tiles. */
    private BufferedImage mosaic(MatrixSet set, int z, long col, long row, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Map<String, BufferedImage> tiles = new HashMap<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long gx = col + x;
                long gy = row + y;
                String path = set == MatrixSet.GOOGLE_MAPS_COMPATIBLE
                        ? "/tiles/all/" + z + "/" + gx / 256 + "/" + gy / 256 + ".png"
                        : "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=all&STYLE=default"
                                + "&FORMAT=image/png&TILEMATRIXSET=" + set.identifier() + "&TILEMATRIX=" + z
                                + "&TILEROW=" + gy / 256 + "&TILECOL=" + gx / 256;
                BufferedImage tile = tiles.get(path);
                if (tile == null) {
                    HttpResponse<byte[]> r = get(path);
                    assertThat(r.statusCode()).as(path).isEqualTo(200);
                    tile = ImageIO.read(new ByteArrayInputStream(r.body()));
                    tiles.put(path, tile);
                }
                image.setRGB(x, y, tile.getRGB((int) (gx % 256), (int) (gy % 256)));
            }
        }
        return image;
    }

    /** Runs a GDAL program with its tile cache in {@code cache}; its standard output. */
    private static String gdal(Path cache, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("GDAL_DEFAULT_WMS_CACHE_PATH", cache.toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** The city GetTile with one parameter set ({@code NAME=value}, several joined by &) or left out ({@code -NAME}). */
    private static String getTile(String change) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        for (String pair : GET_TILE.substring("/wmts?".length()).split("&")) {
            p.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        for (String c : change.split("&")) {
            if (c.startsWith("-")) {
                p.remove(c.substring(1));
            } else {
                p.put(c.substring(0, c.indexOf('=')), c.substring(c.indexOf('=') + 1));
            }
        }
        StringBuilder path = new StringBuilder("/wmts?");
        p.forEach((k, v) -> path.append(k).append('=').append(v).append('&'));
        return path.substring(0, path.length() - 1);
    }

    private static void assertExceptionReport(HttpResponse<byte[]> r, int status, String code, String locator)
            throws Exception {
        String xml = text(r);
        assertThat(r.statusCode()).as(xml).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(OgcSchemas.errors(OgcSchemas.OWS_EXCEPTION_REPORT, xml)).isEmpty();
        Element exception =
                all(parse(xml).getDocumentElement(), OWS, "Exception").get(0);
        assertThat(exception.getAttribute("exceptionCode")).isEqualTo(code);
        assertThat(exception.getAttribute("locator")).isEqualTo(locator);
        assertThat(text(exception, OWS, "ExceptionText")).isNotBlank();
    }

    /**
     * An internal point project no public project comes near (40 pixels at CGCS2000 16), within the public
     * projects' extent, so that the public's tile there is served (a tile outside it would be out of range).
     */
    private Point internalPointFarFromPublicProjects() throws Exception {
        List<Geometry> publicProjects = new ArrayList<>();
        List<Point> internalPoints = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT stage, ST_AsBinary(geom) AS wkb FROM projects")) {
            Geometry g = new WKBReader().read((byte[]) row.get("wkb"));
            if (PUBLIC_STAGES.contains((String) row.get("stage"))) {
                publicProjects.add(g);
            } else if (g instanceof Point point) {
                internalPoints.add(point);
            }
        }
        double distance = 40 * TileGrid.CGCS2000_GEOGRAPHIC.tileSize(16) / 256;
        Geometry everyPublic = new GeometryFactory().buildGeometry(publicProjects);
        Envelope publicExtent = everyPublic.getEnvelopeInternal();
        return internalPoints.stream()
                .filter(p -> publicExtent.contains(p.getCoordinate()))
                .filter(p -> everyPublic.distance(p) > distance)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the data set has an internal point project away from others"));
    }

    private static void assertBounds(Element layer, Envelope expected) {
        Element box = all(layer, OWS, "WGS84BoundingBox").get(0);
        String[] lower = text(box, OWS, "LowerCorner").split(" ");
        String[] upper = text(box, OWS, "UpperCorner").split(" ");
        assertThat(Double.parseDouble(lower[0])).isCloseTo(expected.getMinX(), within(1e-7));
        assertThat(Double.parseDouble(lower[1])).isCloseTo(expected.getMinY(), within(1e-7));
        assertThat(Double.parseDouble(upper[0])).isCloseTo(expected.getMaxX(), within(1e-7));
        assertThat(Double.parseDouble(upper[1])).isCloseTo(expected.getMaxY(), within(1e-7));
    }

    private static Envelope envelope(List<Geometry> geometries) {
        Envelope e = new Envelope();
        geometries.forEach(g -> e.expandToInclude(g.getEnvelopeInternal()));
        return e;
    }

    private static Element layer(String capabilities, String id) throws Exception {
        return children(parse(capabilities).getDocumentElement(), WMTS, "Contents", WMTS, "Layer").stream()
                .filter(l -> text(l, OWS, "Identifier").equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** The elements {@code name} among the children of the child {@code parent} of {@code root}. */
    private static List<Element> children(
            Element root, String parentNamespace, String parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Element p : direct(root, parentNamespace, parent)) {
            found.addAll(direct(p, namespace, name));
        }
        return found;
    }

    private static List<Element> direct(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> all(Element parent, String namespace, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(namespace, name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** The text of the first direct child {@code name}. */
    private static String text(Element parent, String namespace, String name) {
        return direct(parent, namespace, name).get(0).getTextContent();
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** Basic credentials (as request headers) of a new planner, who sees every project. */
    private String[] planner() throws Exception {
        String name = "planner-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/users"))
                        .header("Authorization", basic(ADMIN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                                + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"PLANNER\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new String[] {"Authorization", basic(name + ":correct-horse-battery")};
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

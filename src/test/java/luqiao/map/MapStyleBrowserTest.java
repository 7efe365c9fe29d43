package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import luqiao.map.support.Browser;
import luqiao.map.support.Caller;
import luqiao.map.support.NpmPackages;
import luqiao.map.tiles.raster.Palette;
import luqiao.map.tiles.raster.Symbology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.OutputType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The map style drawn by MapLibre GL JS (from npm, test-only: the product's web map is Leaflet) in a real
 * headless Chromium, from a page on another origin as a site embedding the map would have it: every layer of
 * the vector tiles renders, zone names show from their zoom on, and a parcel is painted in the colour the
 * PNG tiles paint it. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MapStyleBrowserTest extends BrowserTestBase {

    /** Serves the test page and MapLibre's files, on its own port: another origin than the server. */
    private static final HttpServer PAGES = pages();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "map-style-browser-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
        // The page's origin may read the style and the tiles (CORS), as a configured partner site would.
        registry.add("luqiao.security.cors-origins", MapStyleBrowserTest::pagesOrigin);
    }

    /**
     * Hides {@link BrowserTestBase#startBrowser()}: MapLibre needs WebGL, which headless Chromium without a GPU
     * gives only on its software renderer, SwiftShader, and newer Chromiums only when allowed to.
     */
    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser(List.of("--enable-unsafe-swiftshader"));
    }

    @AfterAll
    static void stopPages() {
        PAGES.stop(0);
    }

    @BeforeEach
    void openTheStyle() {
        browser.driver().get(pagesOrigin() + "/?style=http://localhost:" + port + "/styles/luqiao.json");
        waitUntilLoaded(true);
        assertThat(execute("return map.painter.context.gl instanceof WebGL2RenderingContext"))
                .as("MapLibre draws with WebGL 2")
                .isEqualTo(true);
    }

    @Test
    void everyLayerOfTheTilesRendersWithTheStyleAndZoneNamesFromTheirZoom() throws IOException {
        // The style opens on the district: parcels, zones and projects all draw.
        Map<String, Long> rendered = renderedPerLayer();
        assertThat(rendered)
                .as("features drawn per style layer at the opening view")
                .containsKeys("parcels-fill");
        assertThat(rendered.get("parcels-fill")).isPositive();
        assertThat(rendered.get("zones-fill")).isPositive();
        assertThat(rendered.get("zones-district")).isPositive();
        assertThat(rendered.keySet().stream().filter(id -> id.startsWith("projects-point-")))
                .as("project points drawn in the public's stages")
                .containsExactlyInAnyOrder("projects-point-开工", "projects-point-竣工");
        assertThat(rendered.get("projects-line")).as("project lines drawn").isPositive();
        assertThat(rendered).as("no names below their zoom").doesNotContainKey("zones-name");
        assertThat(rendered).as("no parcel outlines below their zoom").doesNotContainKey("parcels-outline");
        browser.screenshot("map-style-district");

        // Closer in (MapLibre zoom 12 is 256-pixel tile zoom 13): the zone names.
        showAt(121.41, 28.57, 12);
        rendered = renderedPerLayer();
        assertThat(rendered.getOrDefault("zones-name", 0L))
                .as("zone names drawn")
                .isPositive();
        assertThat(execute("return map.queryRenderedFeatures({layers: ['zones-name']})"
                        + ".map(f => f.properties.name_zh).join(',')"))
                .asString()
                .containsPattern("\\p{IsHan}+");
        browser.screenshot("map-style-town");

        // Close up (zoom 15 of 256-pixel tiles): parcels are outlined.
        showAt(121.41, 28.57, 14.5);
        assertThat(renderedPerLayer().getOrDefault("parcels-outline", 0L))
                .as("parcel outlines drawn")
                .isPositive();
        browser.screenshot("map-style-close");
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void aParcelIsPaintedInTheColourThePngTilesPaintIt() throws IOException {
        // The public parcel with the most room inside: its centre is far from any other parcel's colour.
        Point centre = null;
        double room = 0;
        String code = null;
        for (JsonNode f : api("/api/parcels?limit=10000").path("features")) {
            Geometry parcel = BackendContract.geometry(f);
            MaximumInscribedCircle circle = new MaximumInscribedCircle(parcel, 1e-5);
            double radius = circle.getRadiusLine().getLength();
            if (radius > room) {
                room = radius;
                centre = circle.getCenter();
                code = f.path("properties").path("landuse_l1_code").asString();
            }
        }
        assertThat(code).as("the parcel's land-use class").isNotNull();
        // Only the parcel fills, as the parcels PNG tiles draw them (no outlines below zoom 15).
        execute("map.getStyle().layers.forEach(l => map.setLayoutProperty(l.id, 'visibility',"
                + " l.id === 'parcels-fill' ? 'visible' : 'none'))");
        int zoom = 13;
        showAt(centre.getX(), centre.getY(), zoom - 1);
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) execute(
                "const p = map.project([arguments[0], arguments[1]]); return [p.x, p.y]", centre.getX(), centre.getY());
        BufferedImage screen =
                ImageIO.read(new ByteArrayInputStream(browser.driver().getScreenshotAs(OutputType.BYTES)));
        Color drawn = new Color(screen.getRGB((int) Math.round(at.get(0).doubleValue()), (int)
                Math.round(at.get(1).doubleValue())));
        Color tile = pngTilePixel(zoom, centre.getX(), centre.getY());
        Color palette = onWhite(Palette.of(Palette.LAND_USE, code), Symbology.PARCEL_FILL_OPACITY);
        browser.screenshot("map-style-parcel-" + code);
        assertThat(distance(tile, palette))
                .as("the PNG tile paints class %s as the palette says: %s, %s", code, tile, palette)
                .isLessThanOrEqualTo(3);
        assertThat(distance(drawn, tile))
                .as("MapLibre paints class %s as the PNG tile: %s, %s", code, drawn, tile)
                .isLessThanOrEqualTo(3);
    }

    /** How many features each style layer has drawn in the view. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> renderedPerLayer() {
        Map<String, Number> counts = (Map<String, Number>) execute(
                "const n = {}; map.queryRenderedFeatures().forEach(f => n[f.layer.id] = (n[f.layer.id] || 0) + 1);"
                        + " return n;");
        return counts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().longValue()));
    }

    private void showAt(double lon, double lat, double zoom) {
        execute(
                "window.shown = false; showAt([arguments[0], arguments[1]], arguments[2]).then(() => window.shown = true)",
                lon,
                lat,
                zoom);
        waitFor("return window.shown === true");
    }

    /** The colour of the parcels PNG tile at this 256-pixel tile zoom and place, over white as the page is. */
    private Color pngTilePixel(int zoom, double lon, double lat) throws IOException {
        double n = 1 << zoom;
        double x = (lon + 180) / 360 * n;
        double latRad = Math.toRadians(lat);
        double y = (1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * n;
        byte[] png = Caller.anonymous(port)
                .get("/tiles/parcels/" + zoom + "/" + (int) x + "/" + (int) y + ".png")
                .bytes();
        BufferedImage tile = ImageIO.read(new ByteArrayInputStream(png));
        Color c = new Color(tile.getRGB((int) ((x % 1) * 256), (int) ((y % 1) * 256)), true);
        return onWhite(new Color(c.getRed(), c.getGreen(), c.getBlue()), c.getAlpha() / 255.0);
    }

    private static Color onWhite(Color c, double opacity) {
        return new Color(
                (int) Math.round(c.getRed() * opacity + 255 * (1 - opacity)),
                (int) Math.round(c.getGreen() * opacity + 255 * (1 - opacity)),
                (int) Math.round(c.getBlue() * opacity + 255 * (1 - opacity)));
    }

    private static int distance(Color a, Color b) {
        return Math.max(
                Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }

    private static String pagesOrigin() {
        return "http://localhost:" + PAGES.getAddress().getPort();
    }

    /** The test page at {@code /} and MapLibre GL JS's distribution (installed from npm) under {@code /maplibre/}. */
    private static HttpServer pages() {
        Path maplibre = NpmPackages.installed(NpmPackages.MAPLIBRE).resolve("dist");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String file = path.replaceFirst("^/maplibre/", "");
                if (path.equals("/")) {
                    try (InputStream page = MapStyleBrowserTest.class.getResourceAsStream("/maplibre/index.html")) {
                        send(exchange, 200, "text/html; charset=utf-8", page.readAllBytes());
                    }
                } else if (path.startsWith("/maplibre/")
                        && !path.contains("..")
                        && Files.isRegularFile(maplibre.resolve(file))) {
                    // Module scripts (.mjs) load only with a JavaScript media type.
                    String type = path.endsWith(".css") ? "text/css" : "text/javascript";
                    send(exchange, 200, type, Files.readAllBytes(maplibre.resolve(file)));
                } else {
                    send(exchange, 404, "text/plain", new byte[0]);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

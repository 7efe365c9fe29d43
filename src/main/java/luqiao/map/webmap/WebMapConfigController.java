package luqiao.map.webmap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.frontend.PageData;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/config}: the basemaps the web map offers, each with its datum (WGS 84 or the
 * GCJ-02 offset the map shifts its overlays to) and tile layers. Tianditu is left out without a key.
 * The same for every visitor, so the map page carries it too (element {@code map-config}).
 */
@RestController
class WebMapConfigController implements PageData {

    /** One basemap: id (the client translates it), datum ({@code wgs84} or {@code gcj02}) and tile layers. */
    record Basemap(String id, String datum, List<TileLayer> layers) {}

    /** An XYZ tile layer as Leaflet takes it. */
    record TileLayer(String url, String subdomains, int maxZoom, String attribution) {}

    record Config(String defaultBasemap, List<Basemap> basemaps) {}

    private static final String OSM = "© OpenStreetMap contributors";
    private static final String TIANDITU = "© 天地图 Tianditu";
    private static final String AMAP = "© 高德地图 AutoNavi";

    private static final List<String> KNOWN = List.of("none", "osm", "tianditu-vector", "tianditu-imagery", "amap");

    private final Config config;

    WebMapConfigController(WebMapProperties properties) {
        this.config = build(properties);
    }

    @Override
    public String id() {
        return "map-config";
    }

    @Override
    public Object value() {
        return config;
    }

    @GetMapping("/api/config")
    ResponseEntity<Config> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }

    static Config build(WebMapProperties p) {
        boolean tianditu = !p.tiandituKey().isBlank();
        Map<String, Basemap> known = new HashMap<>();
        known.put("none", new Basemap("none", "wgs84", List.of()));
        known.put("osm", new Basemap("osm", "wgs84", List.of(new TileLayer(p.osmUrl(), "", 19, OSM))));
        if (tianditu) {
            known.put(
                    "tianditu-vector",
                    new Basemap("tianditu-vector", "wgs84", List.of(tianditu(p, "vec"), tianditu(p, "cva"))));
            known.put(
                    "tianditu-imagery",
                    new Basemap("tianditu-imagery", "wgs84", List.of(tianditu(p, "img"), tianditu(p, "cia"))));
        }
        known.put("amap", new Basemap("amap", "gcj02", List.of(new TileLayer(p.amapUrl(), "1234", 18, AMAP))));
        List<Basemap> offered = new ArrayList<>();
        for (String id : p.basemaps()) {
            if (!KNOWN.contains(id)) {
                throw new IllegalStateException("luqiao.map.basemaps: unknown basemap '" + id + "'; the basemaps are "
                        + String.join(", ", KNOWN));
            }
            if (known.containsKey(id)) {
                offered.add(known.get(id));
            }
        }
        if (offered.isEmpty()) {
            offered.add(known.get("none"));
        }
        String defaultId = offered.stream()
                .map(Basemap::id)
                .filter(p.defaultBasemap()::equals)
                .findFirst()
                .orElse(offered.get(0).id());
        return new Config(defaultId, List.copyOf(offered));
    }

    private static TileLayer tianditu(WebMapProperties p, String layer) {
        // Tianditu's key is a browser key by design: it travels to every client that loads its tiles.
        return new TileLayer(
                p.tiandituUrl().replace("{layer}", layer).replace("{key}", p.tiandituKey()), "01234567", 18, TIANDITU);
    }
}

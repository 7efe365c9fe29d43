package luqiao.map.tiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.pmtiles.PmtilesWriter;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a tile set's vector tiles as a PMTiles v3 archive for static hosting (object storage behind a CDN),
 * as Martin's {@code martin-cp} does. The tiles are the ones {@code /tiles/{set}/{z}/{x}/{y}.mvt} serves to an
 * anonymous visitor, taken through the same cache and pipeline, so an archive can never hold an internal row or
 * field: the audience is {@link Audience#PUBLIC} and cannot be chosen. Only tiles over the public extent are
 * rendered, and empty ones are left out (a PMTiles reader answers "no tile" for them).
 */
@Component
public class PmtilesExport {

    private static final Audience AUDIENCE = Audience.PUBLIC;
    private static final int CENTER_ZOOM = 12;

    private final TileCache cache;
    private final TileExtents extents;
    private final TileStore store;
    private final JsonMapper json = JsonMapper.builder().build();

    PmtilesExport(TileCache cache, TileExtents extents, TileStore store) {
        this.cache = cache;
        this.extents = extents;
        this.store = store;
    }

    /** What one export wrote. */
    public record Summary(Path file, int tiles, Envelope bounds) {}

    /** Exports zooms {@code minZoom..maxZoom} of the set; a set without public rows gives an archive without tiles. */
    public Summary export(TileSet set, int minZoom, int maxZoom, Path file) {
        if (minZoom < 0 || maxZoom > TileCoord.MAX_ZOOM || minZoom > maxZoom) {
            throw new IllegalArgumentException("zooms must satisfy 0 <= min <= max <= " + TileCoord.MAX_ZOOM + ", not "
                    + minZoom + ".." + maxZoom);
        }
        Envelope extent = extents.of(set, AUDIENCE).orElse(null);
        PmtilesWriter writer = new PmtilesWriter();
        if (extent != null) {
            for (int z = minZoom; z <= maxZoom; z++) {
                int n = 1 << z;
                int x0 = column(extent.getMinX(), n);
                int x1 = column(extent.getMaxX(), n);
                int y0 = row(extent.getMaxY(), n);
                int y1 = row(extent.getMinY(), n);
                for (int x = x0; x <= x1; x++) {
                    for (int y = y0; y <= y1; y++) {
                        byte[] gzipped = cache.get(
                                        new TileRequest(set, TileCoord.of(z, x, y), TileFormat.MVT, AUDIENCE))
                                .gzipped();
                        if (gzipped != null) {
                            writer.add(z, x, y, gzipped);
                        }
                    }
                }
            }
        }
        Envelope bounds =
                extent != null ? extent : new Envelope(-180, 180, -WebMercator.MAX_LATITUDE, WebMercator.MAX_LATITUDE);
        writer.write(
                file,
                minZoom,
                maxZoom,
                new double[] {bounds.getMinX(), bounds.getMinY(), bounds.getMaxX(), bounds.getMaxY()},
                new double[] {bounds.centre().getX(), bounds.centre().getY()},
                Math.max(minZoom, Math.min(maxZoom, CENTER_ZOOM)),
                metadata(set, minZoom, maxZoom));
        return new Summary(file, writer.tileCount(), bounds);
    }

    /** The metadata: TileJSON's name and {@code vector_layers}, each layer over the archive's zooms. */
    private String metadata(TileSet set, int minZoom, int maxZoom) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "Luqiao " + set.id());
        metadata.put("format", "pbf");
        List<Map<String, Object>> layers = TileMetadataController.vectorLayers(store, set, AUDIENCE).stream()
                .map(layer -> {
                    Map<String, Object> inArchive = new LinkedHashMap<>(layer);
                    inArchive.put("minzoom", minZoom);
                    inArchive.put("maxzoom", maxZoom);
                    return inArchive;
                })
                .toList();
        metadata.put("vector_layers", layers);
        return json.writeValueAsString(metadata);
    }

    private static int column(double lon, int n) {
        return clamp((int) Math.floor((lon + 180) / 360 * n), n);
    }

    private static int row(double lat, int n) {
        double y = WebMercator.y(Math.max(-WebMercator.MAX_LATITUDE, Math.min(WebMercator.MAX_LATITUDE, lat)));
        return clamp((int) Math.floor((WebMercator.HALF_WORLD - y) / (2 * WebMercator.HALF_WORLD) * n), n);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /** The set a list of layer names names: one layer, or all three (in any order) for {@code all}. */
    public static TileSet set(List<String> layers) {
        List<TileSet> named = layers.stream()
                .map(String::trim)
                .map(name -> TileSet.byName(name)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "unknown layer '" + name + "'; the layers are zones, projects and parcels")))
                .distinct()
                .toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() == 3 && !named.contains(TileSet.ALL)) {
            return TileSet.ALL;
        }
        throw new IllegalArgumentException("export one layer or all three (zones,projects,parcels), not " + layers);
    }
}

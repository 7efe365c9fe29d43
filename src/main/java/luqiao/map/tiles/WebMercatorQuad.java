package luqiao.map.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * The one tile matrix set the tiles are cut in, OGC's registered {@code WebMercatorQuad} (OGC 17-083r4,
 * Annex D.1: the XYZ grid of {@link WebMercator}), in the JSON encoding of the 2D Tile Matrix Set
 * standard 2.0, and the limits of a tile set in it ({@code tileMatrixSetLimits}). Plain data, no I/O.
 */
final class WebMercatorQuad {

    static final String ID = "WebMercatorQuad";
    static final String URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    static final String TITLE = "Google Maps Compatible for the World";
    static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/3857";
    static final int TILE_PIXELS = 256;
    /** Scale denominator of zoom 0 for 256-px tiles of 0.28 mm pixels (Annex D.1). */
    private static final double SCALE_0 = 559082264.028717;

    /** The rows and columns of one tile matrix that hold a tile set's data. */
    record Limits(int tileMatrix, long minTileRow, long maxTileRow, long minTileCol, long maxTileCol) {

        boolean contains(TileCoord tile) {
            return tile.z() == tileMatrix
                    && tile.y() >= minTileRow
                    && tile.y() <= maxTileRow
                    && tile.x() >= minTileCol
                    && tile.x() <= maxTileCol;
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tileMatrix", Integer.toString(tileMatrix));
            json.put("minTileRow", minTileRow);
            json.put("maxTileRow", maxTileRow);
            json.put("minTileCol", minTileCol);
            json.put("maxTileCol", maxTileCol);
            return json;
        }
    }

    private WebMercatorQuad() {}

    /**
     * Per zoom, the tiles that draw something of data within the lon/lat envelope: those whose area, grown
     * by {@code margin} of its width on each side (the features a tile carries in its buffer), meets it,
     * as {@link TileCoord#touches} decides for each tile.
     */
    static List<Limits> limits(Envelope lonLat, double margin) {
        List<Limits> limits = new ArrayList<>();
        for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
            double size = WebMercator.tileSize(z);
            long last = (1L << z) - 1;
            double west = (WebMercator.x(lonLat.getMinX()) + WebMercator.HALF_WORLD) / size;
            double east = (WebMercator.x(lonLat.getMaxX()) + WebMercator.HALF_WORLD) / size;
            double north = (WebMercator.HALF_WORLD - WebMercator.y(lonLat.getMaxY())) / size;
            double south = (WebMercator.HALF_WORLD - WebMercator.y(lonLat.getMinY())) / size;
            limits.add(new Limits(
                    z,
                    clamp((long) Math.ceil(north - 1 - margin), last),
                    clamp((long) Math.floor(south + margin), last),
                    clamp((long) Math.ceil(west - 1 - margin), last),
                    clamp((long) Math.floor(east + margin), last)));
        }
        return limits;
    }

    private static long clamp(long index, long last) {
        return Math.max(0, Math.min(last, index));
    }

    /** The definition: the JSON encoding of OGC 17-083r4 (TileMatrixSet), zooms 0 to {@link TileCoord#MAX_ZOOM}. */
    static Map<String, Object> definition() {
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", ID);
        tms.put("title", TITLE);
        tms.put("uri", URI);
        tms.put("crs", CRS);
        tms.put("orderedAxes", List.of("X", "Y"));
        tms.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        tms.put(
                "boundingBox",
                Map.of(
                        "lowerLeft",
                        List.of(-WebMercator.HALF_WORLD, -WebMercator.HALF_WORLD),
                        "upperRight",
                        List.of(WebMercator.HALF_WORLD, WebMercator.HALF_WORLD),
                        "crs",
                        CRS,
                        "orderedAxes",
                        List.of("X", "Y")));
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Integer.toString(z));
            m.put("scaleDenominator", SCALE_0 / (1L << z));
            m.put("cellSize", WebMercator.tileSize(z) / TILE_PIXELS);
            m.put("cornerOfOrigin", "topLeft");
            m.put("pointOfOrigin", List.of(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD));
            m.put("tileWidth", TILE_PIXELS);
            m.put("tileHeight", TILE_PIXELS);
            m.put("matrixWidth", 1L << z);
            m.put("matrixHeight", 1L << z);
            matrices.add(m);
        }
        tms.put("tileMatrices", matrices);
        return tms;
    }
}

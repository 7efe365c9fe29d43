package luqiao.map.wmts;

import java.util.Arrays;
import java.util.Optional;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileGrid;
import org.locationtech.jts.geom.Envelope;

/**
 * The WMTS tile matrix sets: a {@link TileGrid} as WMTS 1.0 describes it, with its CRS, axis order and scale
 * denominators. A tile matrix is named by its zoom ({@code "0"} … {@code "22"}), as the XYZ tiles are.
 *
 * <p>Scale denominators follow WMTS 1.0 (OGC 07-057r7, 6.1): a pixel is 0.28 mm, and a degree of a geographic
 * CRS is {@link TileGrid#METRES_PER_DEGREE} metres. That is how GDAL, QGIS and ArcGIS turn them back into tile
 * sizes. Tianditu's own {@code _c} capabilities give 96-dpi values (2.958293554545656E8 at level 1, 0.2646 mm
 * pixels); the layout here is Tianditu's, the scale denominators are the standard's (2.7954113201435894E8 at
 * level 1), so clients compute the same 180° tiles Tianditu serves.
 */
enum MatrixSet {
    GOOGLE_MAPS_COMPATIBLE(
            "GoogleMapsCompatible",
            "Google Maps Compatible (Web Mercator, EPSG:3857)",
            TileGrid.WEB_MERCATOR,
            "urn:ogc:def:crs:EPSG::3857",
            "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible",
            false),
    CGCS2000(
            "CGCS2000",
            "CGCS2000 geographic (EPSG:4490), the layout of Tianditu's _c layers",
            TileGrid.CGCS2000_GEOGRAPHIC,
            "urn:ogc:def:crs:EPSG::4490",
            null,
            true);

    /** The standardized rendering pixel size of WMTS 1.0: 0.28 mm. */
    static final double PIXEL_METRES = 0.00028;
    /** Width and height of every tile, in pixels. */
    static final int TILE_PIXELS = 256;
    /** How far beyond the data the limits reach, in pixels: symbols and strokes at its edge are drawn whole. */
    private static final int LIMIT_MARGIN_PIXELS = 8;

    private final String identifier;
    private final String title;
    private final TileGrid grid;
    private final String crs;
    private final String wellKnownScaleSet;
    private final boolean northingFirst;

    MatrixSet(
            String identifier,
            String title,
            TileGrid grid,
            String crs,
            String wellKnownScaleSet,
            boolean northingFirst) {
        this.identifier = identifier;
        this.title = title;
        this.grid = grid;
        this.crs = crs;
        this.wellKnownScaleSet = wellKnownScaleSet;
        this.northingFirst = northingFirst;
    }

    static Optional<MatrixSet> byIdentifier(String identifier) {
        return Arrays.stream(values())
                .filter(m -> m.identifier.equals(identifier))
                .findFirst();
    }

    String identifier() {
        return identifier;
    }

    String title() {
        return title;
    }

    TileGrid grid() {
        return grid;
    }

    /** The CRS as a URN: EPSG's axis order applies (latitude first for EPSG:4490). */
    String crs() {
        return crs;
    }

    /** The well-known scale set it conforms to, or null. */
    String wellKnownScaleSet() {
        return wellKnownScaleSet;
    }

    int minZoom() {
        return grid.minZoom();
    }

    int maxZoom() {
        return TileCoord.MAX_ZOOM;
    }

    /** The zoom a tile matrix identifier names, if it is one of this set. */
    Optional<Integer> zoom(String tileMatrix) {
        for (int z = minZoom(); z <= maxZoom(); z++) {
            if (Integer.toString(z).equals(tileMatrix)) {
                return Optional.of(z);
            }
        }
        return Optional.empty();
    }

    /** The scale denominator of zoom {@code z}: the pixel's ground size over 0.28 mm. */
    double scaleDenominator(int z) {
        double pixel = grid.tileSize(z) / TILE_PIXELS;
        double metres = grid == TileGrid.WEB_MERCATOR ? pixel : pixel * TileGrid.METRES_PER_DEGREE;
        return metres / PIXEL_METRES;
    }

    /** The grid's north-west corner as the CRS orders its axes. */
    String topLeftCorner() {
        return position(grid.originX(), grid.originY());
    }

    /** A lon/lat position in the CRS, in its axis order. */
    String corner(double lon, double lat) {
        return position(grid.x(lon), grid.y(lat));
    }

    /**
     * The tiles of zoom {@code z} that show {@code lonLat}, with a margin for what is drawn at its edge; none for a
     * matrix one tile high or wide. The WMTS schema types MaxTileRow and MaxTileCol as positive integers (even in
     * its 1.0.2 corrigendum, which let the minimums be 0), so no valid limits end at index 0: such a range is
     * widened to 0–1, and a matrix with a single row or column (GoogleMapsCompatible 0, CGCS2000 1) is left without
     * limits, which means all of it.
     */
    Optional<Limits> limits(Envelope lonLat, int z) {
        long width = grid.matrixWidth(z);
        long height = grid.matrixHeight(z);
        if (width < 2 || height < 2) {
            return Optional.empty();
        }
        double size = grid.tileSize(z);
        double margin = LIMIT_MARGIN_PIXELS * size / TILE_PIXELS;
        return Optional.of(new Limits(
                index((grid.x(lonLat.getMinX()) - margin - grid.originX()) / size, width),
                Math.max(1, index((grid.x(lonLat.getMaxX()) + margin - grid.originX()) / size, width)),
                index((grid.originY() - grid.y(lonLat.getMaxY()) - margin) / size, height),
                Math.max(1, index((grid.originY() - grid.y(lonLat.getMinY()) + margin) / size, height))));
    }

    private String position(double x, double y) {
        return northingFirst ? y + " " + x : x + " " + y;
    }

    private static long index(double tiles, long count) {
        return Math.max(0, Math.min(count - 1, (long) Math.floor(tiles)));
    }

    /** A tile matrix's limits: the first and last column and row, inclusive. */
    record Limits(long minCol, long maxCol, long minRow, long maxRow) {

        /** A tile of the matrix outside the limits is out of the layer's range ({@code TileOutOfRange}). */
        void check(TileCoord tile, MatrixSet set) {
            String where = " for this layer in tile matrix " + tile.z() + " of " + set.identifier();
            if (tile.y() < minRow || tile.y() > maxRow) {
                throw new WmtsException(
                        WmtsException.Code.TileOutOfRange,
                        "TileRow",
                        "TileRow must be between " + minRow + " and " + maxRow + where + ", not " + tile.y());
            }
            if (tile.x() < minCol || tile.x() > maxCol) {
                throw new WmtsException(
                        WmtsException.Code.TileOutOfRange,
                        "TileCol",
                        "TileCol must be between " + minCol + " and " + maxCol + where + ", not " + tile.x());
            }
        }
    }
}

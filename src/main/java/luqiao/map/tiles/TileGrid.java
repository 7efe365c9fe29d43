package luqiao.map.tiles;

import org.locationtech.jts.geom.Envelope;

/**
 * The tilings tiles are cut in: where a tile {@code z/x/y} lies, in the grid's own units and in lon/lat.
 * Both start at the north-west corner, x eastwards and y southwards; each zoom halves the tile width.
 * Plain math, no Spring, no I/O.
 *
 * <ul>
 *   <li>{@link #WEB_MERCATOR}: EPSG:3857 in metres, zoom 0 one square tile (WebMercatorQuad, WMTS
 *       GoogleMapsCompatible): the XYZ tiles' grid.</li>
 *   <li>{@link #CGCS2000_GEOGRAPHIC}: EPSG:4490 longitude and latitude in degrees, the layout of Tianditu's
 *       {@code _c} layers: zoom 1 is 2 × 1 tiles of 180° from (-180°, 90°), so a 256-px tile of zoom z spans
 *       360° / 2<sup>z</sup> both ways. CGCS2000 is taken as WGS 84 (they differ by centimetres).</li>
 * </ul>
 */
public enum TileGrid {
    WEB_MERCATOR(
            2 * WebMercator.HALF_WORLD,
            2 * WebMercator.HALF_WORLD,
            -WebMercator.HALF_WORLD,
            WebMercator.HALF_WORLD,
            0) {
        @Override
        public double x(double lon) {
            return WebMercator.x(lon);
        }

        @Override
        public double y(double lat) {
            return WebMercator.y(lat);
        }

        @Override
        public Envelope lonLat(TileCoord t, double margin) {
            return WebMercator.lonLat(t, margin);
        }

        @Override
        public double groundMetresPerPixel(TileCoord t, int pixels) {
            Envelope e = lonLat(t, 0);
            return tileSize(t.z()) / pixels * WebMercator.groundScale((e.getMinY() + e.getMaxY()) / 2);
        }
    },

    CGCS2000_GEOGRAPHIC(360, 180, -180, 90, 1) {
        @Override
        public double x(double lon) {
            return lon;
        }

        @Override
        public double y(double lat) {
            return lat;
        }

        @Override
        public Envelope lonLat(TileCoord t, double margin) {
            Envelope e = projected(t, margin);
            return new Envelope(
                    Math.max(-180, e.getMinX()),
                    Math.min(180, e.getMaxX()),
                    Math.max(-90, e.getMinY()),
                    Math.min(90, e.getMaxY()));
        }

        /**
         * The side of a square of a pixel's ground area: a degree of latitude is {@link #METRES_PER_DEGREE} on
         * the ground, one of longitude that times cos(latitude).
         */
        @Override
        public double groundMetresPerPixel(TileCoord t, int pixels) {
            Envelope e = lonLat(t, 0);
            double latitude = Math.toRadians((e.getMinY() + e.getMaxY()) / 2);
            return tileSize(t.z()) / pixels * METRES_PER_DEGREE * Math.sqrt(Math.cos(latitude));
        }
    };

    /**
     * Metres of one degree on the sphere of the ellipsoid's semi-major axis (CGCS2000 and WGS 84 share it): what
     * WMTS takes as a geographic CRS's metres per unit when it relates scale denominators to degrees.
     */
    public static final double METRES_PER_DEGREE = Math.PI * WebMercator.RADIUS / 180;

    private final double worldWidth;
    private final double worldHeight;
    private final double originX;
    private final double originY;
    private final int minZoom;

    TileGrid(double worldWidth, double worldHeight, double originX, double originY, int minZoom) {
        this.worldWidth = worldWidth;
        this.worldHeight = worldHeight;
        this.originX = originX;
        this.originY = originY;
        this.minZoom = minZoom;
    }

    /** A longitude in the grid's units (x, eastwards). */
    public abstract double x(double lon);

    /** A latitude in the grid's units (y, northwards). */
    public abstract double y(double lat);

    /** The tile in lon/lat, grown on every side by {@code margin} (a fraction of its width), within the grid's world. */
    public abstract Envelope lonLat(TileCoord t, double margin);

    /** Ground metres one of {@code pixels} pixels across the tile covers, at its centre (of a pixel's area, as a square). */
    public abstract double groundMetresPerPixel(TileCoord t, int pixels);

    /** The grid's coarsest zoom; the finest is {@link TileCoord#MAX_ZOOM}. */
    public int minZoom() {
        return minZoom;
    }

    /** Tiles across at zoom {@code z}. */
    public long matrixWidth(int z) {
        return 1L << z;
    }

    /** Tiles down at zoom {@code z}: the geographic grid's world is half as high as it is wide (none at zoom 0). */
    public long matrixHeight(int z) {
        return (long) (matrixWidth(z) * worldHeight / worldWidth);
    }

    /** Whether the tile is in this grid (TileCoord checks only the Web Mercator square). */
    public boolean contains(TileCoord t) {
        return t.z() >= minZoom && t.x() < matrixWidth(t.z()) && t.y() < matrixHeight(t.z());
    }

    /** The width (and height) of one tile at zoom z, in the grid's units. */
    public double tileSize(int z) {
        return worldWidth / (1L << z);
    }

    /** The grid's north-west corner, in its units: where tile 0/0 starts at every zoom. */
    public double originX() {
        return originX;
    }

    public double originY() {
        return originY;
    }

    /** The tile in the grid's units, grown on every side by {@code margin} (a fraction of its width). */
    public Envelope projected(TileCoord t, double margin) {
        double size = tileSize(t.z());
        double minX = originX + t.x() * size;
        double maxY = originY - t.y() * size;
        return new Envelope(
                minX - margin * size, minX + size + margin * size, maxY - size - margin * size, maxY + margin * size);
    }
}

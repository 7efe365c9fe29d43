package luqiao.map.tiles;

import luqiao.map.web.InvalidParameterException;

/**
 * One tile of the WebMercatorQuad grid in the XYZ scheme. It checks itself: a tile that does not
 * exist at its zoom never reaches a query.
 */
public record TileCoord(int z, int x, int y) {

    public static final int MAX_ZOOM = 22;

    public TileCoord {
        if (z < 0 || z > MAX_ZOOM) {
            throw new InvalidParameterException("z", "z must be between 0 and " + MAX_ZOOM + ", not " + z);
        }
        long n = 1L << z;
        if (x < 0 || x >= n) {
            throw new InvalidParameterException(
                    "x", "x must be between 0 and " + (n - 1) + " at zoom " + z + ", not " + x);
        }
        if (y < 0 || y >= n) {
            throw new InvalidParameterException(
                    "y", "y must be between 0 and " + (n - 1) + " at zoom " + z + ", not " + y);
        }
    }

    public static TileCoord of(int z, int x, int y) {
        return new TileCoord(z, x, y);
    }

    /** Whether this tile, grown by {@code margin} of its width on each side, overlaps the lon/lat envelope. */
    public boolean touches(org.locationtech.jts.geom.Envelope lonLat, double margin) {
        return WebMercator.lonLat(this, margin).intersects(lonLat);
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}

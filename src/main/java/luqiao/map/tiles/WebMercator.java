package luqiao.map.tiles;

import org.locationtech.jts.geom.Envelope;

/**
 * Spherical Web Mercator (EPSG:3857) and its XYZ tile grid, the scheme of OGC's WebMercatorQuad:
 * tile (0, 0) is the north-west corner, y grows southwards. Plain math, no Spring, no I/O.
 */
public final class WebMercator {

    /** The sphere radius EPSG:3857 uses (the WGS 84 semi-major axis). */
    public static final double RADIUS = 6378137.0;
    /** Half the width of the projected world: the grid spans [-HALF, HALF] on both axes. */
    public static final double HALF_WORLD = Math.PI * RADIUS;
    /** The latitude where the square grid ends (y = HALF_WORLD). */
    public static final double MAX_LATITUDE = Math.toDegrees(Math.atan(Math.sinh(Math.PI)));

    private WebMercator() {}

    public static double x(double lon) {
        return Math.toRadians(lon) * RADIUS;
    }

    /** Latitudes beyond the grid are clamped to its edge, so polar data still lands on the edge tiles. */
    public static double y(double lat) {
        double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
        return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2)) * RADIUS;
    }

    public static double lon(double x) {
        return Math.toDegrees(x / RADIUS);
    }

    public static double lat(double y) {
        return Math.toDegrees(Math.atan(Math.sinh(y / RADIUS)));
    }

    /** The width of one tile at zoom z, in projected metres. */
    public static double tileSize(int z) {
        return 2 * HALF_WORLD / (1L << z);
    }

    /** The tile in projected metres, grown on every side by {@code margin} (a fraction of its width). */
    public static Envelope projected(TileCoord t, double margin) {
        double size = tileSize(t.z());
        double minX = -HALF_WORLD + t.x() * size;
        double maxY = HALF_WORLD - t.y() * size;
        return new Envelope(
                minX - margin * size, minX + size + margin * size, maxY - size - margin * size, maxY + margin * size);
    }

    /** The same area in lon/lat: Web Mercator keeps axis-aligned boxes axis-aligned, so this is exact. */
    public static Envelope lonLat(TileCoord t, double margin) {
        Envelope p = projected(t, margin);
        return new Envelope(
                lon(Math.max(-HALF_WORLD, p.getMinX())),
                lon(Math.min(HALF_WORLD, p.getMaxX())),
                lat(p.getMinY()),
                lat(p.getMaxY()));
    }

    /** Ground metres per projected metre at a latitude (the Mercator scale factor is 1/cos). */
    public static double groundScale(double lat) {
        return Math.cos(Math.toRadians(lat));
    }
}

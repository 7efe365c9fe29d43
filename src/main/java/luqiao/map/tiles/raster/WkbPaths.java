package luqiao.map.tiles.raster;

import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileGrid;
import org.locationtech.jts.geom.Envelope;

/**
 * Reads lon/lat WKB (ISO or PostGIS's extended form, with or without Z/M, as {@code ST_AsBinary}
 * returns it on PostGIS and H2GIS) straight into a Java2D path in tile (or view) pixels, y down, through the
 * tile's grid (Web Mercator, or plain lon/lat for the geographic grid). No JTS
 * geometry is built and nothing is clipped: a tile may draw 20,000 parcels, and Java2D clips to
 * the image itself.
 */
final class WkbPaths {

    private static final int POINT = 1, LINE = 2, POLYGON = 3, MULTI_POLYGON = 6;

    private final TileGrid grid;
    private final double minX;
    private final double maxY;
    private final double scale;

    /** The tile of {@code grid}, {@code pixels} wide. */
    WkbPaths(TileGrid grid, TileCoord tile, int pixels) {
        this(grid, grid.projected(tile, 0), pixels);
    }

    /** A view of {@code projected} (Web Mercator metres) {@code pixels} wide, with square pixels. */
    WkbPaths(Envelope projected, int pixels) {
        this(TileGrid.WEB_MERCATOR, projected, pixels);
    }

    private WkbPaths(TileGrid grid, Envelope projected, int pixels) {
        this.grid = grid;
        this.minX = projected.getMinX();
        this.maxY = projected.getMaxY();
        this.scale = pixels / projected.getWidth();
    }

    /**
     * Adds the lines and polygon rings of {@code wkb} to {@code path} and its points to {@code points};
     * true when the geometry is polygonal (a fill), false for lines, points or a mixed collection.
     */
    boolean append(byte[] wkb, Path2D path, List<Point2D> points) {
        return geometry(ByteBuffer.wrap(wkb), path, points);
    }

    private boolean geometry(ByteBuffer in, Path2D path, List<Point2D> points) {
        in.order(in.get() == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int code = in.getInt();
        int iso = (code & 0xffff) / 1000;
        int type = (code & 0xffff) % 1000;
        boolean z = (code & 0x80000000) != 0 || iso == 1 || iso == 3;
        boolean m = (code & 0x40000000) != 0 || iso == 2 || iso == 3;
        if ((code & 0x20000000) != 0) {
            in.getInt(); // the SRID of the extended form
        }
        int skip = ((z ? 1 : 0) + (m ? 1 : 0)) * Double.BYTES;
        switch (type) {
            case POINT -> {
                double lon = in.getDouble();
                double lat = in.getDouble();
                in.position(in.position() + skip);
                if (!Double.isNaN(lon)) { // an empty point is NaN, NaN
                    points.add(pixel(lon, lat));
                }
            }
            case LINE -> coordinates(in, skip, path, false);
            case POLYGON -> {
                for (int rings = in.getInt(); rings > 0; rings--) {
                    coordinates(in, skip, path, true);
                }
            }
            default -> { // multi-point, -line, -polygon, collection: parts with their own headers
                boolean polygonal = type == MULTI_POLYGON;
                for (int parts = in.getInt(); parts > 0; parts--) {
                    polygonal &= geometry(in, path, points);
                }
                return polygonal;
            }
        }
        return type == POLYGON;
    }

    private void coordinates(ByteBuffer in, int skip, Path2D path, boolean ring) {
        int n = in.getInt();
        for (int i = 0; i < n; i++) {
            double x = x(in.getDouble());
            double y = y(in.getDouble());
            in.position(in.position() + skip);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        if (ring && n > 0) {
            path.closePath();
        }
    }

    /** A lon/lat position in tile pixels. */
    Point2D pixel(double lon, double lat) {
        return new Point2D.Double(x(lon), y(lat));
    }

    private double x(double lon) {
        return (grid.x(lon) - minX) * scale;
    }

    private double y(double lat) {
        return (maxY - grid.y(lat)) * scale;
    }
}

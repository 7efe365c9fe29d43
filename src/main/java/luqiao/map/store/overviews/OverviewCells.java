package luqiao.map.store.overviews;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;

/**
 * The cells of one overview level that changed features touch: every cell (tile of zoom z + 2) an envelope meets,
 * since a parcel belongs to the cell of its bounding-box centre, which lies inside its envelope. Cells are named by
 * one number, x · 2^24 + y, as in {@code sql/common/overviews/build.sql}, whose Web Mercator formulas these repeat.
 */
final class OverviewCells {

    /** Cell x and y are below 2^(z+2) ≤ 2^22, so x · 2^24 + y names a cell uniquely. */
    static final long KEY_SHIFT = 1L << 24;
    /**
     * Degrees an envelope is grown by before its cells are named: a centre on a cell edge may round to either side in
     * the database, and both cells are then refreshed.
     */
    private static final double EDGE = 1e-9;

    final Set<Long> keys = new TreeSet<>();
    int minX = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, minY = Integer.MAX_VALUE, maxY = Integer.MIN_VALUE;

    /** The cells of zoom {@code z + 2} the envelopes meet; stops counting past {@code atMost} (then the level is rebuilt). */
    static OverviewCells touched(int z, Collection<Envelope> envelopes, int atMost) {
        OverviewCells cells = new OverviewCells();
        double n = 1L << (z + 2);
        for (Envelope e : envelopes) {
            int x0 = x(e.getMinX() - EDGE, n), x1 = x(e.getMaxX() + EDGE, n);
            int y0 = y(e.getMaxY() + EDGE, n), y1 = y(e.getMinY() - EDGE, n);
            for (int x = x0; x <= x1; x++) {
                for (int y = y0; y <= y1; y++) {
                    cells.keys.add(x * KEY_SHIFT + y);
                    if (cells.keys.size() > atMost) {
                        return cells;
                    }
                }
            }
            cells.minX = Math.min(cells.minX, x0);
            cells.maxX = Math.max(cells.maxX, x1);
            cells.minY = Math.min(cells.minY, y0);
            cells.maxY = Math.max(cells.maxY, y1);
        }
        return cells;
    }

    /** The cells' box in lon/lat (min x, min y, max x, max y), to find their parcels by the spatial index. */
    double[] lonLatBox(int z) {
        double n = 1L << (z + 2);
        return new double[] {lon(minX, n), lat(maxY + 1, n), lon(maxX + 1, n), lat(minY, n)};
    }

    private static int x(double lon, double n) {
        return (int) Math.floor((lon + 180) / 360 * n);
    }

    private static int y(double lat, double n) {
        double φ = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2 * n);
    }

    private static double lon(int x, double n) {
        return x / n * 360 - 180;
    }

    private static double lat(int y, double n) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))));
    }
}

package luqiao.map.features;

import luqiao.map.geometry.Crs;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * OGC API – Features Part 2 speaks each CRS in its authority's axis order: EPSG:4326 and 4490 as
 * lat/lon, the CGCS2000 Gauss-Krüger CRSs as northing/easting. Inside the server x is always east.
 */
final class AxisOrder {

    private AxisOrder() {
    }

    /** A geometry in the server's x-east order, read from coordinates in the CRS's authority order. */
    static Geometry fromAuthority(Crs crs, Geometry geometry) {
        return crs.authorityNorthingFirst() ? swapped(geometry) : geometry;
    }

    /** The geometry in the CRS's authority order, for output. */
    static Geometry toAuthority(Crs crs, Geometry geometry) {
        return crs.authorityNorthingFirst() ? swapped(geometry) : geometry;
    }

    private static Geometry swapped(Geometry geometry) {
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double x = seq.getX(i);
                seq.setOrdinate(i, 0, seq.getY(i));
                seq.setOrdinate(i, 1, x);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.setSRID(geometry.getSRID());
        return copy;
    }
}

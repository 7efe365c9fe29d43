package luqiao.map.features;

import luqiao.map.geometry.Crs;
import luqiao.map.geometry.XYMapping;
import org.locationtech.jts.geom.Geometry;

/**
 * OGC API – Features Part 2 speaks each CRS in its authority's axis order: EPSG:4326 and 4490 as
 * lat/lon, the CGCS2000 Gauss-Krüger CRSs as northing/easting. Inside the server x is always east.
 */
final class AxisOrder {

    private AxisOrder() {}

    /** A geometry in the server's x-east order, read from coordinates in the CRS's authority order. */
    static Geometry fromAuthority(Crs crs, Geometry geometry) {
        return crs.authorityNorthingFirst() ? swapped(geometry) : geometry;
    }

    /** The geometry in the CRS's authority order, for output. */
    static Geometry toAuthority(Crs crs, Geometry geometry) {
        return crs.authorityNorthingFirst() ? swapped(geometry) : geometry;
    }

    private static Geometry swapped(Geometry geometry) {
        XYMapping swap = (x, y, out) -> {
            out[0] = y;
            out[1] = x;
        };
        return swap.applyTo(geometry);
    }
}

package luqiao.map.geometry;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.Gnomonic;
import net.sf.geographiclib.GnomonicData;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Ground distance in metres on the WGS 84 ellipsoid from a lon/lat position to the nearest point of
 * a lon/lat geometry: 0 inside (or on) a polygon, otherwise the geodesic distance to the nearest
 * vertex or edge point, as PostGIS {@code ST_Distance(a::geography, b::geography)} measures it.
 *
 * <p>Edges are searched in the gnomonic projection centred on the position, where great circles
 * are straight lines and distance from the centre grows with the plane radius, so the nearest edge
 * point is the plane's nearest point; its distance is then measured with Karney's geodesic (the
 * figure PostGIS reports for geography). Meant for distances well under a hemisphere.
 */
public final class GroundDistance {

    private static final Gnomonic GNOMONIC = new Gnomonic(Geodesic.WGS84);
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GroundDistance() {}

    /** Metres from (lon, lat) to the nearest point of {@code geometry}; infinite for an empty geometry. */
    public static double distanceM(double lon, double lat, Geometry geometry) {
        double best = Double.POSITIVE_INFINITY;
        Point position = null;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part.isEmpty()) {
                continue;
            }
            if (part instanceof Point p) {
                best = Math.min(best, GroundMeasure.distanceM(lon, lat, p.getX(), p.getY()));
            } else if (part instanceof LineString line) {
                best = Math.min(best, toLine(lon, lat, line.getCoordinates()));
            } else if (part instanceof Polygon polygon) {
                if (position == null) {
                    position = FACTORY.createPoint(new Coordinate(lon, lat));
                }
                if (polygon.covers(position)) {
                    return 0;
                }
                best = Math.min(best, toLine(lon, lat, polygon.getExteriorRing().getCoordinates()));
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    best = Math.min(
                            best, toLine(lon, lat, polygon.getInteriorRingN(h).getCoordinates()));
                }
            } else if (part != geometry) {
                best = Math.min(best, distanceM(lon, lat, part));
            }
            if (best == 0) {
                return 0;
            }
        }
        return best;
    }

    private static double toLine(double lon, double lat, Coordinate[] c) {
        if (c.length == 1) {
            return GroundMeasure.distanceM(lon, lat, c[0].x, c[0].y);
        }
        double best = Double.POSITIVE_INFINITY;
        double[] a = project(lon, lat, c[0]);
        for (int i = 1; i < c.length; i++) {
            double[] b = project(lon, lat, c[i]);
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double length2 = dx * dx + dy * dy;
            double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / length2));
            double d;
            if (t == 0) {
                d = GroundMeasure.distanceM(lon, lat, c[i - 1].x, c[i - 1].y);
            } else if (t == 1) {
                d = GroundMeasure.distanceM(lon, lat, c[i].x, c[i].y);
            } else {
                GnomonicData p = GNOMONIC.Reverse(lat, lon, a[0] + t * dx, a[1] + t * dy);
                d = Geodesic.WGS84.Inverse(lat, lon, p.lat, p.lon).s12;
            }
            best = Math.min(best, d);
            a = b;
        }
        return best;
    }

    private static double[] project(double lon, double lat, Coordinate c) {
        GnomonicData g = GNOMONIC.Forward(lat, lon, c.y, c.x);
        return new double[] {g.x, g.y};
    }
}

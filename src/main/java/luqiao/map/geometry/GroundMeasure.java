package luqiao.map.geometry;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Areas and lengths on the WGS 84 ellipsoid for lon/lat geometries.
 *
 * <p>Uses Karney's geodesic algorithms (GeographicLib), the same ones PostGIS uses for
 * {@code ST_Area(geom::geography)} and {@code ST_Length(geom::geography)}, so both storage
 * backends report the figures a PostGIS user would get, independent of which database ran.
 */
public final class GroundMeasure {

    private GroundMeasure() {}

    /** Area in m² of the polygonal parts (holes subtracted); 0 for points and lines. */
    public static double areaM2(Geometry geometry) {
        double area = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon polygon) {
                area += ringArea(polygon.getExteriorRing());
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    area -= ringArea(polygon.getInteriorRingN(h));
                }
            } else if (part != geometry && part.getNumGeometries() > 1) {
                area += areaM2(part);
            }
        }
        return area;
    }

    /** Length in metres of the linear parts; 0 for points and polygons. */
    public static double lengthM(Geometry geometry) {
        double length = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            if (geometry.getGeometryN(i) instanceof LineString line && !(line instanceof LinearRing)) {
                length += lineLength(line.getCoordinates());
            }
        }
        return length;
    }

    /** Geodesic distance in metres between two lon/lat positions. */
    public static double distanceM(double lon1, double lat1, double lon2, double lat2) {
        return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12;
    }

    private static double ringArea(LineString ring) {
        Coordinate[] c = ring.getCoordinates();
        PolygonArea polygon = new PolygonArea(Geodesic.WGS84, false);
        // A JTS ring repeats its first point at the end; GeographicLib closes rings itself.
        for (int i = 0; i < c.length - 1; i++) {
            polygon.AddPoint(c[i].y, c[i].x);
        }
        return Math.abs(polygon.Compute(false, true).area);
    }

    private static double lineLength(Coordinate[] c) {
        double length = 0;
        for (int i = 1; i < c.length; i++) {
            length += distanceM(c[i - 1].x, c[i - 1].y, c[i].x, c[i].y);
        }
        return length;
    }
}

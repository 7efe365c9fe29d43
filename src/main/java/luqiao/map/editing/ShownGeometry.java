package luqiao.map.editing;

import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A geometry sent back as the read API showed it, its coordinates rounded to
 * {@link GeoJsonWriter#DEGREE_DECIMALS}, is the stored geometry and no edit: an editor who changed only
 * attributes would otherwise move every vertex by up to half a centimetre, change the area and leave a
 * "geometry changed" line in the history. The stored, exact geometry is kept instead.
 */
final class ShownGeometry {

    /** Half the last shown decimal, and a little for the decimal-to-double round trip. */
    private static final double TOLERANCE = 0.5 * Math.pow(10, -GeoJsonWriter.DEGREE_DECIMALS) + 1e-12;

    private ShownGeometry() {}

    /** {@code sent}, with the stored geometry in place of its own when that is the stored one as shown. */
    static Feature keepStored(Feature stored, Feature sent) {
        return isShownCopy(stored.geometry(), sent.geometry())
                ? new Feature(sent.id(), sent.properties(), stored.geometry())
                : sent;
    }

    static boolean isShownCopy(Geometry stored, Geometry sent) {
        if (!stored.getGeometryType().equals(sent.getGeometryType())
                || stored.getNumGeometries() != sent.getNumGeometries()) {
            return false;
        }
        Coordinate[] a = stored.getCoordinates();
        Coordinate[] b = sent.getCoordinates();
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i].x - b[i].x) > TOLERANCE || Math.abs(a[i].y - b[i].y) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}

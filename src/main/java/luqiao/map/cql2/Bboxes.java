package luqiao.map.cql2;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Turns a CQL2 BBOX ([minx, miny, maxx, maxy] or the 6-number 3D form) into its rectangle polygon.
 * Keeping it as an ordinary geometry lets the caller's CRS transform bend it like any other literal.
 */
final class Bboxes {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private Bboxes() {}

    static Geometry toPolygon(List<Double> numbers) {
        if (numbers.size() != 4 && numbers.size() != 6) {
            throw new Cql2Exception("a bbox needs 4 or 6 numbers, not " + numbers.size());
        }
        if (numbers.stream().anyMatch(n -> !Double.isFinite(n))) {
            throw new Cql2Exception("bbox coordinates must be finite numbers");
        }
        int half = numbers.size() / 2;
        double minX = numbers.get(0);
        double minY = numbers.get(1);
        double maxX = numbers.get(half);
        double maxY = numbers.get(half + 1);
        if (minX > maxX) {
            throw new Cql2Exception("bboxes crossing the antimeridian (minx > maxx) are not supported");
        }
        if (minY > maxY) {
            throw new Cql2Exception("the bbox has miny > maxy");
        }
        return FACTORY.toGeometry(new Envelope(minX, maxX, minY, maxY));
    }
}

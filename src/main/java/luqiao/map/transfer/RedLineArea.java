package luqiao.map.transfer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import luqiao.map.geometry.Crs;
import luqiao.map.web.InvalidParameterException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The query area of a red-line file: its polygons (the polygonal parts of every record), each
 * checked valid in the file's CRS, unioned, and turned into WGS 84 lon/lat. A CSV of points is a
 * list of vertices: its rows, in order, are the one ring. Anything that gives no usable area is a
 * 400 naming {@code file} (or {@code crs}, for positions that are no lon/lat without a CRS).
 */
final class RedLineArea {

    private final GeometryFactory factory = new GeometryFactory();
    private final List<Polygon> polygons = new ArrayList<>();
    private final List<Coordinate> vertices = new ArrayList<>();
    private final int maxVertices;
    private int points;
    private int lines;
    private int count;

    RedLineArea(int maxVertices) {
        this.maxVertices = maxVertices;
    }

    /** Takes the polygonal parts of one record's geometry; points are kept as vertices, lines counted. */
    void add(Geometry g) {
        if (g == null || g.isEmpty()) {
            return;
        }
        count += g.getNumPoints();
        if (count > maxVertices) {
            throw bad("the file has more than " + maxVertices + " vertices; at most " + maxVertices
                    + " are accepted (luqiao.analysis.max-vertices)");
        }
        PolygonExtracter.getPolygons(g, polygons);
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Point p) {
                points++;
                vertices.add(p.getCoordinate());
            } else if (!(part instanceof Polygonal)) {
                lines++;
            }
        }
    }

    /** Counts a record whose geometry was not read as a polygon (KML points and lines). */
    void countOthers(int otherPoints, int otherLines) {
        points += otherPoints;
        lines += otherLines;
    }

    /** How many polygons the file gave. */
    int polygonCount() {
        return polygons.isEmpty() && pointsMakeARing() ? 1 : polygons.size();
    }

    /**
     * The union of the polygons in lon/lat (SRID 4326). {@code pointsAreVertices}: a CSV's point rows
     * form the ring when the file holds no polygon.
     */
    Geometry lonLat(Crs crs, boolean pointsAreVertices) {
        List<Polygon> parts = new ArrayList<>(polygons);
        if (parts.isEmpty() && pointsAreVertices && pointsMakeARing()) {
            List<Coordinate> ring = new ArrayList<>(vertices);
            if (!ring.get(0).equals2D(ring.get(ring.size() - 1))) {
                ring.add(ring.get(0).copy());
            }
            parts.add(factory.createPolygon(ring.toArray(Coordinate[]::new)));
        }
        if (parts.isEmpty()) {
            throw bad("the file holds no polygon (" + points + " points, " + lines
                    + " lines); a red line is a polygon"
                    + (pointsAreVertices ? ", or at least 3 points in order (its vertices)" : ""));
        }
        for (Polygon p : parts) {
            checkLonLatRange(p, crs);
            checkValid(p, crs);
        }
        Geometry union = OverlayNGRobust.union(factory.buildGeometry(parts));
        Geometry lonLat = crs.toLonLat(union);
        for (Coordinate c : lonLat.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
                throw new InvalidParameterException(
                        "crs", "crs: the file's positions lie outside the area where " + crs.id() + " is defined");
            }
        }
        checkValid(lonLat, Crs.CRS84);
        if (lonLat.getArea() <= 0) {
            throw bad("the file's polygons have no area");
        }
        lonLat.setSRID(4326);
        return lonLat;
    }

    private boolean pointsMakeARing() {
        return polygons.isEmpty() && lines == 0 && vertices.size() >= 3;
    }

    /** Positions read as lon/lat that cannot be: most often projected metres in a file without a CRS. */
    private static void checkLonLatRange(Geometry g, Crs crs) {
        if (!crs.isLonLat()) {
            return;
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
                throw new InvalidParameterException(
                        "crs",
                        String.format(
                                Locale.ROOT,
                                "crs: the position (%s, %s) is no longitude/latitude in %s; name the file's CRS with"
                                        + " the crs parameter (e.g. EPSG:4549 for CGCS2000 Gauss-Krüger 120°E)",
                                c.x,
                                c.y,
                                crs.id()));
            }
        }
    }

    private static void checkValid(Geometry g, Crs crs) {
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw bad("the polygon is not valid: " + error.getMessage()
                    + (at == null ? "" : String.format(Locale.ROOT, " at (%s, %s) in %s", at.x, at.y, crs.id())));
        }
    }

    static InvalidParameterException bad(String detail) {
        return new InvalidParameterException("file", "file: " + detail);
    }

    /** Reads every record of {@code source} into the area; a record whose geometry is unreadable is a 400. */
    void addAll(FeatureSource source) throws IOException {
        SourceRow row;
        while ((row = source.next()) != null) {
            if (row.problem() != null) {
                throw bad("record " + row.number() + ": " + row.problem());
            }
            add(row.geometry());
        }
    }
}

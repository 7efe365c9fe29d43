package luqiao.map.transfer;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.JsonNode;

/**
 * A GeoJSON geometry object, already parsed into a tree, made into a JTS geometry as JTS's own
 * {@code GeoJsonReader} makes it (x, y and z when given; no SRID), without writing the tree back to text
 * and parsing it again: that round trip was most of an import's dry run (issue #18). An import reads the common
 * form without a tree ({@link GeometryMember}) and hands the rest here.
 */
final class GeoJsonGeometry {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoJsonGeometry() {}

    /** The geometry; an {@link IllegalArgumentException} saying what is wrong when it is not one. */
    static Geometry read(JsonNode geometry) {
        String type = geometry.path("type").asString("");
        if (type.equals("GeometryCollection")) {
            JsonNode members = array(geometry.path("geometries"), "geometries");
            Geometry[] parts = new Geometry[members.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = read(members.get(i));
            }
            return FACTORY.createGeometryCollection(parts);
        }
        JsonNode c = array(geometry.path("coordinates"), "coordinates");
        return switch (type) {
            case "Point" -> c.isEmpty() ? FACTORY.createPoint() : FACTORY.createPoint(coordinate(c));
            case "LineString" -> FACTORY.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPoint" -> {
                Point[] points = new Point[c.size()];
                for (int i = 0; i < points.length; i++) {
                    points[i] = FACTORY.createPoint(coordinate(c.get(i)));
                }
                yield FACTORY.createMultiPoint(points);
            }
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = FACTORY.createLineString(coordinates(array(c.get(i), "a line")));
                }
                yield FACTORY.createMultiLineString(lines);
            }
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(array(c.get(i), "a polygon"));
                }
                yield FACTORY.createMultiPolygon(polygons);
            }
            default -> throw new IllegalArgumentException("unknown GeoJSON geometry type '" + type + "'");
        };
    }

    /** The positions in a GeoJSON geometry's {@code coordinates} (of its members, for a collection). */
    static long positions(JsonNode geometry) {
        long n = 0;
        for (JsonNode member : geometry.path("geometries")) {
            n += positions(member);
        }
        return n + positionsIn(geometry.path("coordinates"));
    }

    private static long positionsIn(JsonNode coordinates) {
        if (!coordinates.isArray() || coordinates.isEmpty()) {
            return 0;
        }
        if (coordinates.get(0).isNumber()) {
            return 1;
        }
        long n = 0;
        for (JsonNode c : coordinates) {
            n += positionsIn(c);
        }
        return n;
    }

    private static Polygon polygon(JsonNode rings) {
        if (rings.isEmpty()) {
            return FACTORY.createPolygon();
        }
        LinearRing shell = FACTORY.createLinearRing(coordinates(array(rings.get(0), "a ring")));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = FACTORY.createLinearRing(coordinates(array(rings.get(i + 1), "a ring")));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(JsonNode positions) {
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int i = 0; i < coordinates.length; i++) {
            coordinates[i] = coordinate(positions.get(i));
        }
        return coordinates;
    }

    private static Coordinate coordinate(JsonNode position) {
        array(position, "a position");
        if (position.size() < 2) {
            throw new IllegalArgumentException("a position has fewer than two numbers");
        }
        double x = number(position.get(0));
        double y = number(position.get(1));
        return position.size() > 2 ? new Coordinate(x, y, number(position.get(2))) : new Coordinate(x, y);
    }

    private static double number(JsonNode n) {
        if (!n.isNumber()) {
            throw new IllegalArgumentException("a position holds '" + n + "', not a number");
        }
        return n.doubleValue();
    }

    private static JsonNode array(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(what + " is not an array");
        }
        return node;
    }
}

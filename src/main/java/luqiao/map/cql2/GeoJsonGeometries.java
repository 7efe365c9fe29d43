package luqiao.map.cql2;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.JsonNode;

/**
 * Reads the GeoJSON geometry literals of CQL2-JSON into JTS. Written here because JTS's own
 * GeoJsonReader needs json-simple, and the few geometry types are short to read with Jackson.
 */
final class GeoJsonGeometries {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoJsonGeometries() {}

    static boolean isGeometry(JsonNode node) {
        return node.has("type") && (node.has("coordinates") || node.has("geometries"));
    }

    static Geometry read(JsonNode node, String path) {
        try {
            return geometry(node, path, 0);
        } catch (IllegalArgumentException e) { // JTS rejects e.g. unclosed rings
            throw new Cql2Exception("invalid GeoJSON geometry at " + path + ": " + e.getMessage());
        }
    }

    private static Geometry geometry(JsonNode node, String path, int depth) {
        if (depth > Cql2.MAX_DEPTH) {
            throw new Cql2Exception("the geometry at " + path + " is nested deeper than " + Cql2.MAX_DEPTH + " levels");
        }
        String type = node.path("type").asString("");
        JsonNode coordinates = node.path("coordinates");
        switch (type) {
            case "Point":
                return FACTORY.createPoint(coordinate(coordinates, path));
            case "LineString":
                return lineString(coordinates, path);
            case "Polygon":
                return polygon(coordinates, path);
            case "MultiPoint":
                return FACTORY.createMultiPoint(list(coordinates, path, c -> FACTORY.createPoint(coordinate(c, path)))
                        .toArray(Point[]::new));
            case "MultiLineString":
                return FACTORY.createMultiLineString(
                        list(coordinates, path, c -> lineString(c, path)).toArray(LineString[]::new));
            case "MultiPolygon":
                return FACTORY.createMultiPolygon(
                        list(coordinates, path, c -> polygon(c, path)).toArray(Polygon[]::new));
            case "GeometryCollection":
                return FACTORY.createGeometryCollection(
                        list(node.path("geometries"), path, g -> geometry(g, path, depth + 1))
                                .toArray(Geometry[]::new));
            default:
                throw new Cql2Exception("unknown GeoJSON geometry type '" + type + "' at " + path);
        }
    }

    private static LineString lineString(JsonNode coordinates, String path) {
        return FACTORY.createLineString(coordinates(coordinates, path));
    }

    private static Polygon polygon(JsonNode rings, String path) {
        List<LinearRing> all = list(rings, path, ring -> FACTORY.createLinearRing(coordinates(ring, path)));
        if (all.isEmpty()) {
            return FACTORY.createPolygon();
        }
        return FACTORY.createPolygon(all.get(0), all.subList(1, all.size()).toArray(LinearRing[]::new));
    }

    private static Coordinate[] coordinates(JsonNode positions, String path) {
        return list(positions, path, p -> coordinate(p, path)).toArray(Coordinate[]::new);
    }

    private static Coordinate coordinate(JsonNode position, String path) {
        if (!position.isArray()
                || position.size() < 2
                || position.size() > 3
                || !position.get(0).isNumber()
                || !position.get(1).isNumber()
                || (position.size() == 3 && !position.get(2).isNumber())) {
            throw new Cql2Exception("a GeoJSON position must be 2 or 3 numbers at " + path);
        }
        return position.size() == 3
                ? new Coordinate(
                        position.get(0).doubleValue(),
                        position.get(1).doubleValue(),
                        position.get(2).doubleValue())
                : new Coordinate(position.get(0).doubleValue(), position.get(1).doubleValue());
    }

    private static <T> List<T> list(JsonNode array, String path, java.util.function.Function<JsonNode, T> element) {
        if (!array.isArray()) {
            throw new Cql2Exception("expected a GeoJSON coordinate array at " + path);
        }
        List<T> result = new ArrayList<>(array.size());
        for (JsonNode item : array.values()) {
            result.add(element.apply(item));
        }
        return result;
    }
}

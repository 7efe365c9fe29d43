package luqiao.map.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A feature's {@code geometry} member read straight from the parser, without a Jackson tree (issue #18: building
 * the tree was most of the dry run's reading). The common form, a {@code type} string and {@code coordinates} of
 * nested arrays of decimal numbers, is kept compactly (a position as a {@code double[]}, an array of arrays as an
 * {@code Object[]}) and made into JTS directly. Anything else (integers, a {@code GeometryCollection}, a value of
 * another kind where a number or array belongs, coordinates that do not fit the type) is read as the tree, or made
 * into it, and handed to {@link GeoJsonGeometry}: the same geometry, vertex count and error message as before.
 */
final class GeometryMember {

    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Object[] EMPTY = {};

    /** The compact form: the type (null when none was given) and the coordinates (null when none were). */
    private final String type;

    private final Object coordinates;
    /** The tree, when the member is not of the compact form; null otherwise. */
    private final JsonNode tree;

    private GeometryMember(String type, Object coordinates, JsonNode tree) {
        this.type = type;
        this.coordinates = coordinates;
        this.tree = tree;
    }

    /**
     * Reads the member's value, whose first token {@code first} the parser is on; null for a JSON null (no geometry).
     * A number buffer is reused by one reader: {@code scratch} holds it.
     */
    static GeometryMember read(JsonParser p, JsonToken first, Scratch scratch) {
        if (first == JsonToken.VALUE_NULL) {
            return null;
        }
        if (first != JsonToken.START_OBJECT) {
            return new GeometryMember(null, null, p.readValueAsTree());
        }
        String type = null;
        Object coordinates = null;
        ObjectNode tree = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken value = p.nextToken();
            if (tree != null) {
                tree.set(name, (JsonNode) p.readValueAsTree());
            } else if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                type = p.getString();
            } else if (name.equals("coordinates") && value == JsonToken.START_ARRAY) {
                Object read = array(p, scratch);
                if (read instanceof JsonNode node) {
                    tree = tree(type, null);
                    tree.set(name, node);
                } else {
                    coordinates = read;
                }
            } else if (name.equals("type") || name.equals("coordinates") || name.equals("geometries")) {
                tree = tree(type, coordinates);
                tree.set(name, (JsonNode) p.readValueAsTree());
            } else {
                p.skipChildren(); // no other member matters
            }
        }
        return tree != null ? new GeometryMember(null, null, tree) : new GeometryMember(type, coordinates, null);
    }

    /**
     * An array (its start just read): a {@code double[]} of decimal numbers, an {@code Object[]} of such arrays, or,
     * once anything else turns up, the whole array as a tree.
     */
    private static Object array(JsonParser p, Scratch scratch) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return EMPTY;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double[] numbers = scratch.numbers;
            int n = 0;
            do {
                if (n == numbers.length) {
                    numbers = scratch.numbers = Arrays.copyOf(numbers, 2 * n);
                }
                numbers[n++] = p.getDoubleValue();
            } while ((t = p.nextToken()) == JsonToken.VALUE_NUMBER_FLOAT);
            if (t == JsonToken.END_ARRAY) {
                return Arrays.copyOf(numbers, n);
            }
            ArrayNode node = NODES.arrayNode();
            for (int i = 0; i < n; i++) {
                node.add(numbers[i]);
            }
            return rest(p, node);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> items = new ArrayList<>(4);
            do {
                Object item = array(p, scratch);
                if (item instanceof JsonNode node) {
                    return remaining(p, treeOf(items).add(node));
                }
                items.add(item);
            } while ((t = p.nextToken()) == JsonToken.START_ARRAY);
            if (t == JsonToken.END_ARRAY) {
                return items.toArray();
            }
            return rest(p, treeOf(items));
        }
        return rest(p, NODES.arrayNode());
    }

    /** Adds the value the parser is on and the array's further values to {@code node}, as the tree reads them. */
    private static ArrayNode rest(JsonParser p, ArrayNode node) {
        node.add((JsonNode) p.readValueAsTree());
        return remaining(p, node);
    }

    /** Adds the array's further values to {@code node}, as the tree reads them. */
    private static ArrayNode remaining(JsonParser p, ArrayNode node) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            node.add((JsonNode) p.readValueAsTree());
        }
        return node;
    }

    /** The positions JTS would be given (a member beyond {@code luqiao.editing.max-vertices} is counted, not built). */
    long positions() {
        return tree != null ? GeoJsonGeometry.positions(tree) : positionsIn(coordinates);
    }

    private static long positionsIn(Object coordinates) {
        if (coordinates instanceof double[]) {
            return 1;
        }
        long n = 0;
        if (coordinates instanceof Object[] items) {
            for (Object item : items) {
                n += positionsIn(item);
            }
        }
        return n;
    }

    /** The JTS geometry, as {@link GeoJsonGeometry#read} makes it from the tree; an IllegalArgumentException saying why not. */
    Geometry toJts() {
        if (tree != null) {
            return GeoJsonGeometry.read(tree);
        }
        Geometry g =
                switch (type == null ? "" : type) {
                    case "Point" -> point(coordinates);
                    case "LineString" -> line(coordinates);
                    case "Polygon" -> polygon(coordinates);
                    case "MultiPoint" -> multiPoint(coordinates);
                    case "MultiLineString" -> multiLine(coordinates);
                    case "MultiPolygon" -> multiPolygon(coordinates);
                    default -> null;
                };
        // Not of the form its type needs: the tree's reading says what is wrong, in its order.
        return g != null ? g : GeoJsonGeometry.read(tree(type, coordinates));
    }

    private static Point point(Object c) {
        if (c == EMPTY) {
            return FACTORY.createPoint();
        }
        Coordinate at = c instanceof double[] position ? coordinate(position) : null;
        return at == null ? null : FACTORY.createPoint(at);
    }

    private static LineString line(Object c) {
        Coordinate[] positions = coordinates(c);
        return positions == null ? null : FACTORY.createLineString(positions);
    }

    private static Polygon polygon(Object c) {
        if (!(c instanceof Object[] rings)) {
            return null;
        }
        if (rings.length == 0) {
            return FACTORY.createPolygon();
        }
        LinearRing shell = ring(rings[0]);
        if (shell == null) {
            return null;
        }
        LinearRing[] holes = new LinearRing[rings.length - 1];
        for (int i = 0; i < holes.length; i++) {
            if ((holes[i] = ring(rings[i + 1])) == null) {
                return null;
            }
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Object c) {
        Coordinate[] positions = coordinates(c);
        return positions == null ? null : FACTORY.createLinearRing(positions);
    }

    private static Geometry multiPoint(Object c) {
        if (!(c instanceof Object[] items)) {
            return null;
        }
        Point[] points = new Point[items.length];
        for (int i = 0; i < points.length; i++) {
            Coordinate at = items[i] instanceof double[] position ? coordinate(position) : null;
            if (at == null) {
                return null;
            }
            points[i] = FACTORY.createPoint(at);
        }
        return FACTORY.createMultiPoint(points);
    }

    private static Geometry multiLine(Object c) {
        if (!(c instanceof Object[] items)) {
            return null;
        }
        LineString[] lines = new LineString[items.length];
        for (int i = 0; i < lines.length; i++) {
            if (!(items[i] instanceof Object[]) || (lines[i] = line(items[i])) == null) {
                return null;
            }
        }
        return FACTORY.createMultiLineString(lines);
    }

    private static Geometry multiPolygon(Object c) {
        if (!(c instanceof Object[] items)) {
            return null;
        }
        Polygon[] polygons = new Polygon[items.length];
        for (int i = 0; i < polygons.length; i++) {
            if ((polygons[i] = polygon(items[i])) == null) {
                return null;
            }
        }
        return FACTORY.createMultiPolygon(polygons);
    }

    /** The positions of an array of positions; null when it is not one. */
    private static Coordinate[] coordinates(Object c) {
        if (!(c instanceof Object[] items)) {
            return null;
        }
        Coordinate[] positions = new Coordinate[items.length];
        for (int i = 0; i < positions.length; i++) {
            if (!(items[i] instanceof double[] position) || (positions[i] = coordinate(position)) == null) {
                return null;
            }
        }
        return positions;
    }

    private static Coordinate coordinate(double[] position) {
        if (position.length < 2) {
            return null;
        }
        return position.length > 2
                ? new Coordinate(position[0], position[1], position[2])
                : new Coordinate(position[0], position[1]);
    }

    /** The compact form as the tree it was read from. */
    private static ObjectNode tree(String type, Object coordinates) {
        ObjectNode node = NODES.objectNode();
        if (type != null) {
            node.put("type", type);
        }
        if (coordinates != null) {
            node.set("coordinates", treeOf(coordinates));
        }
        return node;
    }

    private static JsonNode treeOf(Object coordinates) {
        if (coordinates instanceof double[] numbers) {
            ArrayNode node = NODES.arrayNode(numbers.length);
            for (double n : numbers) {
                node.add(n);
            }
            return node;
        }
        return treeOf(Arrays.asList((Object[]) coordinates));
    }

    private static ArrayNode treeOf(List<Object> items) {
        ArrayNode node = NODES.arrayNode(items.size());
        for (Object item : items) {
            node.add(treeOf(item));
        }
        return node;
    }

    /** A buffer of numbers one reader reuses for every position it reads. */
    static final class Scratch {
        double[] numbers = new double[8];
    }
}

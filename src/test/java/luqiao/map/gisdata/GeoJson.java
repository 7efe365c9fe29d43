package luqiao.map.gisdata;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import tools.jackson.databind.JsonNode;

/**
 * Minimal GeoJSON reading (via Jackson trees) and writing (plain string building).
 *
 * <p>Writing is done by hand so that we control the exact output: coordinates rounded to 7
 * decimals (≈1 cm), one feature per line (diff-friendly), Chinese kept as characters.
 */
public final class GeoJson {

    /** 1e7 = 7 decimals of a degree. */
    public static final PrecisionModel SEVEN_DECIMALS = new PrecisionModel(1e7);

    private GeoJson() {}

    /** A feature: ordered properties plus a lon/lat geometry. */
    public record Feature(Map<String, Object> properties, Geometry geometry) {}

    // ---- reading -------------------------------------------------------------------------------

    public static Geometry readGeometry(JsonNode g) {
        String type = g.get("type").asString();
        JsonNode c = g.get("coordinates");
        return switch (type) {
            case "Point" -> Coords.GF.createPoint(coordinate(c));
            case "LineString" -> Coords.GF.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] parts = new Polygon[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    parts[i] = polygon(c.get(i));
                }
                yield Coords.GF.createMultiPolygon(parts);
            }
            default -> throw new IllegalArgumentException("unsupported geometry type " + type);
        };
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = Coords.GF.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = Coords.GF.createLinearRing(coordinates(rings.get(i)));
        }
        return Coords.GF.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(JsonNode arr) {
        Coordinate[] out = new Coordinate[arr.size()];
        for (int i = 0; i < arr.size(); i++) {
            out[i] = coordinate(arr.get(i));
        }
        return out;
    }

    private static Coordinate coordinate(JsonNode xy) {
        return new Coordinate(xy.get(0).asDouble(), xy.get(1).asDouble());
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Snaps a lon/lat geometry to 7 decimals, keeping it valid (the reducer repairs collapses). */
    public static Geometry roundTo7(Geometry lonLat) {
        return GeometryPrecisionReducer.reduce(lonLat, SEVEN_DECIMALS);
    }

    public static void writeCollection(Path file, List<Feature> features) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            sb.append("{\"type\":\"Feature\",\"properties\":");
            appendProperties(sb, f.properties());
            sb.append(",\"geometry\":");
            appendGeometry(sb, f.geometry());
            sb.append('}').append(i + 1 < features.size() ? ",\n" : "\n");
        }
        sb.append("]}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void appendProperties(StringBuilder sb, Map<String, Object> props) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendString(sb, e.getKey());
            sb.append(':');
            Object v = e.getValue();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
                sb.append(v);
            } else if (v instanceof Number n) {
                sb.append(
                        BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString());
            } else {
                appendString(sb, v.toString());
            }
        }
        sb.append('}');
    }

    /** JSON string escaping; non-ASCII (Chinese) is written as-is, the file is UTF-8. */
    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void appendGeometry(StringBuilder sb, Geometry g) {
        if (g instanceof Point p) {
            sb.append("{\"type\":\"Point\",\"coordinates\":");
            appendCoord(sb, p.getCoordinate());
        } else if (g instanceof LineString l) {
            sb.append("{\"type\":\"LineString\",\"coordinates\":");
            appendCoords(sb, l.getCoordinates());
        } else if (g instanceof Polygon p) {
            sb.append("{\"type\":\"Polygon\",\"coordinates\":");
            appendPolygon(sb, p);
        } else if (g instanceof MultiPolygon mp) {
            sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendPolygon(sb, (Polygon) mp.getGeometryN(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
        sb.append('}');
    }

    /** RFC 7946 ring order: exterior counter-clockwise, holes clockwise. */
    private static void appendPolygon(StringBuilder sb, Polygon p) {
        Polygon oriented = (Polygon) p.copy();
        oriented.normalize(); // JTS normal form: shell clockwise, holes counter-clockwise...
        oriented = (Polygon) oriented.reverse(); // ...so reversing gives the RFC 7946 order.
        sb.append('[');
        appendCoords(sb, oriented.getExteriorRing().getCoordinates());
        for (int i = 0; i < oriented.getNumInteriorRing(); i++) {
            sb.append(',');
            appendCoords(sb, oriented.getInteriorRingN(i).getCoordinates());
        }
        sb.append(']');
    }

    private static void appendCoords(StringBuilder sb, Coordinate[] cs) {
        sb.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendCoord(sb, cs[i]);
        }
        sb.append(']');
    }

    private static void appendCoord(StringBuilder sb, Coordinate c) {
        sb.append('[').append(fmt(c.x)).append(',').append(fmt(c.y)).append(']');
    }

    static String fmt(double v) {
        return BigDecimal.valueOf(Math.round(v * 1e7), 7).stripTrailingZeros().toPlainString();
    }

    /** Polygon parts of any geometry (for MultiPolygon outputs after overlay operations). */
    public static List<Polygon> polygons(Geometry g) {
        List<Polygon> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p && !p.isEmpty()) {
                out.add(p);
            } else if (part.getNumGeometries() > 1 || part instanceof MultiPolygon) {
                out.addAll(polygons(part));
            }
        }
        return out;
    }
}

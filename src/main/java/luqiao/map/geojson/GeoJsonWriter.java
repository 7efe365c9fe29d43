package luqiao.map.geojson;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import luqiao.map.geometry.AreaUnits;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes features as RFC 7946 GeoJSON. Coordinates keep 7 decimals (about 1 cm); each feature
 * with an {@code area_m2} also gets {@code area_mu} and {@code area_ha}, so every client sees
 * the same figures in the land office's units.
 */
public final class GeoJsonWriter {

    private GeoJsonWriter() {}

    /** Decimals kept for degrees (about 1 cm) and for metres (1 mm). */
    public static final int DEGREE_DECIMALS = 7;

    public static final int METRE_DECIMALS = 3;

    /**
     * A FeatureCollection: {@code type}, then {@code members} in their order (e.g. numberMatched,
     * numberReturned, links; values serialised by the generator's mapper), then the features.
     */
    public static void writeFeatureCollection(
            JsonGenerator out, Map<String, ?> members, List<Feature> features, int decimals) {
        streamFeatureCollection(out, members, features::forEach, decimals);
    }

    /**
     * A FeatureCollection whose features are written as they are read: {@code features} hands each one
     * to the consumer it is given (an export streaming a whole layer holds no list of it).
     */
    public static void streamFeatureCollection(
            JsonGenerator out, Map<String, ?> members, Consumer<Consumer<Feature>> features, int decimals) {
        out.writeStartObject();
        out.writeStringProperty("type", "FeatureCollection");
        members.forEach(out::writePOJOProperty);
        out.writeArrayPropertyStart("features");
        features.accept(f -> writeFeature(out, f, decimals));
        out.writeEndArray();
        out.writeEndObject();
    }

    /** A FeatureCollection of features whose geometries are GeoJSON text already, written as they are. */
    public static void writeGeoJsonFeatureCollection(
            JsonGenerator out, Map<String, ?> members, List<GeoJsonFeature> features) {
        out.writeStartObject();
        out.writeStringProperty("type", "FeatureCollection");
        members.forEach(out::writePOJOProperty);
        out.writeArrayPropertyStart("features");
        for (GeoJsonFeature feature : features) {
            out.writeStartObject();
            out.writeStringProperty("type", "Feature");
            out.writeStringProperty("id", feature.id());
            out.writeName("geometry");
            out.writeRawValue(feature.geometry());
            writeProperties(out, feature.properties());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** One geometry as GeoJSON text with {@code decimals} decimals, as a {@link GeoJsonFeature} holds it. */
    public static String geometryText(Geometry geometry, int decimals) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = TEXT.createGenerator(text)) {
            writeGeometry(out, geometry, Math.pow(10, decimals));
        }
        return text.toString();
    }

    /** One feature as GeoJSON text (a stored version, a history entry). */
    public static String featureText(Feature feature) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = TEXT.createGenerator(text)) {
            writeFeature(out, feature);
        }
        return text.toString();
    }

    /**
     * {@link #featureText} in UTF-8, written as bytes straight away: an import's version rows go to PostgreSQL as
     * bytes, and encoding the text afterwards was the largest single cost of preparing them (issue #18).
     */
    public static byte[] featureUtf8(Feature feature) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = TEXT.createGenerator(bytes)) {
            writeFeature(out, feature);
        }
        return bytes.toByteArray();
    }

    /** Schubfach for doubles: the same numbers read back, in a fraction of Java 17's Double.toString time (imports, issue #18). */
    private static final JsonMapper TEXT = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    public static void writeFeature(JsonGenerator out, Feature feature) {
        writeFeature(out, feature, DEGREE_DECIMALS);
    }

    public static void writeFeature(JsonGenerator out, Feature feature, int decimals) {
        writeFeature(out, feature, decimals, o -> {});
    }

    /** With further members (e.g. OGC {@code links}) written by {@code members} after the properties. */
    public static void writeFeature(JsonGenerator out, Feature feature, int decimals, Consumer<JsonGenerator> members) {
        out.writeStartObject();
        out.writeStringProperty("type", "Feature");
        out.writeStringProperty("id", feature.id());
        out.writeName("geometry");
        writeGeometry(out, feature.geometry(), Math.pow(10, decimals));
        writeProperties(out, feature.properties());
        members.accept(out);
        out.writeEndObject();
    }

    /** The {@code properties} member; with an {@code area_m2}, the area in 亩 and hectares after the others. */
    private static void writeProperties(JsonGenerator out, Map<String, Object> properties) {
        out.writeName("properties");
        out.writeStartObject();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            out.writeName(e.getKey());
            writeValue(out, e.getKey(), e.getValue());
        }
        if (properties.get("area_m2") instanceof BigDecimal m2) {
            out.writeNumberProperty(
                    "area_mu",
                    BigDecimal.valueOf(AreaUnits.mu(m2.doubleValue())).setScale(4, RoundingMode.HALF_UP));
            out.writeNumberProperty(
                    "area_ha",
                    BigDecimal.valueOf(AreaUnits.hectares(m2.doubleValue())).setScale(6, RoundingMode.HALF_UP));
        }
        out.writeEndObject();
    }

    private static void writeValue(JsonGenerator out, String name, Object value) {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof BigDecimal number) {
            // Measured figures: two decimals of a metre (or m²) are plenty. Others keep their scale.
            out.writeNumber(
                    name.endsWith("_m2") || name.endsWith("_m")
                            ? number.setScale(2, RoundingMode.HALF_UP)
                            : plain(number));
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeString(value.toString());
        }
    }

    /** 50000.00 as 50000, 12.50 as 12.5: no exponent, no trailing zeros. */
    private static BigDecimal plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static void writeGeometry(JsonGenerator out, Geometry g) {
        writeGeometry(out, g, Math.pow(10, DEGREE_DECIMALS));
    }

    /** Unrounded: every coordinate as the shortest decimal that reads back as the same double (for stored versions). */
    public static void writeGeometryExact(JsonGenerator out, Geometry g) {
        writeGeometry(out, g, EXACT);
    }

    private static final double EXACT = 0;

    private static void writeGeometry(JsonGenerator out, Geometry g, double scale) {
        out.writeStartObject();
        if (g instanceof GeometryCollection
                && !(g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon)) {
            out.writeStringProperty("type", "GeometryCollection");
            out.writeArrayPropertyStart("geometries");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                writeGeometry(out, g.getGeometryN(i), scale);
            }
            out.writeEndArray();
            out.writeEndObject();
            return;
        }
        out.writeStringProperty("type", g.getGeometryType());
        out.writeName("coordinates");
        writeCoordinates(out, g, scale);
        out.writeEndObject();
    }

    private static void writeCoordinates(JsonGenerator out, Geometry g, double scale) {
        if (g instanceof Point p) {
            writePosition(out, p.getCoordinate(), scale);
        } else if (g instanceof LineString line) {
            writePositions(out, line.getCoordinates(), scale);
        } else if (g instanceof Polygon polygon) {
            out.writeStartArray();
            writePositions(out, polygon.getExteriorRing().getCoordinates(), scale);
            for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                writePositions(out, polygon.getInteriorRingN(i).getCoordinates(), scale);
            }
            out.writeEndArray();
        } else {
            out.writeStartArray();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                writeCoordinates(out, g.getGeometryN(i), scale);
            }
            out.writeEndArray();
        }
    }

    private static void writePositions(JsonGenerator out, Coordinate[] coordinates, double scale) {
        out.writeStartArray();
        for (Coordinate c : coordinates) {
            writePosition(out, c, scale);
        }
        out.writeEndArray();
    }

    private static void writePosition(JsonGenerator out, Coordinate c, double scale) {
        out.writeStartArray();
        out.writeNumber(round(c.x, scale));
        out.writeNumber(round(c.y, scale));
        out.writeEndArray();
    }

    private static double round(double value, double scale) {
        return scale == EXACT ? value : Math.round(value * scale) / scale;
    }
}

package luqiao.map.store;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A feature version as stored in {@code feature_versions}: GeoJSON with every field and the
 * geometry at full double precision (each coordinate the shortest decimal that reads back as the
 * same double), so a restore brings back exactly
 * the coordinates that were stored, not a rounded copy.
 */
public final class FeatureJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private FeatureJson() {}

    static String write(StoredFeature stored) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringProperty("type", "Feature");
            out.writeStringProperty("id", stored.feature().id());
            out.writeName("geometry");
            GeoJsonWriter.writeGeometryExact(out, stored.feature().geometry());
            out.writeName("properties");
            out.writeStartObject();
            for (Map.Entry<String, Object> e : stored.feature().properties().entrySet()) {
                out.writeName(e.getKey());
                Object v = e.getValue();
                if (v == null) {
                    out.writeNull();
                } else if (v instanceof BigDecimal n) {
                    out.writeNumber(n);
                } else if (v instanceof Boolean b) {
                    out.writeBoolean(b);
                } else {
                    out.writeString(v.toString());
                }
            }
            out.writeEndObject();
            out.writeNumberProperty("version", stored.version());
            out.writeStringProperty(
                    "deleted_at",
                    stored.deletedAt() == null ? null : stored.deletedAt().toString());
            out.writeEndObject();
        }
        return text.toString();
    }

    /** The feature a stored version holds: its id, properties by name and the exact geometry. */
    public static Feature read(String json) {
        JsonNode node = JSON.readTree(json);
        Map<String, Object> properties = new LinkedHashMap<>();
        node.path("properties").properties().forEach(e -> {
            JsonNode v = e.getValue();
            properties.put(
                    e.getKey(),
                    v.isNull()
                            ? null
                            : v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.decimalValue() : v.asString());
        });
        try {
            Geometry geometry =
                    new GeoJsonReader(WGS84).read(node.path("geometry").toString());
            geometry.setSRID(4326);
            return new Feature(node.path("id").asString(), properties, geometry);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored feature version has an unreadable geometry", e);
        }
    }
}

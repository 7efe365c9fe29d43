package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.geojson.Feature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads a GeoJSON FeatureCollection (RFC 7946, WGS 84) into features keyed by an id property. */
final class GeoJsonFeatures {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJsonFeatures() {}

    /**
     * @param idProperty    the property that holds the feature's natural id
     * @param multiPolygons whether polygons are promoted to MultiPolygon (the column type of zones and parcels)
     */
    static List<Feature> read(
            ObjectMapper json, InputStream in, String source, String idProperty, boolean multiPolygons)
            throws IOException {
        JsonNode root = json.readTree(in);
        List<Feature> features = new ArrayList<>();
        GeoJsonReader geometries = new GeoJsonReader(WGS84);
        int index = 0;
        for (JsonNode node : root.path("features")) {
            index++;
            Map<String, Object> properties = new LinkedHashMap<>();
            node.path("properties").properties().forEach(e -> properties.put(e.getKey(), value(e.getValue())));
            Object id = properties.get(idProperty);
            if (id == null) {
                throw new IOException(source + ": feature " + index + " has no '" + idProperty + "'");
            }
            Geometry geometry;
            try {
                geometry = geometries.read(node.path("geometry").toString());
            } catch (ParseException e) {
                throw new IOException(source + ": feature " + id + " has an unreadable geometry: " + e.getMessage(), e);
            }
            if (!geometry.isValid()) {
                throw new IOException(source + ": feature " + id + " has an invalid geometry");
            }
            if (multiPolygons && geometry instanceof Polygon polygon) {
                geometry = WGS84.createMultiPolygon(new Polygon[] {polygon});
            }
            if (multiPolygons && !(geometry instanceof MultiPolygon)) {
                throw new IOException(
                        source + ": feature " + id + " must be a (Multi)Polygon, not " + geometry.getGeometryType());
            }
            geometry.setSRID(4326);
            features.add(new Feature(id.toString(), properties, geometry));
        }
        return features;
    }

    private static Object value(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asString();
    }
}

package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A GeoJSON FeatureCollection read feature by feature with a streaming parser, so a file of any
 * size needs memory for one feature only. The fields are those of the first features (up to
 * {@link #SAMPLE}); a later feature's extra properties are still read.
 */
final class GeoJsonSource implements FeatureSource {

    private static final int SAMPLE = 1000;

    private final InputStream in;
    private final JsonParser parser;
    private final List<JsonNode> buffered = new ArrayList<>();
    private final List<String> fields;
    private final int maxVertices;
    private long number;
    private boolean ended;

    /** A geometry of more than {@code maxVertices} positions is counted, not built: its row has no geometry and says why. */
    GeoJsonSource(ObjectMapper json, Path file, int maxVertices) throws IOException {
        this.maxVertices = maxVertices;
        this.in = Files.newInputStream(file);
        try {
            this.parser = json.createParser(in);
            toFeatures(parser, null);
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < SAMPLE; i++) {
                JsonNode feature = read();
                if (feature == null) {
                    break;
                }
                buffered.add(feature);
                feature.path("properties").propertyNames().forEach(names::add);
            }
            this.fields = List.copyOf(names);
        } catch (JacksonException e) {
            in.close();
            throw new IOException("not a GeoJSON FeatureCollection: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The {@code crs} member of a FeatureCollection (GeoJSON 2008, still written by GDAL for projected
     * data) when it comes before the features; empty when there is none.
     */
    static Optional<String> declaredCrs(ObjectMapper json, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                JsonParser p = json.createParser(in)) {
            String[] crs = new String[1];
            toFeatures(p, node -> crs[0] = node.path("properties").path("name").asString(null));
            return Optional.ofNullable(crs[0]);
        } catch (JacksonException e) {
            throw new IOException("not a GeoJSON FeatureCollection: " + e.getOriginalMessage(), e);
        }
    }

    /** Moves the parser into the {@code features} array, handing a {@code crs} member met on the way to {@code crs}. */
    private static void toFeatures(JsonParser p, java.util.function.Consumer<JsonNode> crs) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not a GeoJSON FeatureCollection: the file does not start with an object");
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("features") && value == JsonToken.START_ARRAY) {
                return;
            }
            if (name.equals("crs") && crs != null && value == JsonToken.START_OBJECT) {
                crs.accept(p.readValueAsTree());
            } else {
                p.skipChildren();
            }
        }
        throw new IOException("not a GeoJSON FeatureCollection: it has no 'features' array");
    }

    private JsonNode read() throws IOException {
        if (ended) {
            return null;
        }
        JsonToken t = parser.nextToken();
        if (t != JsonToken.START_OBJECT) {
            ended = true;
            if (t != JsonToken.END_ARRAY) {
                throw new IOException(
                        "the GeoJSON 'features' array holds something that is not a feature after feature " + number);
            }
            return null;
        }
        return parser.readValueAsTree();
    }

    @Override
    public List<String> fields() {
        return fields;
    }

    @Override
    public long total() {
        return -1;
    }

    @Override
    public SourceRow next() throws IOException {
        JsonNode feature;
        try {
            feature = buffered.isEmpty() ? read() : buffered.remove(0);
        } catch (JacksonException e) {
            throw new IOException(
                    "the GeoJSON breaks off or is malformed after feature " + number + ": " + e.getOriginalMessage(),
                    e);
        }
        if (feature == null) {
            return null;
        }
        number++;
        Map<String, Object> values = new LinkedHashMap<>();
        feature.path("properties").properties().forEach(e -> values.put(e.getKey(), value(e.getValue())));
        JsonNode id = feature.path("id");
        String ownId = id.isString() || id.isNumber() ? id.asString() : null;
        JsonNode geometry = feature.path("geometry");
        if (geometry.isMissingNode() || geometry.isNull()) {
            return new SourceRow(number, ownId, values, null, "the feature has no geometry");
        }
        long vertices = positions(geometry);
        if (vertices > maxVertices) {
            return new SourceRow(
                    number,
                    ownId,
                    values,
                    null,
                    "the geometry has " + vertices + " vertices; at most " + maxVertices
                            + " are accepted (luqiao.editing.max-vertices)");
        }
        try {
            Geometry g = GeoJsonGeometry.read(geometry);
            return new SourceRow(number, ownId, values, g, null);
        } catch (RuntimeException e) {
            return new SourceRow(number, ownId, values, null, "unreadable geometry: " + e.getMessage());
        }
    }

    /** The positions in a GeoJSON geometry's {@code coordinates} (of its members, for a collection). */
    private static long positions(JsonNode geometry) {
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
        return node.isValueNode() ? node.asString() : node.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            in.close();
        }
    }
}

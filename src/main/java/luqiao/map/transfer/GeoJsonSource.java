package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A GeoJSON FeatureCollection read feature by feature with a streaming parser, so a file of any
 * size needs memory for one feature only. Each feature is read from the parser's tokens as it comes, without a
 * Jackson tree (issue #18); what is unusual in it is read as the tree and converted as before. The fields are those
 * of the first features (up to {@link #SAMPLE}); a later feature's extra properties are still read.
 */
final class GeoJsonSource implements FeatureSource {

    private static final int SAMPLE = 1000;

    private final InputStream in;
    private final JsonParser parser;
    private final ArrayDeque<SourceRow> buffered = new ArrayDeque<>();
    private final List<String> fields;
    private final int maxVertices;
    private final GeometryMember.Scratch scratch = new GeometryMember.Scratch();
    /** The features handed out by {@link #next} (what a message about the file names). */
    private long number;
    /** The features read from the file. */
    private long read;

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
                SourceRow feature = read();
                if (feature == null) {
                    break;
                }
                buffered.add(feature);
                names.addAll(feature.values().keySet());
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

    /** The next feature of the file, numbered; null after the last. */
    private SourceRow read() throws IOException {
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
        return feature(++read);
    }

    /** The members of a feature (its start just read) that make its row; the last wins where one is repeated. */
    private SourceRow feature(long n) {
        Map<String, Object> values = new LinkedHashMap<>();
        String ownId = null;
        GeometryMember geometry = null;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "properties" -> values = properties(value);
                case "id" -> ownId = id(value);
                case "geometry" -> geometry = GeometryMember.read(parser, value, scratch);
                default -> parser.skipChildren();
            }
        }
        if (geometry == null) {
            return new SourceRow(n, ownId, values, null, "the feature has no geometry");
        }
        long vertices = geometry.positions();
        if (vertices > maxVertices) {
            return new SourceRow(
                    n,
                    ownId,
                    values,
                    null,
                    "the geometry has " + vertices + " vertices; at most " + maxVertices
                            + " are accepted (luqiao.editing.max-vertices)");
        }
        try {
            return new SourceRow(n, ownId, values, geometry.toJts(), null);
        } catch (RuntimeException e) {
            return new SourceRow(n, ownId, values, null, "unreadable geometry: " + e.getMessage());
        }
    }

    /** The {@code properties} member: strings, booleans and nulls as they come, other values as the tree reads them. */
    private Map<String, Object> properties(JsonToken first) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (first != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return values;
        }
        String name;
        while ((name = parser.nextName()) != null) {
            values.put(
                    name,
                    switch (parser.nextToken()) {
                        case VALUE_STRING -> parser.getString();
                        case VALUE_TRUE -> Boolean.TRUE;
                        case VALUE_FALSE -> Boolean.FALSE;
                        case VALUE_NULL -> null;
                        default -> value(parser.readValueAsTree());
                    });
        }
        return values;
    }

    /** The feature's own {@code id}, when it is a string or a number. */
    private String id(JsonToken first) {
        return switch (first) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ((JsonNode) parser.readValueAsTree()).asString();
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
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
        SourceRow feature;
        try {
            feature = buffered.isEmpty() ? read() : buffered.poll();
        } catch (JacksonException e) {
            throw new IOException(
                    "the GeoJSON breaks off or is malformed after feature " + number + ": " + e.getOriginalMessage(),
                    e);
        }
        if (feature != null) {
            number++;
        }
        return feature;
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

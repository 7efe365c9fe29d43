package luqiao.map.editing;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * An edited feature from a request body (a GeoJSON Feature), checked against the catalog and the
 * domain's choice lists. Every refusal is a 422 naming the {@code field}. Derived properties that
 * a client read and sends back ({@code area_m2}, {@code zone}, ...) are ignored: the server computes them.
 */
final class FeatureInput {

    /** The checked feature (stored fields by name, lon/lat geometry) and what was repaired in its geometry. */
    record Checked(Feature feature, List<Map<String, Object>> repairs) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> COMPUTED = Set.of("area_mu", "area_ha");
    /** Column widths of the schema (V2) for the free-text fields; 200 elsewhere. */
    private static final Map<String, Integer> WIDTHS =
            Map.of("description", 4000, "town", 40, "code", 32, "parcel_no", 40);
    /** Fields the schema requires (NOT NULL without a default); the land-use names follow from the code. */
    private static final Map<Layer, List<String>> REQUIRED = Map.of(
            Layer.ZONES, List.of("name_zh", "kind"),
            Layer.PROJECTS, List.of("name_zh", "category", "stage"),
            Layer.PARCELS, List.of("landuse_code", "status"));

    private static final Map<String, Object> DEFAULTS =
            Map.of("public", Boolean.TRUE, "farmland_protected", Boolean.FALSE);

    private FeatureInput() {}

    /**
     * @param pathId the id in the URL for a replace, null for a create (the id is then read from the body)
     * @param ids    for a create, whether a body without an id is given a new one or refused
     */
    static Checked read(
            Layer layer,
            JsonNode body,
            String pathId,
            Editing.NewIds ids,
            BodyCrs crs,
            boolean repair,
            EditingProperties limits,
            Choices choices) {
        if (!body.isObject() || !"Feature".equals(body.path("type").asString(""))) {
            throw invalid(
                    "type",
                    "the body must be a GeoJSON Feature ({\"type\": \"Feature\", \"geometry\": ..., \"properties\": ...})");
        }
        JsonNode properties = body.path("properties");
        if (!properties.isObject()) {
            throw invalid("properties", "the feature needs a properties object");
        }
        String id = id(layer, body, properties, pathId, ids);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Field> stored = new LinkedHashMap<>();
        layer.storedFields().forEach(f -> stored.put(f.name(), f));
        Set<String> derived = new java.util.HashSet<>(COMPUTED);
        layer.fields(Audience.STAFF).stream().filter(f -> !f.stored()).forEach(f -> derived.add(f.name()));
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            String name = e.getKey();
            if (name.equals(layer.idColumn()) || derived.contains(name)) {
                continue;
            }
            Field field = stored.get(name);
            if (field == null) {
                throw invalid(
                        name,
                        "'" + name + "' is not a property of " + layer.id() + "; the properties are "
                                + String.join(", ", stored.keySet()));
            }
            values.put(name, value(layer, field, e.getValue(), choices));
        }
        stored.keySet().forEach(name -> values.putIfAbsent(name, DEFAULTS.get(name)));
        for (String name : REQUIRED.get(layer)) {
            if (values.get(name) == null && !(name.equals("stage") && pathId != null)) {
                throw invalid(
                        name,
                        name + " is required"
                                + choices.of(layer, name)
                                        .map(c -> "; one of " + String.join(", ", c))
                                        .orElse(""));
            }
        }
        if (layer == Layer.PARCELS) {
            landuse(values, choices);
        }
        EditGeometry.Checked geometry = EditGeometry.read(layer, body.get("geometry"), crs, repair, limits);
        return new Checked(new Feature(id, values, geometry.lonLat()), geometry.repairs());
    }

    private static String id(Layer layer, JsonNode body, JsonNode properties, String pathId, Editing.NewIds ids) {
        JsonNode given = body.has("id") && !body.get("id").isNull() ? body.get("id") : properties.get(layer.idColumn());
        String id = given == null || given.isNull() ? null : given.asString();
        if (pathId != null) {
            if (id != null && !id.equals(pathId)) {
                throw invalid(
                        "id",
                        "the feature's id '" + id + "' is not the one in the URL, '" + pathId
                                + "'; ids cannot be changed");
            }
            return pathId;
        }
        if ((id == null || id.isBlank()) && ids == Editing.NewIds.ASSIGNED_WHEN_MISSING) {
            return assignedId();
        }
        if (id == null || id.isBlank()) {
            throw invalid(
                    "id", "a new feature needs an id (the member \"id\", or the property " + layer.idColumn() + ")");
        }
        int width = WIDTHS.get(layer.idColumn());
        if (!ID.matcher(id).matches() || id.length() > width) {
            throw invalid(
                    "id",
                    "the id '" + id + "' must be 1 to " + width
                            + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    /**
     * A new feature's id when its client gave none (OGC API – Features Part 4 has the server assign ids):
     * {@code N}, the day, and 40 random bits, e.g. {@code N20241130-9F3A07C21E}; it fits every layer's id
     * column and the id pattern, and says when and that the server made it.
     */
    private static String assignedId() {
        byte[] random = new byte[5];
        RANDOM.nextBytes(random);
        return "N" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + HexFormat.of().withUpperCase().formatHex(random);
    }

    private static Object value(Layer layer, Field field, JsonNode node, Choices choices) {
        String name = field.name();
        if (node.isNull()) {
            return null;
        }
        Object value =
                switch (field.type()) {
                    case STRING -> {
                        if (!node.isString()) {
                            throw invalid(name, name + " must be a string");
                        }
                        String text = node.asString().strip();
                        int width = WIDTHS.getOrDefault(name, 200);
                        if (text.length() > width) {
                            throw invalid(
                                    name, name + " has " + text.length() + " characters; at most " + width + " fit");
                        }
                        yield text.isEmpty() ? null : text;
                    }
                    case NUMBER -> {
                        if (!node.isNumber()) {
                            throw invalid(name, name + " must be a number");
                        }
                        BigDecimal n = node.decimalValue();
                        if (n.signum() < 0 || n.compareTo(new BigDecimal("1e12")) >= 0) {
                            throw invalid(name, name + " must be between 0 and 10^12");
                        }
                        yield n;
                    }
                    case BOOLEAN -> {
                        if (!node.isBoolean()) {
                            throw invalid(name, name + " must be true or false");
                        }
                        yield node.booleanValue();
                    }
                    case DATE -> {
                        try {
                            yield LocalDate.parse(node.asString("")).toString();
                        } catch (DateTimeParseException e) {
                            throw invalid(name, name + " must be a date written YYYY-MM-DD");
                        }
                    }
                };
        if (value != null) {
            choices.of(layer, name).filter(c -> !c.contains(value)).ifPresent(c -> {
                throw invalid(name, name + " '" + value + "' is not one of " + String.join(", ", c));
            });
        }
        return value;
    }

    /** The land-use code fixes its name and level-1 class; given values must agree with it. */
    private static void landuse(Map<String, Object> values, Choices choices) {
        String code = (String) values.get("landuse_code");
        Choices.Landuse l = choices.landuse(code)
                .orElseThrow(() -> invalid(
                        "landuse_code",
                        "landuse_code '" + code + "' is not a level-2 or level-3 class of 《用地用海分类指南》(2023)"));
        Map<String, String> implied =
                Map.of("landuse_name", l.name(), "landuse_l1_code", l.l1Code(), "landuse_l1_name", l.l1Name());
        implied.forEach((name, expected) -> {
            Object given = values.get(name);
            if (given != null && !given.equals(expected)) {
                throw invalid(
                        name, name + " '" + given + "' does not match landuse_code " + code + " (" + expected + ")");
            }
            values.put(name, expected);
        });
    }

    static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid property", detail).with("field", field);
    }
}

package luqiao.map.transfer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.Crs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Turns one record of a file into a feature of the layer, or says why it cannot be one: a missing
 * id or required field, a value of the wrong type or outside its choice list, a geometry that is
 * missing, of the wrong type, invalid (JTS's reason and where, in the file's coordinates) or outside
 * the CRS's area. Geometries are transformed to WGS 84 lon/lat, polygons promoted to multipolygons
 * where the layer stores those.
 */
final class RowCheck {

    private static final GeometryFactory WGS84 =
            new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326);
    private static final Set<String> TRUE = Set.of("true", "t", "1", "y", "yes", "是");
    private static final Set<String> FALSE = Set.of("false", "f", "0", "n", "no", "否");

    private final Layer layer;
    private final Crs crs;
    private final String idSource;
    /** The layer's stored fields and the source field mapped to each (null: none), looked up once, not per row. */
    private final List<Field> fields;

    private final String[] sources;
    private final Set<String> required;
    private final Map<String, Object> defaults;
    private final Map<String, List<String>> choices;

    /** A feature, or the reason the row is rejected. */
    record Result(Feature feature, String id, String rejection) {}

    RowCheck(Layer layer, FieldMapping mapping, Crs crs) {
        this.layer = layer;
        this.crs = crs;
        this.idSource = mapping.sourceOf(layer.idColumn());
        this.fields = layer.storedFields();
        this.sources = fields.stream().map(f -> mapping.sourceOf(f.name())).toArray(String[]::new);
        this.required = LayerRules.required(layer);
        this.defaults = LayerRules.defaults(layer);
        this.choices = LayerRules.choices(layer);
    }

    Result check(SourceRow row) {
        Object rawId = idSource != null ? row.values().get(idSource) : row.id();
        String id = rawId == null ? null : plain(rawId).strip();
        if (id == null || id.isEmpty()) {
            return new Result(null, null, "missing id (" + layer.idColumn() + ")");
        }
        if (id.length() > 40) {
            return new Result(null, id, layer.idColumn() + ": longer than 40 characters");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            Field field = fields.get(i);
            String source = sources[i];
            Object raw = source == null ? null : row.values().get(source);
            Object value;
            try {
                value = convert(field, raw);
            } catch (IllegalArgumentException e) {
                return new Result(null, id, field.name() + ": " + e.getMessage());
            }
            if (value == null) {
                value = defaults.get(field.name());
            }
            if (value == null && required.contains(field.name())) {
                return new Result(null, id, "missing required field " + field.name());
            }
            List<String> allowed = choices.get(field.name());
            if (value != null && allowed != null && !allowed.contains(value.toString())) {
                return new Result(
                        null, id, field.name() + ": '" + value + "' is not one of " + String.join(", ", allowed));
            }
            properties.put(field.name(), value);
        }
        if (properties.get("investment_wan") instanceof BigDecimal investment && investment.signum() < 0) {
            return new Result(null, id, "investment_wan: must not be negative");
        }
        if (row.geometry() == null) {
            return new Result(null, id, row.problem() != null ? row.problem() : "the row has no geometry");
        }
        String geometryProblem = geometryProblem(row.geometry());
        if (geometryProblem != null) {
            return new Result(null, id, geometryProblem);
        }
        Geometry lonLat = crs.toLonLat(row.geometry());
        for (Coordinate c : lonLat.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
                return new Result(
                        null, id, "the geometry lies outside the area of " + crs.id() + " (is the CRS right?)");
            }
        }
        if (lonLat instanceof Polygon polygon && LayerRules.polygonal(layer)) {
            lonLat = WGS84.createMultiPolygon(new Polygon[] {polygon});
        }
        lonLat.setSRID(4326);
        return new Result(new Feature(id, properties, lonLat), id, null);
    }

    private String geometryProblem(Geometry g) {
        if (g.isEmpty()) {
            return "the geometry is empty";
        }
        if (LayerRules.polygonal(layer) && !(g instanceof Polygon || g instanceof MultiPolygon)) {
            return "the geometry must be a Polygon or MultiPolygon, not a " + g.getGeometryType();
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            return "invalid geometry: " + error.getMessage()
                    + (at == null ? "" : " at (" + at.x + " " + at.y + ") in " + crs.id());
        }
        return null;
    }

    private static Object convert(Field field, Object raw) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return null;
        }
        return switch (field.type()) {
            case STRING -> plain(raw).strip();
            case NUMBER -> number(raw);
            case BOOLEAN -> bool(raw);
            case DATE -> date(raw);
        };
    }

    /** Text of a value; a number written without exponent or trailing zeros (codes read from DBF numbers stay "1401"). */
    private static String plain(Object raw) {
        if (raw instanceof BigDecimal n) {
            BigDecimal s = n.stripTrailingZeros();
            return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
        }
        return raw.toString();
    }

    private static BigDecimal number(Object raw) {
        if (raw instanceof BigDecimal n) {
            return n;
        }
        try {
            return new BigDecimal(raw.toString().strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a number");
        }
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String text = plain(raw).strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(text)) {
            return true;
        }
        if (FALSE.contains(text)) {
            return false;
        }
        throw new IllegalArgumentException("'" + raw + "' is not true or false");
    }

    private static LocalDate date(Object raw) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        String text = raw.toString().strip();
        try {
            return text.length() == 8
                    ? LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE)
                    : LocalDate.parse(text.substring(0, Math.min(10, text.length())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a date (YYYY-MM-DD)");
        }
    }
}

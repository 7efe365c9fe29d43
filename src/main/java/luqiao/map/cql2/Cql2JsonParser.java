package luqiao.map.cql2;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import luqiao.map.cql2.Expression.BooleanLiteral;
import luqiao.map.cql2.Expression.CaseInsensitive;
import luqiao.map.cql2.Expression.DateLiteral;
import luqiao.map.cql2.Expression.GeometryLiteral;
import luqiao.map.cql2.Expression.NumberLiteral;
import luqiao.map.cql2.Expression.PropertyRef;
import luqiao.map.cql2.Expression.StringLiteral;
import luqiao.map.cql2.Expression.TimestampLiteral;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CQL2-JSON (the {@code cql2.json} schema of OGC 21-065) into the {@link Filter} tree.
 * Errors name the JSON pointer of the offending value, since JSON has no useful character position.
 */
final class Cql2JsonParser {

    /** Exact decimals, so 0.1 in JSON equals 0.1 in text. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Cql2JsonParser() {}

    static Filter parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new Cql2Exception("invalid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // A number past what BigDecimal holds (1e9999999999).
            throw new Cql2Exception("invalid JSON: a number is out of range");
        }
        return parse(node);
    }

    static Filter parse(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new Cql2Exception("the filter is empty");
        }
        checkSize(node);
        try {
            return filter(node, "", 0);
        } catch (JacksonException | NumberFormatException e) {
            // A JSON number no double can hold (1e400 as a coordinate or bbox value): the client's error, like in text.
            throw new Cql2Exception("a number is out of range: numbers must be finite doubles");
        }
    }

    /** Counts values without recursion, so a huge or deep document is rejected before any work. */
    private static void checkSize(JsonNode root) {
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(root));
        int count = 0;
        while (!pending.isEmpty()) {
            if (++count > Cql2.MAX_TOKENS) {
                throw new Cql2Exception("the filter has more than " + Cql2.MAX_TOKENS + " JSON values");
            }
            pending.addAll(pending.pop().values());
        }
    }

    private static Filter filter(JsonNode node, String path, int depth) {
        if (depth > Cql2.MAX_DEPTH) {
            throw new Cql2Exception("the filter is nested deeper than " + Cql2.MAX_DEPTH + " levels at " + path);
        }
        if (node.isBoolean()) {
            return new Filter.BooleanConstant(node.booleanValue());
        }
        String op = operator(node, path);
        List<JsonNode> args = arguments(node, path);
        try {
            return switch (op) {
                case "and", "or" -> {
                    List<Filter> operands = new ArrayList<>();
                    for (int i = 0; i < args.size(); i++) {
                        operands.add(filter(args.get(i), path + "/args/" + i, depth + 1));
                    }
                    yield op.equals("and") ? new Filter.And(operands) : new Filter.Or(operands);
                }
                case "not" -> new Filter.Not(filter(arity(args, 1, op, path).get(0), path + "/args/0", depth + 1));
                case "like" ->
                    new Filter.Like(
                            expression(arity(args, 2, op, path).get(0), path + "/args/0", depth),
                            expression(args.get(1), path + "/args/1", depth));
                case "between" ->
                    new Filter.Between(
                            expression(arity(args, 3, op, path).get(0), path + "/args/0", depth),
                            expression(args.get(1), path + "/args/1", depth),
                            expression(args.get(2), path + "/args/2", depth));
                case "in" ->
                    new Filter.In(
                            expression(arity(args, 2, op, path).get(0), path + "/args/0", depth),
                            list(args.get(1), path + "/args/1", depth));
                case "isnull" ->
                    new Filter.IsNull(expression(arity(args, 1, op, path).get(0), path + "/args/0", depth));
                default -> comparisonOrSpatial(op, args, path, depth);
            };
        } catch (Cql2Exception e) {
            throw e.getMessage().contains(" at /") || path.isEmpty()
                    ? e
                    : new Cql2Exception(e.getMessage() + " at " + path);
        }
    }

    private static Filter comparisonOrSpatial(String op, List<JsonNode> args, String path, int depth) {
        var comparison = ComparisonOperator.bySymbol(op);
        if (comparison.isPresent()) {
            arity(args, 2, op, path);
            return new Filter.Comparison(
                    comparison.get(),
                    expression(args.get(0), path + "/args/0", depth),
                    expression(args.get(1), path + "/args/1", depth));
        }
        var spatial = SpatialOperator.byName(op);
        if (spatial.isPresent()) {
            arity(args, 2, op, path);
            return new Filter.Spatial(
                    spatial.get(),
                    expression(args.get(0), path + "/args/0", depth),
                    expression(args.get(1), path + "/args/1", depth));
        }
        throw new Cql2Exception("unknown or unsupported operator '" + op + "'");
    }

    private static String operator(JsonNode node, String path) {
        JsonNode op = node.get("op");
        if (!node.isObject() || op == null || !op.isString()) {
            throw new Cql2Exception("expected a predicate object with \"op\" and \"args\" at " + pathOrRoot(path));
        }
        return op.stringValue().toLowerCase(Locale.ROOT);
    }

    /** The schema wants an array; the isNull operand also appears bare in published examples. */
    private static List<JsonNode> arguments(JsonNode node, String path) {
        JsonNode args = node.get("args");
        if (args == null) {
            throw new Cql2Exception("missing \"args\" at " + pathOrRoot(path));
        }
        return args.isArray() ? new ArrayList<>(args.values()) : List.of(args);
    }

    private static List<JsonNode> arity(List<JsonNode> args, int expected, String op, String path) {
        if (args.size() != expected) {
            throw new Cql2Exception("'" + op + "' needs " + expected + " argument" + (expected == 1 ? "" : "s")
                    + " but has " + args.size() + " at " + pathOrRoot(path));
        }
        return args;
    }

    private static List<Expression> list(JsonNode node, String path, int depth) {
        if (!node.isArray()) {
            throw new Cql2Exception("expected an array of values at " + path);
        }
        List<Expression> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(expression(node.get(i), path + "/" + i, depth));
        }
        return items;
    }

    private static Expression expression(JsonNode node, String path, int depth) {
        if (depth > Cql2.MAX_DEPTH) {
            throw new Cql2Exception("the filter is nested deeper than " + Cql2.MAX_DEPTH + " levels at " + path);
        }
        if (node.isString()) {
            try {
                return new StringLiteral(node.stringValue());
            } catch (Cql2Exception e) {
                throw new Cql2Exception(e.getMessage() + " at " + pathOrRoot(path));
            }
        }
        if (node.isNumber()) {
            try {
                if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
                    throw new NumberFormatException("not finite");
                }
                return new NumberLiteral(node.decimalValue());
            } catch (NumberFormatException e) {
                throw new Cql2Exception("the number is out of range at " + pathOrRoot(path));
            } catch (Cql2Exception e) {
                throw new Cql2Exception(e.getMessage() + " at " + pathOrRoot(path));
            }
        }
        if (node.isBoolean()) {
            return new BooleanLiteral(node.booleanValue());
        }
        if (!node.isObject()) {
            throw new Cql2Exception("expected a property, a literal or a function at " + path);
        }
        if (node.has("property")) {
            return new PropertyRef(text(node.get("property"), path + "/property"));
        }
        if (node.has("date")) {
            String value = text(node.get("date"), path + "/date");
            try {
                return new DateLiteral(LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                throw new Cql2Exception("invalid date '" + value + "', expected YYYY-MM-DD at " + path);
            }
        }
        if (node.has("timestamp")) {
            String value = text(node.get("timestamp"), path + "/timestamp");
            try {
                return new TimestampLiteral(Instant.parse(value));
            } catch (DateTimeParseException e) {
                throw new Cql2Exception(
                        "invalid timestamp '" + value + "', expected YYYY-MM-DDThh:mm:ss[.fff]Z at " + path);
            }
        }
        if (node.has("bbox")) {
            return new GeometryLiteral(bbox(node.get("bbox"), path + "/bbox"));
        }
        if (GeoJsonGeometries.isGeometry(node)) {
            return new GeometryLiteral(GeoJsonGeometries.read(node, path));
        }
        if (node.has("op")) {
            String op = operator(node, path);
            if (op.equals("casei")) {
                List<JsonNode> args = arity(arguments(node, path), 1, op, path);
                return new CaseInsensitive(expression(args.get(0), path + "/args/0", depth + 1));
            }
            throw new Cql2Exception("unknown or unsupported function '" + op + "' at " + path);
        }
        throw new Cql2Exception("expected a property, a literal or a function at " + path);
    }

    private static org.locationtech.jts.geom.Geometry bbox(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new Cql2Exception("a bbox must be an array of numbers at " + path);
        }
        List<Double> numbers = new ArrayList<>();
        for (JsonNode value : node.values()) {
            if (!value.isNumber()) {
                throw new Cql2Exception("a bbox must be an array of numbers at " + path);
            }
            numbers.add(value.doubleValue());
        }
        try {
            return Bboxes.toPolygon(numbers);
        } catch (Cql2Exception e) {
            throw new Cql2Exception(e.getMessage() + " at " + path);
        }
    }

    private static String text(JsonNode node, String path) {
        if (!node.isString()) {
            throw new Cql2Exception("expected a string at " + path);
        }
        return node.stringValue();
    }

    private static String pathOrRoot(String path) {
        return path.isEmpty() ? "/" : path;
    }
}

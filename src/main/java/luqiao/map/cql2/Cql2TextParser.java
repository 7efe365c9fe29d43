package luqiao.map.cql2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import luqiao.map.cql2.Cql2Lexer.Kind;
import luqiao.map.cql2.Cql2Lexer.Token;
import luqiao.map.cql2.Expression.BooleanLiteral;
import luqiao.map.cql2.Expression.CaseInsensitive;
import luqiao.map.cql2.Expression.DateLiteral;
import luqiao.map.cql2.Expression.GeometryLiteral;
import luqiao.map.cql2.Expression.NumberLiteral;
import luqiao.map.cql2.Expression.PropertyRef;
import luqiao.map.cql2.Expression.StringLiteral;
import luqiao.map.cql2.Expression.TimestampLiteral;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Recursive-descent parser for CQL2-text (OGC 21-065, Basic CQL2, Advanced Comparison Operators,
 * Basic Spatial, Spatial Functions, CASEI).
 *
 * <p>Hand-written rather than generated: no maintained JVM CQL2 library is published on Maven
 * Central (GeoTools is not on Central), the supported grammar is a few dozen productions, and a
 * hand-written parser gives exact error positions without a parser-generator runtime. Precedence
 * follows the standard: OR binds loosest, then AND, then NOT. Geometry literals are cut out by
 * balanced parentheses and handed to JTS's {@link WKTReader}.
 */
final class Cql2TextParser {

    private static final Set<String> WKT_TAGS = Set.of(
            "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL");

    /**
     * How GDAL 3.6 writes a date or date-time constant compared with a date property: {@code 2024-01-01T},
     * {@code 2024-01-01T08Z}, {@code 2024-01-01T08:30Z}, {@code 2024-01-01T08:30:00Z}, as a plain string.
     */
    private static final Pattern GDAL_36_DATE =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T(?:(\\d{2})(?::(\\d{2})(?::(\\d{2}))?)?Z)?");

    private final String input;
    private final List<Token> tokens;
    private final boolean preRelease;
    private int index;
    private int depth;

    private Cql2TextParser(String input, boolean preRelease) {
        this.input = input;
        this.tokens = Cql2Lexer.tokenize(input);
        this.preRelease = preRelease;
    }

    static Filter parse(String input) {
        return parse(input, false);
    }

    /**
     * CQL2-text, or with {@code preRelease} the pre-release "CQL text" as GDAL 3.6 writes it (its
     * {@code filter-lang=cql-text}): CQL2-text plus {@code a ILIKE 'p'}, read as
     * {@code CASEI(a) LIKE CASEI('p')}, and GDAL's date strings ({@link #GDAL_36_DATE}) read as DATE()
     * or TIMESTAMP() literals.
     */
    static Filter parse(String input, boolean preRelease) {
        Cql2TextParser parser = new Cql2TextParser(input, preRelease);
        if (parser.peek().is(Kind.END)) {
            throw Cql2Exception.at(0, "the filter is empty");
        }
        Filter filter = parser.orExpression();
        Token rest = parser.peek();
        if (!rest.is(Kind.END)) {
            throw Cql2Exception.at(rest.position(), "unexpected " + rest.describe() + " after the end of the filter");
        }
        return filter;
    }

    private Filter orExpression() {
        List<Filter> operands = new ArrayList<>(List.of(andExpression()));
        while (peek().isKeyword("OR")) {
            index++;
            operands.add(andExpression());
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.Or(operands);
    }

    private Filter andExpression() {
        List<Filter> operands = new ArrayList<>(List.of(notExpression()));
        while (peek().isKeyword("AND")) {
            index++;
            operands.add(notExpression());
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.And(operands);
    }

    private Filter notExpression() {
        Token token = peek();
        if (token.isKeyword("NOT")) {
            index++;
            enter(token);
            Filter operand = notExpression();
            depth--;
            return new Filter.Not(operand);
        }
        return primary();
    }

    private Filter primary() {
        Token token = peek();
        if (token.is(Kind.LEFT_PAREN)) {
            index++;
            enter(token);
            Filter inner = orExpression();
            expect(Kind.RIGHT_PAREN, "')'");
            depth--;
            return inner;
        }
        if (token.is(Kind.IDENTIFIER) && peekAt(1).is(Kind.LEFT_PAREN)) {
            var spatial = SpatialOperator.byName(token.text());
            if (spatial.isPresent()) {
                return spatialPredicate(spatial.get());
            }
        }
        return predicate();
    }

    private Filter spatialPredicate(SpatialOperator operator) {
        Token start = next();
        expect(Kind.LEFT_PAREN, "'('");
        Expression left = scalar();
        expect(Kind.COMMA, "','");
        Expression right = scalar();
        expect(Kind.RIGHT_PAREN, "')'");
        return build(start, () -> new Filter.Spatial(operator, left, right));
    }

    /** A predicate that starts with an operand: comparison, LIKE, BETWEEN, IN, IS NULL, or TRUE/FALSE alone. */
    private Filter predicate() {
        Token start = peek();
        Expression left = scalar();
        Token operator = peek();
        if (left instanceof BooleanLiteral literal && !continuesPredicate(operator)) {
            return new Filter.BooleanConstant(literal.value());
        }
        if (operator.is(Kind.OPERATOR)) {
            index++;
            ComparisonOperator comparison = ComparisonOperator.bySymbol(operator.text())
                    .orElseThrow(
                            () -> Cql2Exception.at(operator.position(), "unknown operator " + operator.describe()));
            Expression right = scalar();
            return build(start, () -> new Filter.Comparison(comparison, left, right));
        }
        if (operator.isKeyword("IS")) {
            index++;
            boolean negated = acceptKeyword("NOT");
            expectKeyword("NULL");
            Filter isNull = new Filter.IsNull(left);
            return negated ? new Filter.Not(isNull) : isNull;
        }
        boolean negated = acceptKeyword("NOT");
        Filter positive = negatablePredicate(start, left);
        return negated ? new Filter.Not(positive) : positive;
    }

    private Filter negatablePredicate(Token start, Expression left) {
        Token operator = next();
        if (operator.isKeyword("LIKE")) {
            Expression pattern = scalar();
            return build(start, () -> new Filter.Like(left, pattern));
        }
        if (preRelease && operator.isKeyword("ILIKE")) {
            Expression pattern = scalar();
            return build(start, () -> new Filter.Like(new CaseInsensitive(left), new CaseInsensitive(pattern)));
        }
        if (operator.isKeyword("BETWEEN")) {
            Expression low = scalar();
            expectKeyword("AND");
            Expression high = scalar();
            return build(start, () -> new Filter.Between(left, low, high));
        }
        if (operator.isKeyword("IN")) {
            expect(Kind.LEFT_PAREN, "'('");
            List<Expression> list = new ArrayList<>(List.of(scalar()));
            while (peek().is(Kind.COMMA)) {
                index++;
                list.add(scalar());
            }
            expect(Kind.RIGHT_PAREN, "')'");
            return build(start, () -> new Filter.In(left, list));
        }
        throw Cql2Exception.at(
                operator.position(),
                "expected a comparison operator, LIKE, BETWEEN, IN or IS but found " + operator.describe());
    }

    private static boolean continuesPredicate(Token token) {
        return token.is(Kind.OPERATOR)
                || token.isKeyword("IS")
                || token.isKeyword("NOT")
                || token.isKeyword("LIKE")
                || token.isKeyword("BETWEEN")
                || token.isKeyword("IN");
    }

    /** An operand: property name, literal, CASEI(), DATE(), TIMESTAMP(), BBOX() or a WKT geometry. */
    private Expression scalar() {
        Token token = next();
        switch (token.kind()) {
            case STRING:
                if (preRelease) {
                    Matcher date = GDAL_36_DATE.matcher(token.text());
                    if (date.matches()) {
                        return gdalDate(token, date);
                    }
                }
                try {
                    return new StringLiteral(token.text());
                } catch (Cql2Exception e) {
                    throw e.withPosition(token.position());
                }
            case NUMBER:
                return number(token);
            case QUOTED_IDENTIFIER:
                return new PropertyRef(token.text());
            case IDENTIFIER:
                return identifierOperand(token);
            default:
                throw Cql2Exception.at(
                        token.position(), "expected a property name or a literal but found " + token.describe());
        }
    }

    private Expression identifierOperand(Token token) {
        String upper = token.text().toUpperCase(Locale.ROOT);
        if (WKT_TAGS.contains(upper)) {
            return geometry(token);
        }
        if (peek().is(Kind.LEFT_PAREN)) {
            return function(token, upper);
        }
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return new BooleanLiteral(upper.equals("TRUE"));
        }
        if (RESERVED.contains(upper)) {
            throw Cql2Exception.at(
                    token.position(), "expected a property name or a literal but found " + token.describe());
        }
        return new PropertyRef(token.text());
    }

    private Expression function(Token name, String upper) {
        index++;
        enter(name);
        Expression result;
        switch (upper) {
            case "DATE":
                result = date(expect(Kind.STRING, "a date string"));
                break;
            case "TIMESTAMP":
                result = timestamp(expect(Kind.STRING, "a timestamp string"));
                break;
            case "CASEI":
                Expression operand = scalar();
                result = build(name, () -> new CaseInsensitive(operand));
                break;
            case "BBOX":
                result = bbox(name);
                break;
            default:
                throw Cql2Exception.at(name.position(), "unknown or unsupported function '" + name.text() + "'");
        }
        expect(Kind.RIGHT_PAREN, "')'");
        depth--;
        return result;
    }

    private static Expression date(Token text) {
        try {
            return new DateLiteral(LocalDate.parse(text.text()));
        } catch (DateTimeParseException e) {
            throw Cql2Exception.at(text.position(), "invalid date '" + text.text() + "', expected YYYY-MM-DD");
        }
    }

    /** A GDAL 3.6 date string: a date alone ({@code 2024-01-01T}) is a DATE, with an hour a TIMESTAMP (UTC). */
    private static Expression gdalDate(Token token, Matcher date) {
        try {
            if (date.group(2) == null) {
                return new DateLiteral(LocalDate.parse(date.group(1)));
            }
            return new TimestampLiteral(Instant.parse(date.group(1) + "T" + date.group(2) + ":"
                    + (date.group(3) == null ? "00" : date.group(3)) + ":"
                    + (date.group(4) == null ? "00" : date.group(4)) + "Z"));
        } catch (DateTimeParseException e) {
            throw Cql2Exception.at(token.position(), "invalid date '" + token.text() + "'");
        }
    }

    private static Expression timestamp(Token text) {
        try {
            return new TimestampLiteral(Instant.parse(text.text()));
        } catch (DateTimeParseException e) {
            throw Cql2Exception.at(
                    text.position(), "invalid timestamp '" + text.text() + "', expected YYYY-MM-DDThh:mm:ss[.fff]Z");
        }
    }

    /** A NUMBER token's value; an exponent past what BigDecimal holds (1e9999999999) is a 400 like 1e400. */
    private static NumberLiteral number(Token token) {
        try {
            return new NumberLiteral(new BigDecimal(token.text()));
        } catch (NumberFormatException e) {
            throw Cql2Exception.at(token.position(), "the number is out of range");
        } catch (Cql2Exception e) {
            throw e.withPosition(token.position());
        }
    }

    private Expression bbox(Token name) {
        List<Double> numbers = new ArrayList<>();
        numbers.add(number(expect(Kind.NUMBER, "a number")).value().doubleValue());
        while (peek().is(Kind.COMMA)) {
            index++;
            numbers.add(number(expect(Kind.NUMBER, "a number")).value().doubleValue());
        }
        return build(name, () -> new GeometryLiteral(Bboxes.toPolygon(numbers)));
    }

    /** Cuts the WKT text out of the input by balancing parentheses and lets JTS read it. */
    private Expression geometry(Token tag) {
        while (peek().is(Kind.IDENTIFIER)) { // Z, M, ZM or EMPTY
            if (next().isKeyword("EMPTY")) {
                return readWkt(tag, peekAt(-1).position() + "EMPTY".length());
            }
        }
        Token open = expect(Kind.LEFT_PAREN, "'('");
        int nesting = 1;
        while (nesting > 0) {
            Token token = next();
            if (token.is(Kind.LEFT_PAREN)) {
                nesting++;
                if (depth + nesting > Cql2.MAX_DEPTH) {
                    throw Cql2Exception.at(
                            token.position(), "the filter is nested deeper than " + Cql2.MAX_DEPTH + " levels");
                }
            } else if (token.is(Kind.RIGHT_PAREN)) {
                nesting--;
            } else if (token.is(Kind.END)) {
                throw Cql2Exception.at(open.position(), "unbalanced '(' in the geometry literal");
            }
        }
        return readWkt(tag, peekAt(-1).position() + 1);
    }

    private Expression readWkt(Token tag, int end) {
        String wkt = input.substring(tag.position(), end);
        try {
            Geometry geometry = new WKTReader().read(wkt);
            return new GeometryLiteral(geometry);
        } catch (ParseException | IllegalArgumentException e) {
            throw Cql2Exception.at(tag.position(), "invalid " + tag.text() + " literal: " + e.getMessage());
        }
    }

    /** Builds a node, attaching the position of its first token to any error the node's checks raise. */
    private static <T> T build(Token start, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (Cql2Exception e) {
            throw e.withPosition(start.position());
        }
    }

    private void enter(Token token) {
        if (++depth > Cql2.MAX_DEPTH) {
            throw Cql2Exception.at(token.position(), "the filter is nested deeper than " + Cql2.MAX_DEPTH + " levels");
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(index + offset, tokens.size() - 1));
    }

    private Token next() {
        Token token = peek();
        if (!token.is(Kind.END)) {
            index++;
        }
        return token;
    }

    private Token expect(Kind kind, String what) {
        Token token = next();
        if (!token.is(kind)) {
            throw Cql2Exception.at(token.position(), "expected " + what + " but found " + token.describe());
        }
        return token;
    }

    private void expectKeyword(String keyword) {
        Token token = next();
        if (!token.isKeyword(keyword)) {
            throw Cql2Exception.at(token.position(), "expected " + keyword + " but found " + token.describe());
        }
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            index++;
            return true;
        }
        return false;
    }
}

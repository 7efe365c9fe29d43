package luqiao.map.cql2;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import luqiao.map.cql2.Expression.BooleanLiteral;
import luqiao.map.cql2.Expression.CaseInsensitive;
import luqiao.map.cql2.Expression.DateLiteral;
import luqiao.map.cql2.Expression.GeometryLiteral;
import luqiao.map.cql2.Expression.NumberLiteral;
import luqiao.map.cql2.Expression.PropertyRef;
import luqiao.map.cql2.Expression.StringLiteral;
import luqiao.map.cql2.Expression.TimestampLiteral;
import org.locationtech.jts.io.WKBWriter;

/**
 * Renders a {@link Filter} as a SQL boolean expression with bound parameters.
 *
 * <p>Nothing from the request is concatenated into SQL: columns come from {@link Queryable}
 * descriptors, operators and function names from fixed tables, and every literal becomes a
 * {@code ?} parameter. Property names are resolved (and forbidden ones rejected) here, and operand
 * types are checked against the queryables, so the database never sees an ill-typed comparison.
 *
 * <p>Each predicate must involve at least one property, except spatial predicates, which the
 * database can evaluate on two literals: {@code 'a' = 'a'} is rejected rather than rendered as
 * {@code ? = ?}, which H2 cannot type.
 */
public final class SqlRenderer {

    /** The LIKE escape CQL2 prescribes; PostgreSQL and H2 both default to it, we say it explicitly. */
    private static final String LIKE_ESCAPE = " ESCAPE '\\'";

    private final Queryables queryables;
    private final SqlDialect dialect;

    private SqlRenderer(Queryables queryables, SqlDialect dialect) {
        this.queryables = queryables;
        this.dialect = dialect;
    }

    public static SqlFragment render(Filter filter, Queryables queryables, SqlDialect dialect) {
        return new SqlRenderer(queryables, dialect).filter(filter);
    }

    /** A rendered operand with what the checks need to know about it. */
    private record Operand(SqlFragment sql, ValueType type, boolean refersToProperty, int srid) {}

    private SqlFragment filter(Filter filter) {
        if (filter instanceof Filter.And and) {
            return SqlFragment.join(
                    "(", " AND ", ")", and.operands().stream().map(this::filter).toList());
        }
        if (filter instanceof Filter.Or or) {
            return SqlFragment.join(
                    "(", " OR ", ")", or.operands().stream().map(this::filter).toList());
        }
        if (filter instanceof Filter.Not not) {
            return SqlFragment.join("NOT ", "", "", List.of(parenthesized(filter(not.operand()))));
        }
        if (filter instanceof Filter.BooleanConstant constant) {
            return SqlFragment.of(constant.value() ? "TRUE" : "FALSE");
        }
        if (filter instanceof Filter.Comparison comparison) {
            return comparison(comparison);
        }
        if (filter instanceof Filter.Like like) {
            Operand value = operand(like.value());
            Operand pattern = operand(like.pattern());
            requireType(value, ValueType.STRING, "LIKE");
            requireProperty("LIKE", value);
            return SqlFragment.join("", " LIKE ", LIKE_ESCAPE, List.of(value.sql(), pattern.sql()));
        }
        if (filter instanceof Filter.Between between) {
            Operand value = operand(between.value());
            List<Operand> all = List.of(value, operand(between.low()), operand(between.high()));
            all.forEach(o -> requireType(o, ValueType.NUMBER, "BETWEEN"));
            requireProperty("BETWEEN", all.toArray(Operand[]::new));
            return SqlFragment.join(
                    "",
                    "",
                    "",
                    List.of(
                            value.sql(),
                            SqlFragment.join(
                                    " BETWEEN ",
                                    " AND ",
                                    "",
                                    List.of(all.get(1).sql(), all.get(2).sql()))));
        }
        if (filter instanceof Filter.In in) {
            return in(in);
        }
        if (filter instanceof Filter.IsNull isNull) {
            Operand value = operand(isNull.value());
            requireProperty("IS NULL", value);
            return SqlFragment.join("", "", " IS NULL", List.of(value.sql()));
        }
        return spatial((Filter.Spatial) filter);
    }

    private SqlFragment comparison(Filter.Comparison comparison) {
        Operand left = operand(comparison.left());
        Operand right = operand(comparison.right());
        requireProperty(comparison.operator().symbol(), left, right);
        if (left.type() == ValueType.GEOMETRY || right.type() == ValueType.GEOMETRY) {
            throw new Cql2Exception("geometries cannot be compared with "
                    + comparison.operator().symbol() + "; use S_EQUALS");
        }
        requireSameType(left, right, comparison.operator().symbol());
        return SqlFragment.join("", " " + comparison.operator().symbol() + " ", "", List.of(left.sql(), right.sql()));
    }

    private SqlFragment in(Filter.In in) {
        Operand value = operand(in.value());
        requireProperty("IN", value);
        List<SqlFragment> items = new ArrayList<>();
        for (Expression item : in.list()) {
            Operand operand = operand(item);
            requireSameType(value, operand, "IN");
            items.add(operand.sql());
        }
        return SqlFragment.join("", "", "", List.of(value.sql(), SqlFragment.join(" IN (", ", ", ")", items)));
    }

    /** A geometry literal takes the SRID of the geometry property it is tested against. */
    private SqlFragment spatial(Filter.Spatial spatial) {
        String name = spatial.operator().name();
        Operand left = spatial.left() instanceof GeometryLiteral ? null : operand(spatial.left());
        Operand right = spatial.right() instanceof GeometryLiteral ? null : operand(spatial.right());
        int contextSrid = left != null ? left.srid() : right != null ? right.srid() : -1;
        if (left == null) {
            left = geometry((GeometryLiteral) spatial.left(), contextSrid);
        }
        if (right == null) {
            right = geometry((GeometryLiteral) spatial.right(), contextSrid);
        }
        requireType(left, ValueType.GEOMETRY, name);
        requireType(right, ValueType.GEOMETRY, name);
        return dialect.spatial(spatial.operator(), left.sql(), right.sql());
    }

    private Operand geometry(GeometryLiteral literal, int contextSrid) {
        int srid = contextSrid >= 0 ? contextSrid : literal.value().getSRID();
        byte[] wkb = new WKBWriter(2).write(literal.value());
        return new Operand(
                SqlFragment.of(dialect.geometryFromWkb(srid), (Object) wkb), ValueType.GEOMETRY, false, srid);
    }

    private Operand operand(Expression expression) {
        if (expression instanceof PropertyRef property) {
            Queryable queryable = queryables.resolve(property.name());
            return new Operand(SqlFragment.of(queryable.column()), queryable.type(), true, queryable.srid());
        }
        if (expression instanceof CaseInsensitive caseInsensitive) {
            Operand inner = operand(caseInsensitive.operand());
            requireType(inner, ValueType.STRING, "CASEI");
            return new Operand(
                    SqlFragment.join("LOWER(", "", ")", List.of(inner.sql())),
                    ValueType.STRING,
                    inner.refersToProperty(),
                    0);
        }
        if (expression instanceof GeometryLiteral literal) {
            return geometry(literal, -1);
        }
        return new Operand(SqlFragment.of("?", literalValue(expression)), expression.literalType(), false, 0);
    }

    private static Object literalValue(Expression expression) {
        if (expression instanceof StringLiteral literal) {
            return literal.value();
        }
        if (expression instanceof NumberLiteral literal) {
            return literal.value();
        }
        if (expression instanceof BooleanLiteral literal) {
            return literal.value();
        }
        if (expression instanceof DateLiteral literal) {
            return literal.value();
        }
        return ((TimestampLiteral) expression).value().atOffset(ZoneOffset.UTC);
    }

    private static SqlFragment parenthesized(SqlFragment fragment) {
        return SqlFragment.join("(", "", ")", List.of(fragment));
    }

    private static void requireType(Operand operand, ValueType expected, String operator) {
        if (operand.type() != expected) {
            throw new Cql2Exception(operator + " needs " + expected + " operands, not " + describe(operand));
        }
    }

    private static void requireSameType(Operand left, Operand right, String operator) {
        if (left.type() != right.type()) {
            throw new Cql2Exception("cannot apply " + operator + " to " + describe(left) + " and " + describe(right));
        }
    }

    private static void requireProperty(String operator, Operand... operands) {
        for (Operand operand : operands) {
            if (operand.refersToProperty()) {
                return;
            }
        }
        throw new Cql2Exception(operator + " must involve a property");
    }

    private static String describe(Operand operand) {
        return (operand.refersToProperty() ? "a " : "a literal ")
                + operand.type()
                + (operand.refersToProperty() ? " property" : "");
    }
}

package luqiao.map.cql2;

import java.util.List;
import java.util.function.UnaryOperator;
import luqiao.map.cql2.Expression.CaseInsensitive;
import luqiao.map.cql2.Expression.StringLiteral;
import org.locationtech.jts.geom.Geometry;

/**
 * The immutable syntax tree of a CQL2 filter, shared by the text and JSON encodings: the same
 * filter written either way gives equal trees.
 *
 * <p>Negated forms are not separate nodes: {@code a NOT LIKE p}, {@code a NOT BETWEEN x AND y},
 * {@code a NOT IN (...)} and {@code a IS NOT NULL} become {@link Not} around the positive node,
 * exactly as CQL2-JSON writes them. AND and OR chains are n-ary.
 *
 * <p>NULL semantics are SQL's three-valued logic, which is also what CQL2 requires: a comparison,
 * LIKE, BETWEEN or IN on a NULL property value is UNKNOWN, NOT UNKNOWN is UNKNOWN, and a feature is
 * selected only when the whole filter is TRUE. So {@code NOT (floors < 5)} does not select features
 * whose {@code floors} is NULL; use {@code floors IS NULL} to ask for them explicitly.
 *
 * <p>Constructors check what can be checked without the queryables (operand kinds and literal
 * types); property names and property types are checked when rendering against {@link Queryables}.
 */
public sealed interface Filter {

    /** This filter with every geometry literal replaced by {@code mapper}'s result (e.g. a CRS transform). */
    Filter mapGeometries(UnaryOperator<Geometry> mapper);

    record And(List<Filter> operands) implements Filter {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new Cql2Exception("AND needs at least two operands");
            }
        }

        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return new And(operands.stream().map(f -> f.mapGeometries(mapper)).toList());
        }
    }

    record Or(List<Filter> operands) implements Filter {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new Cql2Exception("OR needs at least two operands");
            }
        }

        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return new Or(operands.stream().map(f -> f.mapGeometries(mapper)).toList());
        }
    }

    record Not(Filter operand) implements Filter {
        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return new Not(operand.mapGeometries(mapper));
        }
    }

    /** The filters {@code TRUE} and {@code FALSE}. */
    record BooleanConstant(boolean value) implements Filter {
        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return this;
        }
    }

    record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Filter {
        public Comparison {
            ValueType leftType = left.literalType();
            ValueType rightType = right.literalType();
            if (leftType == ValueType.GEOMETRY || rightType == ValueType.GEOMETRY) {
                throw new Cql2Exception("geometries cannot be compared with " + operator.symbol() + "; use S_EQUALS");
            }
            if (leftType != null && rightType != null && leftType != rightType) {
                throw new Cql2Exception("cannot compare a " + leftType + " value with a " + rightType + " value");
            }
        }

        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return this;
        }
    }

    /** {@code value LIKE pattern}: {@code %} matches any run, {@code _} one character, {@code \} escapes. */
    record Like(Expression value, Expression pattern) implements Filter {
        public Like {
            ValueType valueType = value.literalType();
            if (valueType != null && valueType != ValueType.STRING) {
                throw new Cql2Exception("LIKE needs a string operand, not a " + valueType + " value");
            }
            String text = patternText(pattern);
            if (text == null) {
                throw new Cql2Exception("the LIKE pattern must be a string literal, optionally inside CASEI()");
            }
            if (endsWithLoneEscape(text)) {
                throw new Cql2Exception("the LIKE pattern ends with an unfinished escape '\\'");
            }
        }

        private static String patternText(Expression pattern) {
            if (pattern instanceof StringLiteral literal) {
                return literal.value();
            }
            if (pattern instanceof CaseInsensitive caseInsensitive) {
                return patternText(caseInsensitive.operand());
            }
            return null;
        }

        private static boolean endsWithLoneEscape(String text) {
            int backslashes = 0;
            for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            return backslashes % 2 == 1;
        }

        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return this;
        }
    }

    /** {@code value BETWEEN low AND high}, inclusive; CQL2 defines it for numbers only. */
    record Between(Expression value, Expression low, Expression high) implements Filter {
        public Between {
            for (Expression operand : List.of(value, low, high)) {
                ValueType type = operand.literalType();
                if (type != null && type != ValueType.NUMBER) {
                    throw new Cql2Exception("BETWEEN needs numbers, not a " + type + " value");
                }
            }
        }

        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return this;
        }
    }

    /** {@code value IN (list)}; the list holds literals of one type (CASEI() allowed around strings). */
    record In(Expression value, List<Expression> list) implements Filter {
        public In {
            list = List.copyOf(list);
            if (list.isEmpty()) {
                throw new Cql2Exception("IN needs at least one value");
            }
            ValueType expected = value.literalType();
            for (Expression item : list) {
                ValueType type = item.literalType();
                if (type == null) {
                    throw new Cql2Exception("the IN list may only hold literals, optionally inside CASEI()");
                }
                if (type == ValueType.GEOMETRY) {
                    throw new Cql2Exception("the IN list cannot hold geometries");
                }
                if (expected == null) {
                    expected = type;
                } else if (type != expected) {
                    throw new Cql2Exception("the IN list mixes " + expected + " and " + type + " values");
                }
            }
        }

        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return this;
        }
    }

    record IsNull(Expression value) implements Filter {
        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return new IsNull(value.mapGeometries(mapper));
        }
    }

    record Spatial(SpatialOperator operator, Expression left, Expression right) implements Filter {
        public Spatial {
            for (Expression operand : List.of(left, right)) {
                ValueType type = operand.literalType();
                if (type != null && type != ValueType.GEOMETRY) {
                    throw new Cql2Exception(operator + " needs geometries, not a " + type + " value");
                }
            }
        }

        @Override
        public Filter mapGeometries(UnaryOperator<Geometry> mapper) {
            return new Spatial(operator, left.mapGeometries(mapper), right.mapGeometries(mapper));
        }
    }
}

package luqiao.map.cql2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;

/**
 * An operand of a predicate: a property reference, a literal, or CASEI() around a string operand.
 * Literals know their {@link ValueType}; a property's type is only known once it is resolved against
 * {@link Queryables}, so {@link #literalType()} returns null for it.
 */
public sealed interface Expression {

    /** The type of a literal, or null when the type depends on a property. */
    ValueType literalType();

    /** This expression with every geometry literal replaced by {@code mapper}'s result. */
    default Expression mapGeometries(UnaryOperator<Geometry> mapper) {
        return this;
    }

    /** A reference to a queryable, by the name the client used (resolution is case-insensitive). */
    record PropertyRef(String name) implements Expression {
        public PropertyRef {
            Objects.requireNonNull(name);
        }

        @Override
        public ValueType literalType() {
            return null;
        }
    }

    /**
     * A string. It may hold any character the databases can store and compare: not NUL (PostgreSQL
     * text cannot hold U+0000) and no lone surrogate, refused here for both parsers and both backends.
     */
    record StringLiteral(String value) implements Expression {
        public StringLiteral {
            Objects.requireNonNull(value);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\u0000') {
                    throw new Cql2Exception("a string literal must not contain the NUL character (U+0000)");
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new Cql2Exception("a string literal must not contain a lone surrogate (invalid UTF-16)");
                }
            }
        }

        @Override
        public ValueType literalType() {
            return ValueType.STRING;
        }
    }

    /**
     * A number; trailing zeros are stripped so that 10.0 in text and 10 in JSON are equal. Only numbers
     * a double can hold are accepted (every numeric queryable is compared as one): {@code 1e400} would
     * overflow on PostgreSQL but not on H2GIS, {@code 1e-400} underflow, so both are refused everywhere.
     */
    record NumberLiteral(BigDecimal value) implements Expression {
        public NumberLiteral {
            Objects.requireNonNull(value);
            double d = value.doubleValue();
            if (Double.isInfinite(d) || (d == 0 && value.signum() != 0)) {
                throw new Cql2Exception("the number is out of range: numbers must be within ±1.7976931348623157E308 "
                        + "and not closer to 0 than 4.9E-324");
            }
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }

        @Override
        public ValueType literalType() {
            return ValueType.NUMBER;
        }
    }

    record BooleanLiteral(boolean value) implements Expression {
        @Override
        public ValueType literalType() {
            return ValueType.BOOLEAN;
        }
    }

    record DateLiteral(LocalDate value) implements Expression {
        public DateLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public ValueType literalType() {
            return ValueType.DATE;
        }
    }

    record TimestampLiteral(Instant value) implements Expression {
        public TimestampLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public ValueType literalType() {
            return ValueType.TIMESTAMP;
        }
    }

    /**
     * A geometry literal (WKT, GeoJSON, or a BBOX turned into its rectangle). The coordinates are in
     * the filter CRS; the caller transforms them with {@link Filter#mapGeometries}. JTS compares
     * geometries with {@code equalsExact} in {@code equals}, which is what tree equality needs.
     */
    record GeometryLiteral(Geometry value) implements Expression {
        public GeometryLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public ValueType literalType() {
            return ValueType.GEOMETRY;
        }

        @Override
        public Expression mapGeometries(UnaryOperator<Geometry> mapper) {
            return new GeometryLiteral(mapper.apply(value));
        }
    }

    /** CASEI(operand): compares case-insensitively; rendered as LOWER(...). */
    record CaseInsensitive(Expression operand) implements Expression {
        public CaseInsensitive {
            ValueType type = operand.literalType();
            if (type != null && type != ValueType.STRING) {
                throw new Cql2Exception("CASEI() needs a string, not a " + type + " value");
            }
        }

        @Override
        public ValueType literalType() {
            return operand.literalType();
        }
    }
}

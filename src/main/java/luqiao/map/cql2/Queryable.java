package luqiao.map.cql2;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A property clients may filter on, as described by the server's own catalog.
 *
 * @param name   the name clients use (matched case-insensitively)
 * @param column the SQL column it maps to; rendered verbatim, so it must be a plain (optionally
 *               table-qualified) identifier — this is checked here as a second line of defence
 * @param type   the value type, used to reject ill-typed filters before they reach the database
 * @param srid   the SRID of a GEOMETRY column (geometry literals compared with it are bound with
 *               this SRID); 0 for other types
 */
public record Queryable(String name, String column, ValueType type, int srid) {

    private static final Pattern PLAIN_IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    public Queryable {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        if (column == null || !PLAIN_IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + column);
        }
        if (type != ValueType.GEOMETRY && srid != 0) {
            throw new IllegalArgumentException("only geometry queryables have an SRID: " + name);
        }
    }

    public static Queryable of(String name, String column, ValueType type) {
        return new Queryable(name, column, type, 0);
    }

    public static Queryable geometry(String name, String column, int srid) {
        return new Queryable(name, column, ValueType.GEOMETRY, srid);
    }
}

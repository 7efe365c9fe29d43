package luqiao.map.cql2;

import java.util.List;

/** What differs between the databases the filter is rendered for. */
public interface SqlDialect {

    /** SQL turning one WKB placeholder into a geometry. */
    default String geometryFromWkb(int srid) {
        return "ST_GeomFromWKB(?, " + srid + ")";
    }

    /** SQL for a rectangle from four placeholders: min x, min y, max x, max y. */
    default String envelope(int srid) {
        return "ST_MakeEnvelope(?, ?, ?, ?, " + srid + ")";
    }

    /** A spatial predicate on two rendered geometry operands, with any index prefilter the database needs. */
    SqlFragment spatial(SpatialOperator operator, SqlFragment left, SqlFragment right);

    /** {@code ST_Xxx(left, right)}: the part every dialect shares. */
    static SqlFragment call(SpatialOperator operator, SqlFragment left, SqlFragment right) {
        return SqlFragment.join(operator.sqlFunction() + "(", ", ", ")", List.of(left, right));
    }
}

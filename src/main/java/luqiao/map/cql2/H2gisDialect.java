package luqiao.map.cql2;

import java.util.List;

/**
 * H2GIS: only the {@code &&} bounding-box operator uses a spatial index, the ST_ functions do not
 * (H2GIS "Spatial indices" documentation). Every predicate except S_DISJOINT implies that the
 * bounding boxes intersect, so {@code (a && b AND ST_Xxx(a, b))} selects the same rows, faster.
 */
public final class H2gisDialect implements SqlDialect {

    @Override
    public SqlFragment spatial(SpatialOperator operator, SqlFragment left, SqlFragment right) {
        SqlFragment exact = SqlDialect.call(operator, left, right);
        if (!operator.impliesBoundingBoxIntersection()) {
            return exact;
        }
        SqlFragment prefilter = SqlFragment.join("", " && ", "", List.of(left, right));
        return SqlFragment.join("(", " AND ", ")", List.of(prefilter, exact));
    }
}

package luqiao.map.cql2;

/**
 * PostGIS: the ST_ relationship functions already add an index-assisted bounding-box test
 * internally (see the ST_Intersects manual page), so no prefilter is rendered.
 */
public final class PostgisDialect implements SqlDialect {

    @Override
    public SqlFragment spatial(SpatialOperator operator, SqlFragment left, SqlFragment right) {
        return SqlDialect.call(operator, left, right);
    }
}

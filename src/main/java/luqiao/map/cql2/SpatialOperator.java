package luqiao.map.cql2;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The spatial predicates of the Basic Spatial and Spatial Functions conformance classes. */
public enum SpatialOperator {
    S_INTERSECTS("ST_Intersects"),
    S_EQUALS("ST_Equals"),
    S_DISJOINT("ST_Disjoint"),
    S_TOUCHES("ST_Touches"),
    S_WITHIN("ST_Within"),
    S_OVERLAPS("ST_Overlaps"),
    S_CROSSES("ST_Crosses"),
    S_CONTAINS("ST_Contains");

    private final String sqlFunction;

    SpatialOperator(String sqlFunction) {
        this.sqlFunction = sqlFunction;
    }

    /** The OGC Simple Features SQL function, spelled the same in PostGIS and H2GIS. */
    public String sqlFunction() {
        return sqlFunction;
    }

    /** True when the predicate can only hold if the bounding boxes intersect (all but S_DISJOINT). */
    public boolean impliesBoundingBoxIntersection() {
        return this != S_DISJOINT;
    }

    static Optional<SpatialOperator> byName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(op -> op.name().equals(upper)).findFirst();
    }
}

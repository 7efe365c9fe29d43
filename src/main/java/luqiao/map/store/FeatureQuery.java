package luqiao.map.store;

import java.time.LocalDate;
import java.util.List;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.GeometryFamily;
import luqiao.map.cql2.Filter;
import luqiao.map.geometry.Bbox;

/**
 * What to read from a layer, for an audience: optional bbox (WGS 84), CQL2 filter (geometry
 * literals already in WGS 84), time interval, sort order, one page, optionally the date the
 * layer is read as of ({@link AsOf}; null for now) and the one geometry family to read (null: all).
 */
public record FeatureQuery(
        Audience audience,
        Bbox bbox,
        Filter filter,
        TimeInterval time,
        List<SortKey> sortBy,
        int limit,
        long offset,
        LocalDate asOf,
        GeometryFamily geometryFamily) {

    public FeatureQuery {
        sortBy = sortBy == null ? List.of() : List.copyOf(sortBy);
    }

    /** A query of every geometry family, now or as of a date. */
    public FeatureQuery(
            Audience audience,
            Bbox bbox,
            Filter filter,
            TimeInterval time,
            List<SortKey> sortBy,
            int limit,
            long offset,
            LocalDate asOf) {
        this(audience, bbox, filter, time, sortBy, limit, offset, asOf, null);
    }

    /** A query of the layer as it is now. */
    public FeatureQuery(
            Audience audience,
            Bbox bbox,
            Filter filter,
            TimeInterval time,
            List<SortKey> sortBy,
            int limit,
            long offset) {
        this(audience, bbox, filter, time, sortBy, limit, offset, null);
    }

    /** The same query, of the layer as it stood on {@code date} (null: now). */
    public FeatureQuery withAsOf(LocalDate date) {
        return new FeatureQuery(audience, bbox, filter, time, sortBy, limit, offset, date, geometryFamily);
    }

    /** The same query, of the features of one geometry family only (null: all). */
    public FeatureQuery withGeometryFamily(GeometryFamily family) {
        return new FeatureQuery(audience, bbox, filter, time, sortBy, limit, offset, asOf, family);
    }

    /** A page of everything the audience may see, optionally within a bbox. */
    public static FeatureQuery page(Audience audience, Bbox bbox, int limit, long offset) {
        return new FeatureQuery(audience, bbox, null, null, List.of(), limit, offset);
    }

    /** Sort by a field of the layer (by its client-facing name). */
    public record SortKey(String field, boolean ascending) {}
}

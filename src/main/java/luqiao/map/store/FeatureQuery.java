package luqiao.map.store;

import java.util.List;

import luqiao.map.catalog.Audience;
import luqiao.map.cql2.Filter;
import luqiao.map.geometry.Bbox;

/**
 * What to read from a layer, for an audience: optional bbox (WGS 84), CQL2 filter (geometry
 * literals already in WGS 84), time interval, sort order, and one page.
 */
public record FeatureQuery(Audience audience, Bbox bbox, Filter filter, TimeInterval time,
                           List<SortKey> sortBy, int limit, long offset) {

    public FeatureQuery {
        sortBy = sortBy == null ? List.of() : List.copyOf(sortBy);
    }

    /** A page of everything the audience may see, optionally within a bbox. */
    public static FeatureQuery page(Audience audience, Bbox bbox, int limit, long offset) {
        return new FeatureQuery(audience, bbox, null, null, List.of(), limit, offset);
    }

    /** Sort by a field of the layer (by its client-facing name). */
    public record SortKey(String field, boolean ascending) {
    }
}

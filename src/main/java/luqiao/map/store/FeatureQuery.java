package luqiao.map.store;

import luqiao.map.catalog.Audience;
import luqiao.map.geometry.Bbox;

/** What to read from a layer: an optional bbox, one page, for an audience. */
public record FeatureQuery(Audience audience, Bbox bbox, int limit, long offset) {
}

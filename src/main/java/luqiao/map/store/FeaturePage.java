package luqiao.map.store;

import java.util.List;
import luqiao.map.geojson.Feature;

/** One page of features and the number matching the whole query. */
public record FeaturePage(List<Feature> features, long numberMatched) {}

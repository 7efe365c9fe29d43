package luqiao.map.store;

import java.util.List;

/** One page of features and the number matching the whole query. */
public record FeaturePage(List<Feature> features, long numberMatched) {
}

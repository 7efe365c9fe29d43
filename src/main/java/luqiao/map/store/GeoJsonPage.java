package luqiao.map.store;

import java.util.List;
import luqiao.map.geojson.GeoJsonFeature;

/** One page of features with their geometries as GeoJSON text, and the number matching the whole query. */
public record GeoJsonPage(List<GeoJsonFeature> features, long numberMatched) {}

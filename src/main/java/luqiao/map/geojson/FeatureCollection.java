package luqiao.map.geojson;

import java.util.List;
import tools.jackson.databind.annotation.JsonSerialize;

/** A plain GeoJSON FeatureCollection answer: {@code type}, {@code numberReturned}, {@code features}. */
public record FeatureCollection(
        String type,
        int numberReturned,
        @JsonSerialize(contentUsing = GeoJsonFeatureSerializer.class) List<Feature> features) {

    public static FeatureCollection of(List<Feature> features) {
        return new FeatureCollection("FeatureCollection", features.size(), features);
    }
}

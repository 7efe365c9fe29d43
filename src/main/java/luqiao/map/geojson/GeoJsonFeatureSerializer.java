package luqiao.map.geojson;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** A feature inside an answer record, written by {@link GeoJsonWriter} like every other feature. */
public final class GeoJsonFeatureSerializer extends ValueSerializer<Feature> {

    @Override
    public void serialize(Feature value, JsonGenerator out, SerializationContext context) {
        GeoJsonWriter.writeFeature(out, value);
    }
}

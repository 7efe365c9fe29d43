package luqiao.map.geojson;

import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** A geometry member of an answer record, written by {@link GeoJsonWriter} (7 decimals). */
public final class GeoJsonGeometrySerializer extends ValueSerializer<Geometry> {

    @Override
    public void serialize(Geometry value, JsonGenerator out, SerializationContext context) {
        GeoJsonWriter.writeGeometry(out, value);
    }
}

package luqiao.map.editing;

import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.store.StoredFeature;
import luqiao.map.web.JsonBodies;

/**
 * What a write answers, whichever API it came through: the feature as its editors see it (every
 * field, lon/lat), its version, whether it is deleted, and what was repaired or noted; its ETag is the
 * version, the {@code If-Match} of the next write.
 */
public final class EditAnswer {

    private EditAnswer() {}

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The GeoJSON Feature of the answer. */
    public static byte[] body(JsonBodies json, Editing.Outcome done) {
        StoredFeature s = done.stored();
        return json.bytes(out -> GeoJsonWriter.writeFeature(out, s.feature(), GeoJsonWriter.DEGREE_DECIMALS, o -> {
            o.writeNumberProperty("version", s.version());
            o.writeBooleanProperty("deleted", s.deleted());
            o.writeBooleanProperty("repaired", !done.repairs().isEmpty());
            o.writeName("repairs");
            o.writePOJO(done.repairs());
            o.writeName("notes");
            o.writePOJO(done.notes());
        }));
    }
}

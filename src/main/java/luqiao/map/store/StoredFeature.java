package luqiao.map.store;

import java.time.OffsetDateTime;
import luqiao.map.geojson.Feature;

/**
 * A feature as its editors see it: every field (internal ones too), its version (the ETag a write
 * must name) and, when soft-deleted, since when.
 */
public record StoredFeature(Feature feature, long version, OffsetDateTime deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}

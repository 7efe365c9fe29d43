package luqiao.map.store;

import java.util.List;
import luqiao.map.catalog.Layer;
import org.locationtech.jts.geom.Envelope;

/**
 * Published by the store after features of a layer were written (inserted, updated, deleted or
 * imported), with the lon/lat envelopes of what changed (old and new positions of a moved
 * feature both count). Listeners such as the tile cache use it to forget exactly what is stale.
 */
public record FeaturesChanged(Layer layer, List<Envelope> envelopes) {

    public FeaturesChanged {
        envelopes = List.copyOf(envelopes);
    }
}

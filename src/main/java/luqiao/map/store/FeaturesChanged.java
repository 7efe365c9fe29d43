package luqiao.map.store;

import java.util.List;
import luqiao.map.catalog.Layer;
import org.locationtech.jts.geom.Envelope;

/**
 * Published by the store after features of a layer were written (inserted, updated, deleted or
 * imported), with the lon/lat envelopes of what changed (old and new positions of a moved
 * feature both count). Listeners such as the tile cache use it to forget exactly what is stale.
 *
 * <p>On PostGIS the same change also reaches the other instances ({@link ChangeFeed}), where it is published
 * again with the origin {@link Origin#ELSEWHERE}, so only the writing instance announces it.
 */
public record FeaturesChanged(Layer layer, List<Envelope> envelopes, Origin origin) {

    /** Where the change was made, as far as this instance is concerned. */
    public enum Origin {
        /** Written by this instance. */
        HERE,
        /** Written by another instance on the same database, heard through its notice. */
        ELSEWHERE,
        /** A change heard before, published again once replicas have had time to replay it. */
        REPLAYED
    }

    public FeaturesChanged {
        envelopes = List.copyOf(envelopes);
    }

    /** A change written by this instance. */
    public FeaturesChanged(Layer layer, List<Envelope> envelopes) {
        this(layer, envelopes, Origin.HERE);
    }
}

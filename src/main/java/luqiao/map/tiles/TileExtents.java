package luqiao.map.tiles;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.ChangesMissed;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.store.tiles.TileStore;
import org.locationtech.jts.geom.Envelope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The lon/lat extent of what each audience sees of a tile set, kept between requests: the OGC tile
 * route and the WMTS check every tile against its set's tile matrix set limits, which are drawn from it, and
 * one aggregate query per tile would cost more than the tile. A layer's entries are forgotten when its
 * features change (after the commit, as the tile cache forgets its tiles), so the limits grow with an
 * edit that reaches beyond them.
 */
@Component
public class TileExtents {

    private record Key(Layer layer, Audience audience) {}

    /** One entry per layer and audience (twelve at most); a layer without rows for the audience is held empty. */
    private final Map<Key, Optional<Envelope>> extents = new ConcurrentHashMap<>();

    private final AtomicLong generation = new AtomicLong();

    private final TileStore store;

    TileExtents(TileStore store) {
        this.store = store;
    }

    /** The extent of the set's layers for the audience; empty when none of them has a row the audience sees. */
    public Optional<Envelope> of(TileSet set, Audience audience) {
        return of(set.layers(), audience);
    }

    Optional<Envelope> of(List<Layer> layers, Audience audience) {
        Envelope all = new Envelope();
        for (Layer layer : layers) {
            extent(new Key(layer, audience)).ifPresent(all::expandToInclude);
        }
        return all.isNull() ? Optional.empty() : Optional.of(all);
    }

    private Optional<Envelope> extent(Key key) {
        Optional<Envelope> kept = extents.get(key);
        if (kept != null) {
            return kept;
        }
        long before = generation.get();
        Optional<Envelope> read = store.extent(key.layer(), key.audience());
        // Read across a change, it may be the old extent: answer it, but do not keep it.
        if (generation.get() == before) {
            extents.putIfAbsent(key, read);
        }
        return read;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void featuresChanged(FeaturesChanged change) {
        generation.incrementAndGet();
        extents.keySet().removeIf(k -> k.layer() == change.layer());
    }

    /** Another instance's changes may have gone unheard: every kept extent may be too small. */
    @EventListener
    void changesMissed(ChangesMissed missed) {
        generation.incrementAndGet();
        extents.clear();
    }
}

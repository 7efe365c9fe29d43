package luqiao.map.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import luqiao.map.store.ChangesMissed;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.store.overviews.OverviewStore;
import org.locationtech.jts.index.strtree.STRtree;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The size-bounded in-memory cache of encoded tiles in front of the {@link TileSource}s.
 *
 * <p>When features change, exactly the cached tiles they touch are dropped, at every zoom, in every
 * grid and in every set that holds the layer: a tile is touched when the changed envelope meets the tile grown
 * by its buffer (features in the buffer are drawn in the tile too). The listener runs after the
 * writing transaction commits, so a tile rebuilt right after the event reads the new rows; a tile
 * whose rendering overlapped a change is not kept (the generation check), since it may show the old rows.
 *
 * <p>Concurrent requests for the same tile share one rendering (request coalescing), with or without
 * the cache: the first renders, the others wait for its result. A request arriving after a change
 * starts a rendering of its own rather than joining one that may have read the old rows.
 *
 * <p>At the zooms a layer's tiles read its overviews (store.overviews), a change alters the whole group features of
 * the cells it touches (a cell is a quarter of the tile's width), and a group feature reaches beyond its cell by up
 * to half its largest parcel: there a tile is touched when the change meets it grown by its buffer and two cells
 * (the touched cells, grown by one more), which holds while no parcel is wider than a cell (over a kilometre at z13).
 * The same computation on every instance, from the change's envelopes alone.
 *
 * <p>Changes made by other instances arrive as the same event (store.ChangeFeed, on PostGIS); when some may
 * have been missed ({@link ChangesMissed}), the whole cache is cleared.
 */
@Component
public class TileCache {

    private final Map<TileFormat, TileSource> sources = new EnumMap<>(TileFormat.class);
    private final Cache<TileRequest, EncodedTile> cache;
    private final double margin;
    private final boolean enabled;
    private final AtomicLong generation = new AtomicLong();
    private final Map<TileRequest, CompletableFuture<EncodedTile>> rendering = new ConcurrentHashMap<>();
    private final TileMetrics metrics;
    private final OverviewStore overviews;

    /** How far beyond its buffer a tile reading overviews is touched by a change: two cells of a quarter tile. */
    private static final double OVERVIEW_MARGIN = 2 * 0.25;

    TileCache(List<TileSource> sources, TileSettings settings, MeterRegistry registry, OverviewStore overviews) {
        this.overviews = overviews;
        for (TileSource source : sources) {
            source.formats().forEach(f -> this.sources.put(f, source));
        }
        this.metrics = new TileMetrics(registry);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.cacheMaxBytes())
                .weigher((TileRequest k, EncodedTile v) -> v.weight())
                .evictionListener((TileRequest k, EncodedTile v, RemovalCause cause) -> metrics.evicted(k))
                .build();
        this.margin = settings.bufferFraction();
        this.enabled = settings.cacheMaxBytes() > 0;
        Gauge.builder("luqiao.tiles.cache.size", cache, TileCache::weightedBytes)
                .description("the encoded tiles held in the cache")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }

    private static double weightedBytes(Cache<TileRequest, EncodedTile> cache) {
        return cache.policy()
                .eviction()
                .flatMap(e -> e.weightedSize().stream().boxed().findFirst())
                .orElse(0L);
    }

    /** The tile, from the cache, from a rendering of it already under way, or freshly rendered (and then cached). */
    EncodedTile get(TileRequest request) {
        EncodedTile cached = cache.getIfPresent(request);
        if (cached != null) {
            metrics.hit(request);
            return cached;
        }
        metrics.miss(request);
        CompletableFuture<EncodedTile> mine = new CompletableFuture<>();
        CompletableFuture<EncodedTile> running = rendering.putIfAbsent(request, mine);
        if (running != null) {
            return await(running);
        }
        try {
            EncodedTile tile = cache.getIfPresent(request); // cached by a rendering that just ended
            if (tile == null) {
                tile = render(request);
            }
            mine.complete(tile);
            return tile;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(request, mine);
        }
    }

    /**
     * The tile if the cache holds it now, else null, counted as nothing: for an answer given before it is known
     * whether the request will be answered from here at all ({@link CachedTileFilter}); such an answer counts its
     * {@link #hit}, and a request not answered so goes on to {@link #get}, which counts it.
     */
    EncodedTile peek(TileRequest request) {
        return cache.getIfPresent(request);
    }

    /** Counts a tile answered from {@link #peek}. */
    void hit(TileRequest request) {
        metrics.hit(request);
    }

    private EncodedTile render(TileRequest request) {
        metrics.rendered(request);
        long before = generation.get();
        // Only a tile that is kept is compressed ahead; otherwise only for a client that asks (EncodedTile.gzipped).
        EncodedTile tile = EncodedTile.of(
                sources.get(request.format()).render(request),
                enabled && request.format().isVector());
        if (enabled) {
            cache.put(request, tile);
            if (generation.get() != before) {
                cache.invalidate(request);
            }
        }
        return tile;
    }

    private static EncodedTile await(CompletableFuture<EncodedTile> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void featuresChanged(FeaturesChanged change) {
        generation.incrementAndGet();
        rendering.clear(); // later requests render anew instead of joining a rendering of the old rows
        if (change.envelopes().isEmpty()) {
            return;
        }
        // An import may change a million features: index their envelopes once, then ask per cached tile.
        STRtree changed = new STRtree();
        change.envelopes().forEach(e -> changed.insert(e, e));
        cache.asMap().keySet().removeIf(key -> touches(key, change, changed));
    }

    /** Changes may have been missed (another instance's notice went unheard): nothing held can be trusted. */
    @EventListener
    void changesMissed(ChangesMissed missed) {
        generation.incrementAndGet();
        rendering.clear();
        cache.invalidateAll();
        metrics.cleared(missed.reason());
    }

    private boolean touches(TileRequest key, FeaturesChanged change, STRtree changed) {
        boolean overview = key.grid() == TileGrid.WEB_MERCATOR
                && key.asOf(change.layer()) == null
                && overviews.serves(change.layer(), key.coord().z());
        boolean touched = key.set().includes(change.layer())
                && !changed.query(key.grid().lonLat(key.coord(), overview ? margin + OVERVIEW_MARGIN : margin))
                        .isEmpty();
        if (touched) {
            metrics.evicted(key);
        }
        return touched;
    }

    /** Whether the tile is held now (what the eviction tests ask). */
    boolean isCached(TileRequest request) {
        return peek(request) != null;
    }
}

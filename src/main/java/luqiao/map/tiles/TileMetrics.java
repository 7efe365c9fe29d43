package luqiao.map.tiles;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The tile cache's counters, each tagged {@code set} (zones, projects, parcels, all) and {@code format} (mvt, png,
 * png_2x); registered up front so that every series is there, at zero, before the first tile.
 * In Prometheus: {@code luqiao_tiles_cache_hits_total}, {@code _misses_total}, {@code _evictions_total} and
 * {@code luqiao_tiles_renders_total}. Besides, {@code luqiao_tiles_cache_cleared_total} counts the times the whole
 * cache was cleared, tagged {@code reason} (today only {@code listener-reconnect}: other instances' changes
 * may have gone unheard).
 */
final class TileMetrics {

    private final Map<TileSet, Map<TileFormat, Counter>> hits;
    private final Map<TileSet, Map<TileFormat, Counter>> misses;
    private final Map<TileSet, Map<TileFormat, Counter>> renders;
    private final Map<TileSet, Map<TileFormat, Counter>> evictions;
    private final MeterRegistry registry;

    TileMetrics(MeterRegistry registry) {
        this.registry = registry;
        cleared("listener-reconnect", 0);
        hits = counters(registry, "luqiao.tiles.cache.hits", "tiles answered from the cache");
        misses = counters(
                registry, "luqiao.tiles.cache.misses", "tiles not in the cache (rendered or joined a rendering)");
        renders = counters(registry, "luqiao.tiles.renders", "tiles rendered from the database");
        evictions = counters(
                registry,
                "luqiao.tiles.cache.evictions",
                "cached tiles dropped, by a change to their features or for space");
    }

    void hit(TileRequest request) {
        hits.get(request.set()).get(request.format()).increment();
    }

    void miss(TileRequest request) {
        misses.get(request.set()).get(request.format()).increment();
    }

    void rendered(TileRequest request) {
        renders.get(request.set()).get(request.format()).increment();
    }

    void evicted(TileRequest request) {
        evictions.get(request.set()).get(request.format()).increment();
    }

    /** The whole cache was cleared, for the reason given. */
    void cleared(String reason) {
        cleared(reason, 1);
    }

    private void cleared(String reason, int times) {
        Counter.builder("luqiao.tiles.cache.cleared")
                .description("times the whole tile cache was cleared")
                .tag("reason", reason)
                .register(registry)
                .increment(times);
    }

    private static Map<TileSet, Map<TileFormat, Counter>> counters(
            MeterRegistry registry, String name, String description) {
        Map<TileSet, Map<TileFormat, Counter>> bySet = new EnumMap<>(TileSet.class);
        for (TileSet set : TileSet.values()) {
            Map<TileFormat, Counter> byFormat = new EnumMap<>(TileFormat.class);
            for (TileFormat format : TileFormat.values()) {
                byFormat.put(
                        format,
                        Counter.builder(name)
                                .description(description)
                                .tag("set", set.id())
                                .tag("format", format.name().toLowerCase(Locale.ROOT))
                                .register(registry));
            }
            bySet.put(set, byFormat);
        }
        return bySet;
    }
}

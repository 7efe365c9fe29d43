package luqiao.map.tiles;

import java.time.LocalDate;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;

/**
 * One tile as asked for; also the cache key, so the audience is part of it (the public never gets a
 * staff tile), and so is the date the projects are shown as of (null: now).
 */
public record TileRequest(TileSet set, TileCoord coord, TileFormat format, Audience audience, LocalDate asOf) {

    /** A tile of the layers as they are now. */
    public TileRequest(TileSet set, TileCoord coord, TileFormat format, Audience audience) {
        this(set, coord, format, audience, null);
    }

    /** The as-of date for one layer of the set: only layers with a history have one (zones and parcels are as they are). */
    public LocalDate asOf(Layer layer) {
        return layer.hasHistory() ? asOf : null;
    }
}

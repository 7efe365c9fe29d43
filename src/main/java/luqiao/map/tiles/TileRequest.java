package luqiao.map.tiles;

import java.time.LocalDate;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;

/**
 * One tile as asked for; also the cache key, so the audience is part of it (the public never gets a
 * staff tile), and so are the grid it is cut in and the date the projects are shown as of (null: now).
 */
public record TileRequest(
        TileSet set, TileGrid grid, TileCoord coord, TileFormat format, Audience audience, LocalDate asOf) {

    public TileRequest {
        if (!grid.contains(coord)) {
            throw new IllegalArgumentException("tile " + coord + " is not in the " + grid + " grid");
        }
        if (format.isVector() && grid != TileGrid.WEB_MERCATOR) {
            throw new IllegalArgumentException("vector tiles are cut in Web Mercator only, not " + grid);
        }
    }

    /** A Web Mercator tile as of {@code asOf} (null: now). */
    public TileRequest(TileSet set, TileCoord coord, TileFormat format, Audience audience, LocalDate asOf) {
        this(set, TileGrid.WEB_MERCATOR, coord, format, audience, asOf);
    }

    /** A Web Mercator tile of the layers as they are now. */
    public TileRequest(TileSet set, TileCoord coord, TileFormat format, Audience audience) {
        this(set, coord, format, audience, null);
    }

    /** The as-of date for one layer of the set: only layers with a history have one (zones and parcels are as they are). */
    public LocalDate asOf(Layer layer) {
        return layer.hasHistory() ? asOf : null;
    }
}

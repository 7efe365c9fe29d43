package luqiao.map.tiles;

import java.time.LocalDate;
import java.util.List;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.TileFeature;
import luqiao.map.store.tiles.TileQuery;
import luqiao.map.store.tiles.TileStore;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;

/**
 * Which rows a tile selects ({@link TileQuery}: the tile grown by its buffer, the smallest area worth
 * drawing, the row limit, the date), and its candidate features read through the {@link TileStore}
 * as JTS geometries, for encoding in Java. Works on PostGIS and H2GIS alike.
 */
@Component
public class TileFeatureReader {

    private final TileStore store;
    private final TileSettings settings;

    TileFeatureReader(TileStore store, TileSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * The rows of a tile: the buffered tile in lon/lat, the smallest polygon area worth drawing, at most
     * {@code limit}, as the layer stood on {@code asOf} (null: now).
     */
    public TileQuery query(TileCoord tile, int limit, LocalDate asOf) {
        Envelope e = WebMercator.lonLat(tile, settings.bufferFraction());
        return new TileQuery(tile.z(), tile.x(), tile.y(), e, minAreaM2(TileGrid.WEB_MERCATOR, tile), limit, asOf);
    }

    /**
     * {@link #query} of a tile of any grid. A tile of another grid than Web Mercator has no address
     * {@code ST_TileEnvelope} knows, so its query is of its area only (what drawing reads).
     */
    public TileQuery query(TileGrid grid, TileCoord tile, int limit, LocalDate asOf) {
        return grid == TileGrid.WEB_MERCATOR
                ? query(tile, limit, asOf)
                : TileQuery.area(grid.lonLat(tile, settings.bufferFraction()), minAreaM2(grid, tile), limit, asOf);
    }

    /**
     * The candidates, largest first, at most {@code limit}, as the layer stood on {@code asOf} (null: now);
     * empty when the tile shows nothing of the layer.
     */
    public List<TileFeature> read(Layer layer, Audience audience, TileCoord tile, int limit, LocalDate asOf) {
        return store.features(layer, audience, query(tile, limit, asOf));
    }

    /** {@code minAreaPixels} screen pixels of a 256-px tile, as ground m² at the tile's centre latitude. */
    double minAreaM2(TileGrid grid, TileCoord tile) {
        double pixel = grid.groundMetresPerPixel(tile, 256);
        return settings.minAreaPixels() * pixel * pixel;
    }
}

package luqiao.map.store.tiles;

import java.time.LocalDate;
import org.locationtech.jts.geom.Envelope;

/**
 * What a tile's rows are selected by: the tile's address (for {@code ST_TileEnvelope}), the tile grown
 * by its buffer in lon/lat, the smallest polygon area worth drawing, the row limit, and the date the
 * layer is read as of (null: now; only layers with a history have one).
 */
public record TileQuery(int z, int x, int y, Envelope lonLat, double minAreaM2, int limit, LocalDate asOf) {

    /**
     * The rows of any lon/lat area, not a tile (a printed map's view): for reads that bind no tile
     * address, the lean drawing reads of {@link TileStore#drawing}, so z, x and y are left 0.
     */
    public static TileQuery area(Envelope lonLat, double minAreaM2, int limit, LocalDate asOf) {
        return new TileQuery(0, 0, 0, lonLat, minAreaM2, limit, asOf);
    }
}

package luqiao.map.tiles;

import java.util.Set;

/** The port the tile pipeline renders through; adapters read the store's database. */
public interface TileSource {

    /** The formats this source renders. */
    Set<TileFormat> formats();

    /**
     * The encoded tile, never an error for an area without data: an empty vector tile is zero bytes,
     * an empty raster tile a small transparent image. A tile over its caps is thinned, not refused.
     */
    byte[] render(TileRequest request);
}

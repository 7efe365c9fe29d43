package luqiao.map.tiles.vector;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.tiles.TileCoord;

/** Encodes one layer of one tile as a Mapbox Vector Tile holding that single layer. */
interface LayerEncoder {

    /**
     * The encoded layer with at most {@code limit} features, largest first; an empty array when the
     * tile shows nothing of the layer (an MVT with no layers is a valid, empty tile).
     */
    byte[] encode(Layer layer, Audience audience, TileCoord tile, int limit);
}

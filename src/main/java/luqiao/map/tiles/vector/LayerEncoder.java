package luqiao.map.tiles.vector;

import java.time.LocalDate;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.tiles.TileCoord;

/** Encodes one layer of one tile as a Mapbox Vector Tile holding that single layer. */
interface LayerEncoder {

    /**
     * The encoded layer with at most {@code limit} features, largest first; empty bytes when the
     * tile shows nothing of the layer (an MVT with no layers is a valid, empty tile). With {@code asOf},
     * the layer as it stood on that date (null: now).
     */
    Encoded encode(Layer layer, Audience audience, TileCoord tile, int limit, LocalDate asOf);

    /** The layer's bytes and how many features they hold (what the byte cap scales by when it is exceeded). */
    record Encoded(byte[] bytes, int features) {}
}

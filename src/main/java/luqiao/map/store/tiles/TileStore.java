package luqiao.map.store.tiles;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import org.locationtech.jts.geom.Envelope;

/**
 * The tiles' way to the database: a tile's candidate rows of one layer, read whole (for the Java MVT
 * encoder), lean (style keys and WKB, for PNG drawing) or encoded by the database ({@code ST_AsMVT}),
 * and a layer's extent. Every variant selects the same candidates (see {@link TileQuery}): the rows an
 * audience may see that meet the buffered tile and are large enough to see, largest first, up to the
 * limit. Statements are made once, at start, per layer × audience × (now, as of a date).
 */
public interface TileStore {

    /** The attributes a tile of the layer carries for the audience. */
    TileAttributes attributes(Layer layer, Audience audience);

    /**
     * Whether some zooms of the layer's tiles carry its overview features ({@link TileAttributes#OVERVIEW_ONLY}) rather
     * than its rows: the parcels, once their overviews are built (and while they are on).
     */
    boolean hasOverviews(Layer layer);

    /** The candidates, largest first, at most {@code query.limit()}, with their tile attributes and lon/lat geometry. */
    List<TileFeature> features(Layer layer, Audience audience, TileQuery query);

    /**
     * Lean reads for drawing: of each candidate only the named attributes and its WKB. Per layer, the
     * first name is the style key and the optional second the label. Made once, when the renderer starts.
     */
    Drawing drawing(Map<Layer, List<String>> styleFields);

    /**
     * Layers encoded by the database ({@code ST_AsMVT}) at this MVT extent and buffer (tile units).
     * Made once, when the encoder starts; refused when the database has no MVT encoder (H2GIS).
     */
    DatabaseMvt databaseMvt(int extent, int buffer);

    /** The lon/lat extent of what the audience may see of the layer; empty when it has no rows. */
    Optional<Envelope> extent(Layer layer, Audience audience);

    /** See {@link #drawing}. */
    interface Drawing {

        /** The candidates' style keys, labels and WKB, largest first. */
        List<DrawRow> rows(Layer layer, Audience audience, TileQuery query);
    }

    /** See {@link #databaseMvt}. */
    interface DatabaseMvt {

        /** The layer's candidates as one MVT layer named after it, clipped to the tile and its buffer. */
        MvtLayer encode(Layer layer, Audience audience, TileQuery query);
    }
}

package luqiao.map.tiles.vector;

import java.time.LocalDate;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.MvtLayer;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileSettings;

/**
 * Encodes in PostGIS with {@code ST_AsMVT}/{@code ST_AsMVTGeom}: one round trip per layer and only
 * the finished bytes (and their feature count) cross the wire. Same candidate rows as the Java encoder
 * ({@link TileStore}, {@code sql/postgis/tiles/mvt.sql}).
 */
final class PostgisMvtEncoder implements LayerEncoder {

    private final TileStore.DatabaseMvt mvt;
    private final TileFeatureReader reader;

    PostgisMvtEncoder(TileStore store, TileFeatureReader reader, TileSettings settings) {
        this.mvt = store.databaseMvt(TileSettings.EXTENT, settings.buffer());
        this.reader = reader;
    }

    @Override
    public Encoded encode(Layer layer, Audience audience, TileCoord tile, int limit, LocalDate asOf) {
        MvtLayer encoded = mvt.encode(layer, audience, reader.query(tile, limit, asOf));
        return new Encoded(encoded.bytes(), encoded.features());
    }
}

package luqiao.map.tiles.vector;

import java.io.ByteArrayOutputStream;
import java.util.Set;
import luqiao.map.catalog.Layer;
import luqiao.map.store.DatabaseKind;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileFormat;
import luqiao.map.tiles.TileRequest;
import luqiao.map.tiles.TileSettings;
import luqiao.map.tiles.TileSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Mapbox Vector Tiles: each layer of the set encoded on its own (by PostGIS or in Java) and the
 * layers concatenated, which protobuf defines as merging them into one tile.
 *
 * <p>Enforces the caps with one statement per layer: the feature cap is estimated up front as the
 * smaller of {@code max-features} and the layer's byte share at {@link #BYTES_PER_FEATURE}, and the
 * statement keeps the largest features up to it ({@code ORDER BY area DESC LIMIT}). Only a layer
 * whose features turn out heavier than the estimate is encoded again, with the cap scaled by the
 * bytes it actually weighed (largest still kept), until it fits.
 */
@Component
public class VectorTileSource implements TileSource {

    private static final Logger log = LoggerFactory.getLogger(VectorTileSource.class);
    /**
     * What one feature is assumed to weigh in an encoded tile, for the up-front feature cap: a small
     * parcel (a few vertices and ten attributes, three of them unique per feature) weighs 80–90 bytes;
     * heavier features only cost a second statement.
     */
    static final int BYTES_PER_FEATURE = 100;

    private final LayerEncoder encoder;
    private final TileSettings settings;

    public VectorTileSource(DatabaseKind kind, TileStore store, TileFeatureReader reader, TileSettings settings) {
        this.settings = settings;
        boolean postgis = kind == DatabaseKind.POSTGIS;
        TileSettings.Encoder choice = settings.encoder() == TileSettings.Encoder.AUTO
                ? (postgis ? TileSettings.Encoder.DATABASE : TileSettings.Encoder.JAVA)
                : settings.encoder();
        if (choice == TileSettings.Encoder.DATABASE && !postgis) {
            throw new IllegalStateException("luqiao.tiles.encoder=database needs PostGIS (ST_AsMVT); use java or auto");
        }
        this.encoder = choice == TileSettings.Encoder.DATABASE
                ? new PostgisMvtEncoder(store, reader, settings)
                : new JavaMvtEncoder(reader, settings);
        log.info(
                "Vector tiles are encoded by {}",
                choice == TileSettings.Encoder.DATABASE ? "PostGIS ST_AsMVT" : "Java");
    }

    @Override
    public Set<TileFormat> formats() {
        return Set.of(TileFormat.MVT);
    }

    @Override
    public byte[] render(TileRequest request) {
        int budget = settings.maxBytes() / request.set().layers().size();
        ByteArrayOutputStream tile = new ByteArrayOutputStream();
        for (Layer layer : request.set().layers()) {
            int limit = featureCap(settings, request.set().layers().size());
            LayerEncoder.Encoded encoded =
                    encoder.encode(layer, request.audience(), request.coord(), limit, request.asOf(layer));
            while (encoded.bytes().length > budget && limit > 1) {
                int scaled =
                        (int) ((long) Math.min(limit, encoded.features()) * budget / encoded.bytes().length * 9 / 10);
                limit = Math.max(1, Math.min(limit - 1, scaled));
                log.debug(
                        "{} {} weighed {} bytes with {} features; encoding again with at most {}",
                        layer.id(),
                        request.coord(),
                        encoded.bytes().length,
                        encoded.features(),
                        limit);
                encoded = encoder.encode(layer, request.audience(), request.coord(), limit, request.asOf(layer));
            }
            tile.writeBytes(encoded.bytes());
        }
        return tile.toByteArray();
    }

    /** The features one layer may keep: {@code max-features}, or fewer when the layer's byte share would not hold them. */
    public static int featureCap(TileSettings settings, int layers) {
        return Math.max(1, Math.min(settings.maxFeatures(), settings.maxBytes() / layers / BYTES_PER_FEATURE));
    }
}

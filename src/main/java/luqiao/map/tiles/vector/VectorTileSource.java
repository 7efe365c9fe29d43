package luqiao.map.tiles.vector;

import java.io.ByteArrayOutputStream;
import java.sql.DatabaseMetaData;
import java.util.Set;

import luqiao.map.catalog.Layer;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileFormat;
import luqiao.map.tiles.TileRequest;
import luqiao.map.tiles.TileSettings;
import luqiao.map.tiles.TileSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Mapbox Vector Tiles: each layer of the set encoded on its own (by PostGIS or in Java) and the
 * layers concatenated, which protobuf defines as merging them into one tile. Enforces the caps:
 * a layer over its byte share is re-encoded with half the features (the largest kept) until it fits.
 */
@Component
class VectorTileSource implements TileSource {

    private static final Logger log = LoggerFactory.getLogger(VectorTileSource.class);

    private final LayerEncoder encoder;
    private final TileSettings settings;

    VectorTileSource(JdbcTemplate jdbc, TileFeatureReader reader, TileSettings settings) {
        this.settings = settings;
        boolean postgis = isPostgis(jdbc);
        TileSettings.Encoder choice = settings.encoder() == TileSettings.Encoder.AUTO
                ? (postgis ? TileSettings.Encoder.DATABASE : TileSettings.Encoder.JAVA) : settings.encoder();
        if (choice == TileSettings.Encoder.DATABASE && !postgis) {
            throw new IllegalStateException("luqiao.tiles.encoder=database needs PostGIS (ST_AsMVT); use java or auto");
        }
        this.encoder = choice == TileSettings.Encoder.DATABASE
                ? new PostgisMvtEncoder(jdbc, reader, settings) : new JavaMvtEncoder(reader, settings);
        log.info("Vector tiles are encoded by {}", choice == TileSettings.Encoder.DATABASE ? "PostGIS ST_AsMVT" : "Java");
    }

    private static boolean isPostgis(JdbcTemplate jdbc) {
        String product = jdbc.execute((ConnectionCallback<String>) c -> {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductName();
        });
        return "PostgreSQL".equalsIgnoreCase(product);
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
            int limit = settings.maxFeatures();
            byte[] bytes = encoder.encode(layer, request.audience(), request.coord(), limit);
            while (bytes.length > budget && limit > 1) {
                limit /= 2;
                bytes = encoder.encode(layer, request.audience(), request.coord(), limit);
            }
            tile.writeBytes(bytes);
        }
        return tile.toByteArray();
    }
}

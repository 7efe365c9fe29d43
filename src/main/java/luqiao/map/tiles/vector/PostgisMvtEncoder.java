package luqiao.map.tiles.vector;

import java.time.LocalDate;

import java.util.EnumMap;
import java.util.Map;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileLayerSql;
import luqiao.map.tiles.TileSettings;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Encodes in PostGIS with {@code ST_AsMVT}/{@code ST_AsMVTGeom}: one round trip per layer and only
 * the finished bytes (and their feature count) cross the wire. Same candidate rows as the Java encoder ({@code TileLayerSql}).
 */
final class PostgisMvtEncoder implements LayerEncoder {

    private final JdbcTemplate jdbc;
    private final TileFeatureReader reader;
    private final Map<Audience, Map<Layer, String>> sql = new EnumMap<>(Audience.class);
    private final Map<Audience, Map<Layer, String>> asOfSql = new EnumMap<>(Audience.class);

    PostgisMvtEncoder(JdbcTemplate jdbc, TileFeatureReader reader, TileSettings settings) {
        this.jdbc = jdbc;
        this.reader = reader;
        for (Audience audience : Audience.values()) {
            Map<Layer, String> byLayer = new EnumMap<>(Layer.class);
            Map<Layer, String> asOfByLayer = new EnumMap<>(Layer.class);
            for (Layer layer : Layer.values()) {
                byLayer.put(layer, statement(reader.sql(layer, audience), layer, settings));
                if (layer.hasHistory()) {
                    asOfByLayer.put(layer, statement(reader.sqlAsOf(layer, audience), layer, settings));
                }
            }
            sql.put(audience, byLayer);
            asOfSql.put(audience, asOfByLayer);
        }
    }

    /** The statement text, also what the benchmark hands to pgbench as the database's floor. */
    static String statement(TileFeatureReader reader, Layer layer, Audience audience, TileSettings settings) {
        return statement(reader.sql(layer, audience), layer, settings);
    }

    private static String statement(TileLayerSql select, Layer layer, TileSettings settings) {
        String geometry = "ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), "
                + TileSettings.EXTENT + ", " + settings.buffer() + ", true)";
        return "SELECT ST_AsMVT(q, '" + layer.id() + "', " + TileSettings.EXTENT + ", 'geom'), COUNT(*) FROM ("
                + select.select(geometry) + ") q WHERE q.geom IS NOT NULL";
    }

    @Override
    public Encoded encode(Layer layer, Audience audience, TileCoord tile, int limit, LocalDate asOf) {
        Object[] rows = reader.parameters(tile, limit, asOf);
        Object[] all = new Object[rows.length + 3];
        all[0] = tile.z();
        all[1] = tile.x();
        all[2] = tile.y();
        System.arraycopy(rows, 0, all, 3, rows.length);
        return jdbc.queryForObject((asOf == null ? sql : asOfSql).get(audience).get(layer), (rs, row) -> {
            byte[] bytes = rs.getBytes(1);
            return new Encoded(bytes == null ? new byte[0] : bytes, rs.getInt(2));
        }, all);
    }
}

package luqiao.map.tiles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a tile's candidate features (see {@link TileLayerSql}) as JTS geometries, for encoding in
 * Java and for raster rendering. Works on PostGIS and H2GIS alike.
 */
@Component
public class TileFeatureReader {

    private final JdbcTemplate jdbc;
    private final TileSettings settings;
    private final Map<Audience, Map<Layer, TileLayerSql>> sql = new EnumMap<>(Audience.class);
    private final Map<Audience, Map<Layer, String>> selects = new EnumMap<>(Audience.class);
    private final Map<Audience, Map<Layer, TileLayerSql>> asOfSql = new EnumMap<>(Audience.class);
    private final Map<Audience, Map<Layer, String>> asOfSelects = new EnumMap<>(Audience.class);

    private final luqiao.map.store.LayerSource layers;

    TileFeatureReader(JdbcTemplate jdbc, TileSettings settings, luqiao.map.store.LayerSource layers) {
        this.jdbc = jdbc;
        this.layers = layers;
        this.settings = settings;
        for (Audience audience : Audience.values()) {
            Map<Layer, TileLayerSql> byLayer = new EnumMap<>(Layer.class);
            Map<Layer, String> select = new EnumMap<>(Layer.class);
            Map<Layer, TileLayerSql> asOfByLayer = new EnumMap<>(Layer.class);
            Map<Layer, String> asOfSelect = new EnumMap<>(Layer.class);
            for (Layer layer : Layer.values()) {
                TileLayerSql s = new TileLayerSql(layers, layer, audience, false);
                byLayer.put(layer, s);
                select.put(layer, s.select("ST_AsBinary(t.geom)"));
                if (layer.hasHistory()) {
                    TileLayerSql a = new TileLayerSql(layers, layer, audience, true);
                    asOfByLayer.put(layer, a);
                    asOfSelect.put(layer, a.select("ST_AsBinary(t.geom)"));
                }
            }
            sql.put(audience, byLayer);
            selects.put(audience, select);
            asOfSql.put(audience, asOfByLayer);
            asOfSelects.put(audience, asOfSelect);
        }
    }

    /** The SQL description of a layer for an audience (shared with the PostGIS encoder). */
    public TileLayerSql sql(Layer layer, Audience audience) {
        return sql.get(audience).get(layer);
    }

    /** {@link #sql(Layer, Audience)} of the layer as it stood on a date (the layer must have a history). */
    public TileLayerSql sqlAsOf(Layer layer, Audience audience) {
        return asOfSql.get(audience).get(layer);
    }

    /**
     * The bound values of a tile query, in {@link TileLayerSql#select} order: the as-of date when there
     * is one, the buffered tile in lon/lat, the smallest polygon area worth drawing, the row limit.
     */
    public Object[] parameters(TileCoord tile, int limit, LocalDate asOf) {
        Envelope e = WebMercator.lonLat(tile, settings.bufferFraction());
        Object[] values = {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), minAreaM2(tile), limit};
        if (asOf == null) {
            return values;
        }
        Object[] all = new Object[values.length + 1];
        all[0] = asOf;
        System.arraycopy(values, 0, all, 1, values.length);
        return all;
    }

    /**
     * The candidates, largest first, at most {@code limit}, as the layer stood on {@code asOf} (null: now);
     * empty when the tile shows nothing of the layer.
     */
    public List<TileFeature> read(Layer layer, Audience audience, TileCoord tile, int limit, LocalDate asOf) {
        TileLayerSql s = asOf == null ? sql(layer, audience) : sqlAsOf(layer, audience);
        String select = (asOf == null ? selects : asOfSelects).get(audience).get(layer);
        return jdbc.query(select, (rs, row) -> feature(rs, s), parameters(tile, limit, asOf));
    }

    /** The lon/lat extent of what the audience may see of the layer; empty when it has no rows. */
    public Optional<Envelope> extent(Layer layer, Audience audience) {
        String filter = " WHERE " + layers.rowFilter(layer, audience);
        return jdbc.query("SELECT MIN(ST_XMin(t.geom)), MIN(ST_YMin(t.geom)), MAX(ST_XMax(t.geom)), MAX(ST_YMax(t.geom)) FROM "
                + layer.table() + " t" + filter, rs -> {
            rs.next();
            double minX = rs.getDouble(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(new Envelope(minX, rs.getDouble(3), rs.getDouble(2), rs.getDouble(4)));
        });
    }

    /** {@code minAreaPixels} screen pixels of a 256-px tile, as ground m² at the tile's centre latitude. */
    double minAreaM2(TileCoord tile) {
        Envelope e = WebMercator.lonLat(tile, 0);
        double pixel = WebMercator.tileSize(tile.z()) / 256 * WebMercator.groundScale((e.getMinY() + e.getMaxY()) / 2);
        return settings.minAreaPixels() * pixel * pixel;
    }

    private static TileFeature feature(ResultSet rs, TileLayerSql s) throws SQLException {
        Map<String, Object> attributes = new LinkedHashMap<>();
        int column = 2;
        for (Field f : s.fields()) {
            Object value = switch (f.type()) {
                case STRING, DATE -> rs.getString(column);
                case NUMBER -> rs.getDouble(column);
                case BOOLEAN -> rs.getBoolean(column);
            };
            if (!rs.wasNull()) {
                attributes.put(f.name(), value);
            }
            column++;
        }
        if (s.hasArea()) {
            attributes.put(TileLayerSql.AREA_MU, rs.getDouble(column++));
        }
        try {
            return new TileFeature(rs.getString(1), attributes, new WKBReader().read(rs.getBytes(column)));
        } catch (ParseException e) {
            throw new IllegalStateException("the database returned a geometry that is not valid WKB", e);
        }
    }
}

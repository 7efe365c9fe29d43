package luqiao.map.store.tiles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.store.DatabaseKind;
import luqiao.map.store.LayerSource;
import luqiao.map.store.SqlStatements;
import luqiao.map.store.StatementTable;
import luqiao.map.store.overviews.OverviewStore;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * {@link TileStore} over JDBC, on PostGIS and H2GIS alike (only {@link #databaseMvt} needs PostGIS).
 * Statements: {@code tiles/candidates} (the candidates with their WKB), {@code features/extent} (shared with the feature API) and, on
 * PostGIS, {@code tiles/mvt}; their per-layer parts come from {@link TileLayerSql}. Tiles of the zooms a layer has
 * overviews for (store.overviews, now only) read {@code tiles/overview-candidates} instead, in the same three forms.
 */
@Component
class JdbcTileStore implements TileStore {

    private static final String CANDIDATES = "tiles/candidates";
    private static final String EXTENT = "features/extent";
    private static final String MVT = "tiles/mvt";
    private static final String OVERVIEW_CANDIDATES = "tiles/overview-candidates";
    /** The candidates' geometry for Java: lon/lat WKB. */
    private static final String WKB = "ST_AsBinary(t.geom)";

    /** A candidates statement and what its rows carry. */
    private record Candidates(String sql, TileAttributes attributes) {}

    private final JdbcTemplate jdbc;
    private final SqlStatements sql;
    private final LayerSource layers;
    private final StatementTable<Candidates> features;
    private final StatementTable<String> extents;
    private final OverviewStore overviews;
    private final String overviewFeatures;
    private final String overviewDrawing;

    JdbcTileStore(JdbcTemplate jdbc, SqlStatements sql, LayerSource layers, OverviewStore overviews) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.layers = layers;
        this.overviews = overviews;
        this.overviewFeatures =
                sql.render(OVERVIEW_CANDIDATES, OverviewTileSql.parts(OverviewTileSql.ALL_COLUMNS, WKB));
        this.overviewDrawing =
                sql.render(OVERVIEW_CANDIDATES, OverviewTileSql.parts(OverviewTileSql.STYLE_COLUMNS, WKB));
        if (sql.kind() == DatabaseKind.POSTGIS && !sql.has(MVT)) {
            // Rendered by databaseMvt, when the encoder starts; missing, PostGIS could not encode tiles.
            throw new IllegalStateException("No SQL statement " + MVT + " for postgis");
        }
        this.features = StatementTable.of((layer, audience, asOf) -> {
            TileLayerSql s = new TileLayerSql(layers, layer, audience, asOf);
            return new Candidates(sql.render(CANDIDATES, s.parts(s.allColumns(), WKB)), s.attributes());
        });
        // The extent is of the layer as it is (the features' extent statement); the as-of entries are the same.
        this.extents = StatementTable.of((layer, audience, asOf) -> sql.render(
                EXTENT, Map.of("source", layers.from(layer, false), "where", layers.rowFilter(layer, audience))));
    }

    @Override
    public TileAttributes attributes(Layer layer, Audience audience) {
        return features.get(layer, audience, null).attributes();
    }

    @Override
    public boolean hasOverviews(Layer layer) {
        return overviews.levels(layer).isPresent();
    }

    @Override
    public List<TileFeature> features(Layer layer, Audience audience, TileQuery query) {
        if (fromOverview(layer, query)) {
            return jdbc.query(
                    overviewFeatures, (rs, row) -> OverviewTileSql.feature(rs), overviewValues(layer, query, false));
        }
        Candidates c = features.get(layer, audience, query.asOf());
        return jdbc.query(c.sql(), (rs, row) -> feature(rs, c.attributes()), values(query, false));
    }

    @Override
    public Drawing drawing(Map<Layer, List<String>> styleFields) {
        StatementTable<String> statements = StatementTable.of((layer, audience, asOf) -> {
            List<String> names = styleFields.get(layer);
            if (names == null || names.isEmpty() || names.size() > 2) {
                throw new IllegalArgumentException(
                        "drawing " + layer.id() + " needs a style key and at most a label: " + names);
            }
            TileLayerSql s = new TileLayerSql(layers, layer, audience, asOf);
            return sql.render(CANDIDATES, s.parts(s.onlyColumns(names), WKB));
        });
        return (layer, audience, query) -> {
            if (fromOverview(layer, query)) {
                return jdbc.query(
                        overviewDrawing,
                        (rs, row) -> new DrawRow(rs.getString(1), null, rs.getBytes(2)),
                        overviewValues(layer, query, false));
            }
            boolean labelled = styleFields.get(layer).size() > 1;
            return jdbc.query(
                    statements.get(layer, audience, query.asOf()),
                    (rs, row) -> new DrawRow(
                            rs.getString(1), labelled ? rs.getString(2) : null, rs.getBytes(labelled ? 3 : 2)),
                    values(query, false));
        };
    }

    @Override
    public DatabaseMvt databaseMvt(int extent, int buffer) {
        if (!sql.has(MVT)) {
            throw new IllegalStateException("The " + sql.kind().folder() + " database has no MVT encoder (ST_AsMVT)");
        }
        StatementTable<String> statements = StatementTable.of((layer, audience, asOf) -> {
            TileLayerSql s = new TileLayerSql(layers, layer, audience, asOf);
            String tileCoordinates = "ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), " + extent
                    + ", " + buffer + ", true)";
            return sql.render(
                    MVT,
                    Map.of(
                            "candidates",
                            sql.render(CANDIDATES, s.parts(s.allColumns(), tileCoordinates)),
                            "layerName",
                            layer.id(),
                            "extent",
                            Integer.toString(extent)));
        });
        String tileCoordinates = "ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), " + extent + ", "
                + buffer + ", true)";
        String overview = sql.render(
                MVT,
                Map.of(
                        "candidates",
                        sql.render(
                                OVERVIEW_CANDIDATES,
                                OverviewTileSql.parts(OverviewTileSql.ALL_COLUMNS, tileCoordinates)),
                        "layerName",
                        Layer.PARCELS.id(),
                        "extent",
                        Integer.toString(extent)));
        RowMapper<MvtLayer> encoded = (rs, row) -> {
            byte[] bytes = rs.getBytes(1);
            return new MvtLayer(bytes == null ? new byte[0] : bytes, rs.getInt(2));
        };
        return (layer, audience, query) -> fromOverview(layer, query)
                ? jdbc.queryForObject(overview, encoded, overviewValues(layer, query, true))
                : jdbc.queryForObject(statements.get(layer, audience, query.asOf()), encoded, values(query, true));
    }

    /**
     * Whether the tile reads the layer's overview: only the parcels have one, only as they are now, and only at the
     * zooms it was built for ({@link TileQuery#area} reads carry zoom 0, which no overview level has).
     */
    private boolean fromOverview(Layer layer, TileQuery query) {
        return query.asOf() == null && overviews.serves(layer, query.z());
    }

    /** The bound values of tiles/overview-candidates: [z, x, y for tile coordinates], layer, zoom, box, limit. */
    private static Object[] overviewValues(Layer layer, TileQuery q, boolean tile) {
        Envelope e = q.lonLat();
        Object[] rows = {layer.id(), q.z(), e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), q.limit()};
        if (!tile) {
            return rows;
        }
        Object[] all = new Object[rows.length + 3];
        all[0] = q.z();
        all[1] = q.x();
        all[2] = q.y();
        System.arraycopy(rows, 0, all, 3, rows.length);
        return all;
    }

    @Override
    public Optional<Envelope> extent(Layer layer, Audience audience) {
        return jdbc.query(extents.get(layer, audience, null), rs -> {
            rs.next();
            double minX = rs.getDouble(1);
            return rs.wasNull()
                    ? Optional.empty()
                    : Optional.of(new Envelope(minX, rs.getDouble(3), rs.getDouble(2), rs.getDouble(4)));
        });
    }

    /**
     * The bound values of a candidates statement, in order: the tile's z, x, y ({@code ST_TileEnvelope},
     * for {@code tile}), the as-of date when there is one, the buffered tile in lon/lat, the smallest
     * polygon area worth drawing, the row limit.
     */
    private static Object[] values(TileQuery q, boolean tile) {
        Envelope e = q.lonLat();
        Object[] rows = {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), q.minAreaM2(), q.limit()};
        int before = (tile ? 3 : 0) + (q.asOf() == null ? 0 : 1);
        Object[] all = new Object[before + rows.length];
        int i = 0;
        if (tile) {
            all[i++] = q.z();
            all[i++] = q.x();
            all[i++] = q.y();
        }
        if (q.asOf() != null) {
            all[i++] = q.asOf();
        }
        System.arraycopy(rows, 0, all, i, rows.length);
        return all;
    }

    private static TileFeature feature(ResultSet rs, TileAttributes attributes) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        int column = 2;
        for (Field f : attributes.fields()) {
            Object value =
                    switch (f.type()) {
                        case STRING, DATE -> rs.getString(column);
                        case NUMBER -> rs.getDouble(column);
                        case BOOLEAN -> rs.getBoolean(column);
                    };
            if (!rs.wasNull()) {
                values.put(f.name(), value);
            }
            column++;
        }
        if (attributes.hasArea()) {
            values.put(TileAttributes.AREA_MU, rs.getFloat(column++));
            values.put(TileAttributes.AREA_HA, rs.getFloat(column++));
        }
        try {
            return new TileFeature(rs.getString(1), values, new WKBReader().read(rs.getBytes(column)));
        } catch (ParseException e) {
            throw new IllegalStateException("the database returned a geometry that is not valid WKB", e);
        }
    }
}

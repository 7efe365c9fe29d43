package luqiao.map.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.cql2.SqlFragment;

/**
 * The feature statements of one layer, audience and time (now or as of a date), made from the
 * named statements in {@code sql/common/features} and the catalog. Identifiers come only from
 * {@link Layer} and {@link LayerSource}; every request value is a {@code ?} placeholder. Built once
 * per entry of the {@link StatementTable}.
 *
 * <p>Spatial conditions are written {@code t.geom && envelope AND ST_Intersects(...)}: H2GIS only
 * uses its spatial index through the {@code &&} operator, and on PostGIS the extra bounding-box
 * test is what ST_Intersects does first anyway, so one text serves both backends.
 */
final class LayerSql {

    final Layer layer;
    final List<Field> fields;
    /** Whether the statements read the layer as of a date, bound as their first {@code ?}. */
    final boolean asOf;

    final String selectById;
    final String selectContainingPoint;
    private final SqlStatements sql;
    private final String columns;
    /** {@link #columns} with the geometry as GeoJSON text (or WKB where the database cannot write it). */
    private final String geoJsonColumns;

    private final String source;
    private final String visible;

    LayerSql(SqlStatements sql, LayerSource layers, Layer layer, Audience audience, boolean asOf) {
        this.sql = sql;
        this.layer = layer;
        this.asOf = asOf;
        this.fields = layer.fields(audience);
        this.columns = columns(layers, layer, fields);
        this.geoJsonColumns = columns(layers, layer, fields, sql.get("features/geometry-geojson"));
        this.source = layers.from(layer, asOf);
        this.visible = layers.rowFilter(layer, audience);
        Map<String, String> plain = Map.of("columns", columns, "source", source, "where", visible);
        this.selectById = sql.render(
                "features/by-id",
                Map.of("columns", columns, "source", source, "where", visible, "idColumn", layer.idColumn()));
        this.selectContainingPoint = sql.render("features/containing-point", plain);
    }

    /** The id, the fields in order, and the geometry as WKB: what {@link JdbcSpatialStore#mapper} reads. */
    static String columns(LayerSource layers, Layer layer, List<Field> fields) {
        return columns(layers, layer, fields, "ST_AsBinary(t.geom)");
    }

    private static String columns(LayerSource layers, Layer layer, List<Field> fields, String geometry) {
        StringBuilder sql = new StringBuilder("t.").append(layer.idColumn());
        for (Field field : fields) {
            sql.append(", ").append(layers.expression(layer, field));
        }
        return sql.append(", ").append(geometry).toString();
    }

    String page(List<SqlFragment> conditions, String order) {
        return sql.render(
                "features/page",
                Map.of("columns", columns, "source", source, "where", where(conditions), "order", order));
    }

    /** {@link #page} with the geometry as GeoJSON text, or as WKB where the database does not write it. */
    String geoJsonPage(List<SqlFragment> conditions, String order) {
        return sql.render(
                "features/page",
                Map.of("columns", geoJsonColumns, "source", source, "where", where(conditions), "order", order));
    }

    String all(List<SqlFragment> conditions, String order) {
        return sql.render(
                "features/all",
                Map.of("columns", columns, "source", source, "where", where(conditions), "order", order));
    }

    /** The bounding box of the rows the audience sees that meet the conditions. */
    String extent(List<SqlFragment> conditions) {
        return sql.render("features/extent", Map.of("source", source, "where", where(conditions)));
    }

    String count(List<SqlFragment> conditions) {
        return sql.render("features/count", Map.of("source", source, "where", where(conditions)));
    }

    /**
     * Totals: {@code inner} selects the keys ({@code AS k0, k1…}) and the summed value ({@code AS s});
     * {@code join} is empty or a join of the zones (alias {@code z}).
     */
    String grouped(List<String> keyAliases, String inner, String join, List<SqlFragment> conditions) {
        String keys = String.join(", ", keyAliases);
        return sql.render(
                "features/grouped",
                Map.of(
                        "keys",
                        keys.isEmpty() ? "" : keys + ", ",
                        "inner",
                        inner,
                        "source",
                        source,
                        "join",
                        join,
                        "where",
                        where(conditions),
                        "groupBy",
                        keys.isEmpty() ? "" : "GROUP BY " + keys + " ORDER BY " + keys));
    }

    /** A join to the zones this entry's audience sees, by each row's interior point (only on the zones' entry). */
    String zoneJoin() {
        return " " + sql.render("features/zone-join", Map.of("source", source, "where", where(List.of())));
    }

    /** The audience's row filter and the given conditions, joined by AND. */
    String where(List<SqlFragment> conditions) {
        List<String> all = new ArrayList<>();
        all.add(visible);
        conditions.forEach(c -> all.add("(" + c.sql() + ")"));
        return String.join(" AND ", all);
    }
}

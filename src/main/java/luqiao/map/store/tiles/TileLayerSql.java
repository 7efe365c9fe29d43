package luqiao.map.store.tiles;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.store.LayerSource;

/**
 * The catalog-made parts of one layer's tile statements ({@code sql/common/tiles/candidates.sql},
 * {@code sql/postgis/tiles/mvt.sql}) for one audience, now or as of a date: the attribute columns, the
 * {@code FROM} source, the row filter and the id column. Built once per layer × audience × time
 * through {@link luqiao.map.store.StatementTable}. Both encoders (Java and PostGIS {@code ST_AsMVT})
 * and the raster renderer use the same candidate rows, so they show the same features.
 *
 * <p>Candidates are the rows whose bounding box meets the tile grown by its buffer, written
 * {@code t.geom && envelope} so that both databases use their spatial index (the envelope is
 * computed once in lon/lat, never the rows transformed). Polygons too small to see at the zoom are
 * left out by their stored ground area, and at most a limit of rows is read, largest first: the
 * thinning rule when a tile would exceed its caps.
 */
final class TileLayerSql {

    /*
     * The derived areas go into tiles as 32-bit floats (MVT float_value: 4 bytes, not a double's 8): seven
     * significant digits are 0.01 m² on any parcel, and every feature carries its own values, which nothing
     * deduplicates. As doubles they added a fifth to the web map's first load (FirstLoadBudgetBrowserTest).
     */
    /** {@link TileAttributes#AREA_MU} from the stored ground area (1 亩 = 10000/15 m²). */
    private static final String AREA_MU_EXPRESSION = "CAST(t.area_m2 * 15 / 10000 AS REAL)";
    /** {@link TileAttributes#AREA_HA} from the stored ground area. */
    private static final String AREA_HA_EXPRESSION = "CAST(t.area_m2 / 10000 AS REAL)";

    private final Layer layer;
    private final String source;
    private final String rowFilter;
    private final TileAttributes attributes;

    /** With {@code asOf}, the rows as they stood on a date bound as the first {@code ?} of the source. */
    TileLayerSql(LayerSource layers, Layer layer, Audience audience, boolean asOf) {
        this.layer = layer;
        this.source = layers.from(layer, asOf);
        this.rowFilter = layers.rowFilter(layer, audience);
        this.attributes = TileAttributes.of(layer, audience);
    }

    TileAttributes attributes() {
        return attributes;
    }

    /** The parts of the candidates statement selecting {@code columns} and the geometry as {@code geometry}. */
    Map<String, String> parts(String columns, String geometry) {
        Map<String, String> parts = new HashMap<>();
        parts.put("columns", columns);
        parts.put("geometry", geometry);
        parts.put("source", source);
        parts.put("rowFilter", rowFilter);
        parts.put("idColumn", layer.idColumn());
        return parts;
    }

    /**
     * {@code id}, the attributes in {@link TileAttributes} order, and {@link TileAttributes#AREA_MU} and
     * {@link TileAttributes#AREA_HA} when the layer has areas.
     */
    String allColumns() {
        StringBuilder sql = new StringBuilder("t.").append(layer.idColumn()).append(" AS id");
        for (Field f : attributes.fields()) {
            sql.append(", t.").append(f.column()).append(" AS ").append(f.name());
        }
        if (attributes.hasArea()) {
            sql.append(", ").append(AREA_MU_EXPRESSION).append(" AS ").append(TileAttributes.AREA_MU);
            sql.append(", ").append(AREA_HA_EXPRESSION).append(" AS ").append(TileAttributes.AREA_HA);
        }
        return sql.toString();
    }

    /**
     * Only the named attributes, in that order: for drawing, which needs its style keys and nothing
     * else. An attribute the audience may not see is selected as {@code NULL}, as if the rows had none.
     */
    String onlyColumns(List<String> names) {
        StringBuilder sql = new StringBuilder();
        for (String name : names) {
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not an attribute name: " + name);
            }
            sql.append(sql.isEmpty() ? "" : ", ")
                    .append(attributes.fields().stream()
                            .filter(f -> f.name().equals(name))
                            .findFirst()
                            .map(f -> "t." + f.column())
                            .orElse("NULL"))
                    .append(" AS ")
                    .append(name);
        }
        return sql.toString();
    }
}

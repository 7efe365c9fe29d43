package luqiao.map.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;

/**
 * What a tile of one layer carries and the SQL that selects it, built once per layer and audience
 * from the catalog. Both encoders (Java and PostGIS {@code ST_AsMVT}) and the raster renderer use
 * the same candidate rows, so they show the same features.
 *
 * <p>Candidates are the rows whose bounding box meets the tile grown by its buffer, written
 * {@code t.geom && envelope} so that both databases use their spatial index (the envelope is
 * computed once in lon/lat, never the rows transformed). Polygons too small to see at the zoom are
 * left out by their stored ground area, and at most a limit of rows is read, largest first: the
 * thinning rule when a tile would exceed its caps.
 */
public final class TileLayerSql {

    /** The attributes tiles carry per layer: ids, names, the styling keys, areas. */
    private static final Map<Layer, Set<String>> TILE_FIELDS = Map.of(
            Layer.ZONES, Set.of("name_zh", "name_en", "kind", "area_m2"),
            Layer.PROJECTS, Set.of("name_zh", "name_en", "category", "stage", "area_m2", "length_m"),
            Layer.PARCELS, Set.of("landuse_code", "landuse_name", "landuse_l1_code", "landuse_l1_name", "status",
                    "renovation", "farmland_protected", "town", "area_m2"));
    /** Derived attribute: the area in 亩, for the land office (1 亩 = 10000/15 m²). */
    public static final String AREA_MU = "area_mu";

    private final Layer layer;
    private final List<Field> fields;
    private final String where;

    /** With {@code asOf}, the rows as they stood on a date bound as the first {@code ?} after the geometry expression's. */
    TileLayerSql(luqiao.map.store.LayerSource layers, Layer layer, Audience audience, boolean asOf) {
        this.layer = layer;
        // Only fields the audience may see at all are candidates, so a tile can never leak one.
        this.fields = layer.fields(audience).stream().filter(f -> TILE_FIELDS.get(layer).contains(f.name())).toList();
        List<String> conditions = new ArrayList<>();
        conditions.add(layers.rowFilter(layer, audience));
        conditions.add("t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
        conditions.add("(t.area_m2 = 0 OR t.area_m2 >= ?)");
        this.where = " FROM " + layers.from(layer, asOf) + " WHERE " + String.join(" AND ", conditions)
                + " ORDER BY t.area_m2 DESC, t." + layer.idColumn() + " LIMIT ?";
    }

    public Layer layer() {
        return layer;
    }

    /** The attributes in output order (after {@code id}); {@link #AREA_MU} follows when the layer has areas. */
    public List<Field> fields() {
        return fields;
    }

    public boolean hasArea() {
        return fields.stream().anyMatch(f -> f.name().equals("area_m2"));
    }

    /**
     * {@code SELECT id, attributes..., <geometry>} with parameters: envelope (4), minimum area, limit.
     * The geometry expression is the caller's: WKB for Java, {@code ST_AsMVTGeom} for PostGIS.
     */
    public String select(String geometryExpression) {
        StringBuilder sql = new StringBuilder("SELECT t.").append(layer.idColumn()).append(" AS id");
        for (Field f : fields) {
            sql.append(", t.").append(f.column()).append(" AS ").append(f.name());
        }
        if (hasArea()) {
            sql.append(", t.area_m2 * 15 / 10000 AS ").append(AREA_MU);
        }
        return sql.append(", ").append(geometryExpression).append(" AS geom").append(where).toString();
    }

    /**
     * {@code SELECT} of only the named attributes, in that order, and the geometry: same candidates and
     * parameters as {@link #select}, for drawing, which needs its style keys and nothing else. An
     * attribute the audience may not see is selected as {@code NULL}, as if the rows had none.
     */
    public String selectOnly(List<String> names, String geometryExpression) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String name : names) {
            sql.append(fields.stream().filter(f -> f.name().equals(name)).findFirst().map(f -> "t." + f.column()).orElse("NULL"))
                    .append(" AS ").append(name).append(", ");
        }
        return sql.append(geometryExpression).append(" AS geom").append(where).toString();
    }
}

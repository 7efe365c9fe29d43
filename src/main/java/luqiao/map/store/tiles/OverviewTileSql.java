package luqiao.map.store.tiles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The overview rows' parts of {@code sql/common/tiles/overview-candidates.sql} (store.overviews): a group of parcels
 * per cell, land-use class, status and size band, with public fields only (so every audience reads the same rows). Its tile
 * attributes, in order, are {@link #ATTRIBUTES}; it has no {@code id}.
 */
final class OverviewTileSql {

    /**
     * The attributes an overview feature carries in tiles: the group's class and status, how many parcels it holds
     * and their area (m², 亩), {@code overview} (always true: tells clients a group from a parcel), {@code cell}
     * (the cell as "zoom/x/y": the cell lies in exactly one tile of the zoom, so a feature seen in several tiles'
     * buffers is counted once by it) and {@code band} (the parcels' size at the zoom, -1 for those too small to be
     * drawn; with the cell, class and status the feature's stable key).
     */
    static final List<String> ATTRIBUTES = List.of(
            "landuse_l1_code",
            "landuse_l1_name",
            "status",
            "feature_count",
            "area_m2",
            TileAttributes.AREA_MU,
            "overview",
            "cell",
            "band");

    /** All of {@link #ATTRIBUTES}; the area in 亩 as a 32-bit float, as the parcels' tiles carry it. */
    static final String ALL_COLUMNS = "t.landuse_l1_code AS landuse_l1_code, t.landuse_l1_name AS landuse_l1_name,"
            + " t.status AS status, t.feature_count AS feature_count, t.area_m2 AS area_m2,"
            + " CAST(t.area_m2 * 15 / 10000 AS REAL) AS area_mu, TRUE AS overview,"
            + " CONCAT(t.z + 2, '/', t.cell_x, '/', t.cell_y) AS cell, t.band AS band";

    /** The drawing's style key (as the parcels': the land-use class). */
    static final String STYLE_COLUMNS = "t.landuse_l1_code AS landuse_l1_code";

    private OverviewTileSql() {}

    static Map<String, String> parts(String columns, String geometry) {
        return Map.of("columns", columns, "geometry", geometry);
    }

    /** A row of {@link #ALL_COLUMNS} and the WKB after them as a feature without id. */
    static TileFeature feature(ResultSet rs) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("landuse_l1_code", rs.getString(1));
        values.put("landuse_l1_name", rs.getString(2));
        values.put("status", rs.getString(3));
        values.put("feature_count", rs.getInt(4));
        values.put("area_m2", rs.getDouble(5));
        values.put(TileAttributes.AREA_MU, rs.getFloat(6));
        values.put("overview", rs.getBoolean(7));
        values.put("cell", rs.getString(8));
        values.put("band", rs.getInt(9));
        try {
            return new TileFeature(null, values, new WKBReader().read(rs.getBytes(10)));
        } catch (ParseException e) {
            throw new IllegalStateException("the database returned a geometry that is not valid WKB", e);
        }
    }
}

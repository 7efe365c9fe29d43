package luqiao.map.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;

/**
 * The SQL for one layer and audience, built once from the catalog. Identifiers come only from
 * {@link Layer}; every request value is a {@code ?} placeholder.
 *
 * <p>Spatial conditions are written {@code t.geom && envelope AND ST_Intersects(...)}: H2GIS only
 * uses its spatial index through the {@code &&} operator, and on PostGIS the extra bounding-box
 * test is what ST_Intersects does first anyway, so one text serves both backends.
 */
final class LayerSql {

    private static final Pattern PLAIN_COLUMN = Pattern.compile("[a-z_0-9]+");
    private static final String ENVELOPE = "ST_MakeEnvelope(?, ?, ?, ?, 4326)";
    private static final String POINT = "ST_SetSRID(ST_MakePoint(?, ?), 4326)";

    final List<Field> fields;
    final String selectPage;
    final String selectPageInBbox;
    final String count;
    final String countInBbox;
    final String selectById;
    final String selectContainingPoint;

    LayerSql(Layer layer, Audience audience) {
        this.fields = layer.fields(audience);
        String select = select(layer);
        List<String> visible = new ArrayList<>();
        layer.rowFilter(audience).ifPresent(visible::add);
        String bbox = "t.geom && " + ENVELOPE + " AND ST_Intersects(t.geom, " + ENVELOPE + ")";
        String order = " ORDER BY t." + layer.idColumn() + " LIMIT ? OFFSET ?";
        String from = " FROM " + layer.table() + " t";

        selectPage = select + from + where(visible, null) + order;
        selectPageInBbox = select + from + where(visible, bbox) + order;
        count = "SELECT COUNT(*)" + from + where(visible, null);
        countInBbox = "SELECT COUNT(*)" + from + where(visible, bbox);
        selectById = select + from + where(visible, "t." + layer.idColumn() + " = ?");
        selectContainingPoint = select + from
                + where(visible, "t.geom && " + POINT + " AND ST_Contains(t.geom, " + POINT + ")")
                + " ORDER BY t.area_m2";
    }

    private String select(Layer layer) {
        StringBuilder sql = new StringBuilder("SELECT t.").append(layer.idColumn());
        for (Field field : fields) {
            sql.append(", ").append(PLAIN_COLUMN.matcher(field.column()).matches() ? "t." + field.column() : field.column());
        }
        return sql.append(", ST_AsBinary(t.geom)").toString();
    }

    private static String where(List<String> visible, String condition) {
        List<String> all = new ArrayList<>(visible);
        if (condition != null) {
            all.add(condition);
        }
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }

    static String insert(Layer layer, boolean withLength) {
        List<String> columns = new ArrayList<>();
        columns.add(layer.idColumn());
        layer.storedFields().forEach(f -> columns.add(f.column()));
        columns.add("area_m2");
        if (withLength) {
            columns.add("length_m");
        }
        String values = "?, ".repeat(columns.size()) + "ST_GeomFromWKB(?, 4326)";
        columns.add("geom");
        return "INSERT INTO " + layer.table() + " (" + String.join(", ", columns) + ") VALUES (" + values + ")";
    }
}

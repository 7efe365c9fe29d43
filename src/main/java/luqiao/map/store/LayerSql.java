package luqiao.map.store;

import java.util.ArrayList;
import java.util.List;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.cql2.SqlFragment;

/**
 * The SQL for one layer and audience, built from the catalog. Identifiers come only from
 * {@link Layer}; every request value is a {@code ?} placeholder.
 *
 * <p>Spatial conditions are written {@code t.geom && envelope AND ST_Intersects(...)}: H2GIS only
 * uses its spatial index through the {@code &&} operator, and on PostGIS the extra bounding-box
 * test is what ST_Intersects does first anyway, so one text serves both backends.
 */
final class LayerSql {

    private static final String POINT = "ST_SetSRID(ST_MakePoint(?, ?), 4326)";

    final Layer layer;
    final List<Field> fields;
    final String select;
    final String from;
    /** {@link #from} as the layer stood on a date bound as the first {@code ?}; null when it has no history. */
    final String fromAsOf;
    final List<String> visible = new ArrayList<>();
    final String selectById;
    final String selectByIdAsOf;
    final String selectContainingPoint;

    LayerSql(Layer layer, Audience audience) {
        this.layer = layer;
        this.fields = layer.fields(audience);
        this.select = select(layer);
        this.from = " FROM " + layer.source(false);
        this.fromAsOf = layer.hasHistory() ? " FROM " + layer.source(true) : null;
        visible.add(layer.rowFilter(audience));
        String byId = where(List.of(new SqlFragment("t." + layer.idColumn() + " = ?", List.of())));
        selectById = select + from + byId;
        selectByIdAsOf = layer.hasHistory() ? select + fromAsOf + byId : null;
        selectContainingPoint = select + from
                + where(List.of(new SqlFragment("t.geom && " + POINT + " AND ST_Contains(t.geom, " + POINT + ")", List.of())))
                + " ORDER BY t.area_m2";
    }

    private String select(Layer layer) {
        StringBuilder sql = new StringBuilder("SELECT t.").append(layer.idColumn());
        for (Field field : fields) {
            sql.append(", ").append(field.isColumn() ? "t." + field.column() : field.column());
        }
        return sql.append(", ST_AsBinary(t.geom)").toString();
    }

    /** The {@code FROM} clause for a read as of {@code asOf} (null: now). */
    String from(java.time.LocalDate asOf) {
        return asOf == null ? from : fromAsOf;
    }

    /** {@code WHERE} with the audience's row filter and the given conditions, all joined by AND. */
    String where(List<SqlFragment> conditions) {
        List<String> all = new ArrayList<>(visible);
        conditions.forEach(c -> all.add("(" + c.sql() + ")"));
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }

    /**
     * The one row with this id, deleted or not, followed by its {@code version} and
     * {@code deleted_at}; for editors, so with the fields of the audience that sees everything.
     */
    static String selectForEditing(Layer layer) {
        LayerSql staff = new LayerSql(layer, Audience.STAFF);
        return staff.select + ", t.version, t.deleted_at" + staff.from + " WHERE t." + layer.idColumn() + " = ?";
    }

    /** Replaces the stored fields, measures and geometry of the row with this id and version, and bumps the version. */
    static String update(Layer layer, boolean withLength) {
        List<String> columns = new ArrayList<>();
        layer.storedFields().forEach(f -> columns.add(f.column()));
        columns.add("area_m2");
        if (withLength) {
            columns.add("length_m");
        }
        return "UPDATE " + layer.table() + " SET " + String.join(" = ?, ", columns) + " = ?, geom = ST_GeomFromWKB(?, 4326),"
                + " version = version + 1 WHERE " + layer.idColumn() + " = ? AND version = ? AND deleted_at IS NULL";
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

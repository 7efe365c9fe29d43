package luqiao.map.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import org.springframework.stereotype.Component;

/**
 * The write statements of one layer (from {@code sql/common/editing}), made once from the catalog:
 * read for editing, lock, insert, update, soft delete. Values are bound in the order the
 * {@code row} of {@link JdbcVersionedStore} and the loader build them: id, stored fields, area,
 * [length], WKB.
 */
final class EditingSql {

    /** The statements of every layer, made once. */
    @Component
    static class Table {
        private final Map<Layer, EditingSql> byLayer = new EnumMap<>(Layer.class);

        Table(SqlStatements sql, LayerSource layers) {
            for (Layer layer : Layer.values()) {
                byLayer.put(layer, new EditingSql(sql, layers, layer));
            }
        }

        EditingSql of(Layer layer) {
            return byLayer.get(layer);
        }
    }

    final boolean withLength;
    final List<Field> staffFields;
    final String select;
    final String lock;
    final String version;
    final String insert;
    /** The same row streamed with COPY, geometry as {@code SRID=4326;} hex EWKB; null where the database has none (H2GIS). */
    final String copy;

    final String update;
    final String setDeleted;
    /** The layer's rows at version 1 that have no recorded version 1 ({@code versions/unrecorded-first}). */
    final String unrecordedFirst;

    EditingSql(SqlStatements sql, LayerSource layers, Layer layer) {
        this.staffFields = layer.fields(Audience.STAFF);
        this.withLength = staffFields.stream().anyMatch(f -> f.name().equals("length_m"));
        Map<String, String> row = Map.of("table", layer.table(), "idColumn", layer.idColumn());
        this.select = sql.render(
                "editing/select",
                Map.of(
                        "columns",
                        LayerSql.columns(layers, layer, staffFields),
                        "table",
                        layer.table(),
                        "idColumn",
                        layer.idColumn()));
        this.unrecordedFirst = sql.render(
                "versions/unrecorded-first",
                Map.of(
                        "columns",
                        LayerSql.columns(layers, layer, staffFields),
                        "table",
                        layer.table(),
                        "idColumn",
                        layer.idColumn()));
        this.lock = sql.render("editing/lock", row);
        this.version = sql.render("editing/version", row);
        this.setDeleted = sql.render("editing/set-deleted", row);
        List<String> columns = new ArrayList<>();
        layer.storedFields().forEach(f -> columns.add(f.column()));
        columns.add("area_m2");
        if (withLength) {
            columns.add("length_m");
        }
        this.update = sql.render(
                "editing/update",
                Map.of(
                        "table",
                        layer.table(),
                        "idColumn",
                        layer.idColumn(),
                        "assignments",
                        String.join(" = ?, ", columns) + " = ?"));
        columns.add(0, layer.idColumn());
        String values = "?, ".repeat(columns.size()) + "ST_GeomFromWKB(?, 4326)";
        columns.add("geom");
        this.copy = sql.has("editing/copy")
                ? sql.render("editing/copy", Map.of("table", layer.table(), "columns", String.join(", ", columns)))
                : null;
        this.insert = sql.render(
                "editing/insert",
                Map.of("table", layer.table(), "columns", String.join(", ", columns), "values", values));
    }
}

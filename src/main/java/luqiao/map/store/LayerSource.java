package luqiao.map.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import org.springframework.stereotype.Component;

/**
 * How a layer reads in SQL (alias {@code t}), made from the catalog once at start: its {@code FROM}
 * item now or as of a date, the row filter of each audience, the expression of each field and of
 * its time span. Every read path (features, statistics, tiles) takes these from here, so a change to
 * row visibility or as-of reads is made once.
 */
@Component
public class LayerSource {

    /** The condition of rows that are not soft-deleted: those are kept only for undelete and history. */
    public static final String LIVE = "t.deleted_at IS NULL";

    /** Columns the as-of source recomputes (sql/common/layers/projects-as-of.sql); the rest are read as they are. */
    private static final Set<String> AS_OF = Set.of("stage", "actual_start", "actual_finish");
    /** Columns of the table that are no catalog field but which row filters and tiles may name (V5, V7). */
    private static final List<String> BOOKKEEPING = List.of("id", "geom", "version", "deleted_at", "land_acquired_on");

    private final Map<Layer, String> asOf = new EnumMap<>(Layer.class);
    private final Map<Layer, Map<String, String>> computed = new EnumMap<>(Layer.class);

    LayerSource(SqlStatements sql) {
        for (Layer layer : Layer.values()) {
            Map<String, String> expressions = new HashMap<>();
            for (Field field : layer.computedFields()) {
                expressions.put(field.name(), "(" + sql.get("computed/" + layer.id() + "/" + field.name()) + ")");
            }
            computed.put(layer, expressions);
            if (layer.hasHistory()) {
                List<String> columns = new ArrayList<>();
                columns.add("p." + layer.idColumn());
                layer.allFields().stream()
                        .filter(f -> f.isColumn() && !AS_OF.contains(f.column()))
                        .forEach(f -> columns.add("p." + f.column()));
                BOOKKEEPING.forEach(c -> columns.add("p." + c));
                asOf.put(
                        layer,
                        sql.render("layers/" + layer.id() + "-as-of", Map.of("columns", String.join(", ", columns))));
            }
        }
    }

    /**
     * The {@code FROM} item, alias {@code t}: the table, or with {@code asOf} the table as it stood on a
     * date that the caller binds as the statement's first {@code ?}.
     */
    public String from(Layer layer, boolean asOf) {
        if (!asOf) {
            return layer.table() + " t";
        }
        String source = this.asOf.get(layer);
        if (source == null) {
            throw new IllegalArgumentException(layer.id() + " has no history");
        }
        return source;
    }

    /** The condition limiting the layer's rows to the live ones the audience may see. */
    public String rowFilter(Layer layer, Audience audience) {
        return layer.publicRows(audience)
                .map(rule -> LIVE + " AND t." + rule.column() + " IN ("
                        + rule.values().stream().map(LayerSource::literal).collect(Collectors.joining(", ")) + ")")
                .orElse(LIVE);
    }

    /** The SQL reading the field: its column, or the expression the database computes it with. */
    public String expression(Layer layer, Field field) {
        if (field.isColumn()) {
            return "t." + field.column();
        }
        String expression = computed.get(layer).get(field.name());
        if (expression == null) {
            throw new IllegalArgumentException(layer.id() + " computes no field " + field.name());
        }
        return expression;
    }

    /** The start and end date expressions of the layer's features' time span; empty when they have none. */
    public Optional<String[]> span(Layer layer) {
        return layer.temporal().map(t -> new String[] {firstSet(t.start()), firstSet(t.end())});
    }

    private static String firstSet(List<String> columns) {
        return columns.size() == 1
                ? "t." + columns.get(0)
                : "COALESCE(" + columns.stream().map(c -> "t." + c).collect(Collectors.joining(", ")) + ")";
    }

    /** A catalog constant as an SQL literal (never request text: the catalog is the only caller). */
    private static String literal(Object value) {
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}

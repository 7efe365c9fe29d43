package luqiao.map.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The projects table as it stood on a past date, rebuilt from {@code project_stage_events}: a derived
 * table with the same columns, so every read path (features, OGC items, statistics, tiles) puts it in
 * place of the table and its row filter, CQL2 filters and sorting work unchanged on the as-of stage.
 *
 * <p>The date is bound once, as the first {@code ?} of the statement, into a one-row sub-select that
 * the expressions refer to. The stage is the {@code to_stage} of the last event on or before the date;
 * a project with events, none of them by then, did not exist yet and is left out. A project without
 * any recorded event (history unknown, e.g. made by an import) keeps its current stage. Actual dates
 * after the as-of date had not happened yet and read as null.
 */
final class StageHistory {

    /** Columns recomputed as of the date; every other column is read as it is. */
    private static final Set<String> AS_OF = Set.of("stage", "actual_start", "actual_finish");
    /** Columns of the table that are no catalog field but which row filters may name (V5, V7). */
    private static final List<String> BOOKKEEPING = List.of("id", "geom", "version", "deleted_at", "land_acquired_on");

    private static final String LAST_EVENT = "SELECT e.to_stage FROM project_stage_events e"
            + " WHERE e.project_code = p.code AND e.occurred_on <= d.as_of ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1";
    private static final String ANY_EVENT = "SELECT 1 FROM project_stage_events e WHERE e.project_code = p.code";

    private StageHistory() {
    }

    static String source(Layer layer, List<Field> fields) {
        List<String> columns = new ArrayList<>();
        columns.add("p." + layer.idColumn());
        for (Field f : fields) {
            if (f.isColumn() && !AS_OF.contains(f.column())) {
                columns.add("p." + f.column());
            }
        }
        BOOKKEEPING.forEach(c -> columns.add("p." + c));
        columns.add("CASE WHEN p.actual_start <= d.as_of THEN p.actual_start END AS actual_start");
        columns.add("CASE WHEN p.actual_finish <= d.as_of THEN p.actual_finish END AS actual_finish");
        columns.add("CASE WHEN EXISTS (" + ANY_EVENT + ") THEN (" + LAST_EVENT + ") ELSE p.stage END AS stage");
        return "(SELECT " + String.join(", ", columns) + " FROM " + layer.table() + " p CROSS JOIN (SELECT CAST(? AS DATE) AS as_of) d"
                + " WHERE NOT EXISTS (" + ANY_EVENT + ") OR EXISTS (" + ANY_EVENT + " AND e.occurred_on <= d.as_of)) t";
    }
}

package luqiao.map.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure of the dashboard as a table: what the JSON answer lists and what its CSV export holds,
 * so the two cannot disagree.
 */
record Figure(String id, List<String> columns, List<List<Object>> rows) {

    static Figure of(String id, String... columns) {
        return new Figure(id, List.of(columns), new ArrayList<>());
    }

    Figure row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    id + ": " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(java.util.Arrays.asList(values));
        return this;
    }
}

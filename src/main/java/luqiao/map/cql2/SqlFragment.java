package luqiao.map.cql2;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text with {@code ?} placeholders and the values to bind to them, in order. Values are String,
 * BigDecimal, Boolean, LocalDate, OffsetDateTime (UTC) or byte[] (WKB geometry).
 */
public record SqlFragment(String sql, List<Object> parameters) {

    public SqlFragment {
        parameters = List.copyOf(parameters);
    }

    static SqlFragment of(String sql, Object... parameters) {
        return new SqlFragment(sql, List.of(parameters));
    }

    /** Joins fragments in order with the given SQL text before, between and after them. */
    static SqlFragment join(String prefix, String separator, String suffix, List<SqlFragment> parts) {
        StringBuilder sql = new StringBuilder(prefix);
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : separator).append(parts.get(i).sql());
            parameters.addAll(parts.get(i).parameters());
        }
        return new SqlFragment(sql.append(suffix).toString(), parameters);
    }

    /** Binds the parameters starting at {@code firstIndex} (1-based) and returns the next free index. */
    public int bind(PreparedStatement statement, int firstIndex) throws SQLException {
        int index = firstIndex;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }
}

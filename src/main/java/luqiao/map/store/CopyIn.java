package luqiao.map.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows sent with PostgreSQL's {@code COPY ... FROM STDIN} (text format) on the connection of the caller's
 * transaction: one message stream instead of a bind and execute per row, which made an import's commit
 * several times slower than ogr2ogr (issue #18). Values are written as PostgreSQL reads their text form:
 * null as {@code \N}; text with backslash, tab, newline and carriage return escaped; numbers, booleans
 * ({@code t}/{@code f}), dates and times by their {@code toString}.
 */
final class CopyIn {

    private CopyIn() {}

    /** Streams the rows with {@code copy} (a {@code COPY ... FROM STDIN} statement); the rows written. */
    static long rows(JdbcTemplate jdbc, String copy, List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                value(text, row[i]);
            }
            text.append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Long written = jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return written == null ? 0 : written;
    }

    private static void value(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean b) {
            text.append(b ? 't' : 'f');
        } else if (value instanceof java.math.BigDecimal n) {
            text.append(n.toPlainString());
        } else if (value instanceof Number || value instanceof java.sql.Date) {
            text.append(value);
        } else {
            escaped(text, value.toString());
        }
    }

    private static void escaped(StringBuilder text, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}

package luqiao.map.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows sent with PostgreSQL's {@code COPY ... FROM STDIN} (text format) on the connection of the caller's
 * transaction: one message stream instead of a bind and execute per row, which made an import's commit
 * several times slower than ogr2ogr (issue #18). Values are written as PostgreSQL reads their text form:
 * null as {@code \N}; text with backslash, tab, newline and carriage return escaped; numbers, booleans
 * ({@code t}/{@code f}), dates and times by their {@code toString}. Lines may be made on any thread
 * ({@link #line}) and sent later ({@link #lines}).
 */
final class CopyIn {

    private static final int BUFFER = 64 * 1024;

    private CopyIn() {}

    /** One row as a line of COPY text, its newline included. */
    static String line(Object[] row) {
        StringBuilder text = new StringBuilder(256);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            value(text, row[i]);
        }
        return text.append('\n').toString();
    }

    /** Streams the rows with {@code copy} (a {@code COPY ... FROM STDIN} statement). */
    static void rows(JdbcTemplate jdbc, String copy, List<Object[]> rows) {
        lines(jdbc, copy, rows.stream().map(CopyIn::line).toList());
    }

    /** Streams lines made by {@link #line} with {@code copy}. */
    static void lines(JdbcTemplate jdbc, String copy, List<String> lines) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            send(connection.unwrap(PGConnection.class), copy, lines);
            return null;
        });
    }

    private static void send(PGConnection connection, String copy, List<String> lines) throws SQLException {
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(new PGCopyOutputStream(connection, copy, BUFFER), StandardCharsets.UTF_8),
                BUFFER)) {
            for (String line : lines) {
                out.write(line);
            }
        } catch (IOException e) {
            // pgjdbc reports a COPY the server refused (a constraint, a bad value) as an IOException with the cause
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new UncheckedIOException(e);
        }
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
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            String escape =
                    switch (s.charAt(i)) {
                        case '\\' -> "\\\\";
                        case '\t' -> "\\t";
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        default -> null;
                    };
            if (escape != null) {
                text.append(s, from, i).append(escape);
                from = i + 1;
            }
        }
        text.append(s, from, s.length());
    }
}

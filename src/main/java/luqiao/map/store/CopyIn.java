package luqiao.map.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * ({@link #line}), saved, and sent later ({@link #bytes}).
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

    /** A value as it stands in a line of COPY text (escaped text, {@code \\N} for null), in UTF-8. */
    static byte[] text(Object value) {
        if (value instanceof String s) {
            // The version's text is most of an import's bytes: encoded once, escaped only when it needs it.
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                    return escapedText(s);
                }
            }
            return bytes;
        }
        StringBuilder text = new StringBuilder();
        value(text, value);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Text already in UTF-8 as a value of a COPY line: as it is, unless it holds a character COPY escapes. */
    static byte[] text(byte[] utf8) {
        int special = 0;
        for (byte b : utf8) {
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                special++;
            }
        }
        if (special == 0) {
            return utf8;
        }
        // These four are ASCII, never part of a multi-byte UTF-8 sequence: escaping byte by byte is safe.
        byte[] escaped = new byte[utf8.length + special];
        int at = 0;
        for (byte b : utf8) {
            byte code =
                    switch (b) {
                        case '\\' -> (byte) '\\';
                        case '\t' -> (byte) 't';
                        case '\n' -> (byte) 'n';
                        case '\r' -> (byte) 'r';
                        default -> 0;
                    };
            if (code == 0) {
                escaped[at++] = b;
            } else {
                escaped[at++] = '\\';
                escaped[at++] = code;
            }
        }
        return escaped;
    }

    private static byte[] escapedText(String s) {
        StringBuilder text = new StringBuilder(s.length() + 16);
        escaped(text, s);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Streams the rows with {@code copy} (a {@code COPY ... FROM STDIN} statement). */
    static void rows(JdbcTemplate jdbc, String copy, List<Object[]> rows) {
        bytes(
                jdbc,
                copy,
                rows.stream()
                        .map(row -> line(row).getBytes(StandardCharsets.UTF_8))
                        .toList());
    }

    /**
     * Streams COPY text already in UTF-8 (lines made by {@link #line}, or several lines at once) with {@code copy}:
     * an import's saved rows go to the database as they were prepared, with no decoding and encoding again.
     */
    static void bytes(JdbcTemplate jdbc, String copy, List<byte[]> text) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            send(connection.unwrap(PGConnection.class), copy, text);
            return null;
        });
    }

    private static void send(PGConnection connection, String copy, List<byte[]> text) throws SQLException {
        try (OutputStream out = new PGCopyOutputStream(connection, copy, BUFFER)) {
            for (byte[] part : text) {
                out.write(part);
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

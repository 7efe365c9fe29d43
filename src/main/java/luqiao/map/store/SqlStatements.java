package luqiao.map.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every SQL statement the server runs, read once at start from named resources:
 * {@code sql/common/NAME.sql}, replaced per database by {@code sql/postgis/NAME.sql} or
 * {@code sql/h2gis/NAME.sql}. A name is the path below that folder without {@code .sql}, e.g.
 * {@code chain/insert-event}. Keeping SQL in files (as pg_featureserv and martin do) means a query
 * is found where its name says, read as SQL, and changed without touching Java.
 *
 * <p>Values are always {@code ?} placeholders bound at run time. A statement built per layer names
 * its identifiers and catalog-made fragments as {@code ${part}}; {@link #render} fills them from
 * the store's own code (never from a request) and refuses a statement with a part left unfilled.
 * Stores ask for their statements in their constructors, so a missing or malformed one stops the
 * server at start rather than failing a request.
 */
public final class SqlStatements {

    private static final Pattern PART = Pattern.compile("\\$\\{([a-zA-Z][a-zA-Z0-9_.]*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final DatabaseKind kind;
    private final Map<String, String> statements;

    private SqlStatements(DatabaseKind kind, Map<String, String> statements) {
        this.kind = kind;
        this.statements = statements;
    }

    /** Reads {@code sql/common} and the database's folder from the class path. */
    public static SqlStatements load(DatabaseKind kind) {
        Map<String, String> all = new TreeMap<>(read("common"));
        all.putAll(read(kind.folder()));
        all.forEach(SqlStatements::check);
        return new SqlStatements(kind, all);
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The statement called {@code name}; it must have no {@code ${part}} to fill. */
    public String get(String name) {
        String sql = find(name);
        if (PART.matcher(sql).find()) {
            throw new IllegalStateException("SQL statement " + name + " has parts to fill: use render()");
        }
        return sql;
    }

    /**
     * The statement called {@code name} with each {@code ${part}} replaced by {@code parts}. Parts are
     * catalog identifiers or fragments the store built from the catalog; a part whose name ends in
     * {@code Column} or {@code table} must be a plain lower-case identifier.
     */
    public String render(String name, Map<String, String> parts) {
        String sql = find(name);
        Matcher m = PART.matcher(sql);
        StringBuilder out = new StringBuilder();
        Set<String> used = new LinkedHashSet<>();
        while (m.find()) {
            String part = m.group(1);
            String value = parts.get(part);
            if (value == null) {
                throw new IllegalStateException("SQL statement " + name + ": no value for ${" + part + "}");
            }
            if ((part.endsWith("Column") || part.equals("table"))
                    && !IDENTIFIER.matcher(value).matches()) {
                throw new IllegalStateException(
                        "SQL statement " + name + ": ${" + part + "} is not an identifier: " + value);
            }
            used.add(part);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!used.containsAll(parts.keySet())) {
            Set<String> unused = new LinkedHashSet<>(parts.keySet());
            unused.removeAll(used);
            throw new IllegalStateException("SQL statement " + name + " has no part " + unused);
        }
        return out.toString();
    }

    /** Whether a statement of this name exists for this database (for statements only one database has). */
    public boolean has(String name) {
        return statements.containsKey(name);
    }

    private String find(String name) {
        String sql = statements.get(name);
        if (sql == null) {
            throw new IllegalStateException("No SQL statement " + name + " for " + kind.folder() + " (sql/common/"
                    + name + ".sql or sql/" + kind.folder() + "/" + name + ".sql)");
        }
        return sql;
    }

    private static Map<String, String> read(String folder) {
        Map<String, String> found = new HashMap<>();
        try {
            String root = "sql/" + folder + "/";
            for (Resource r :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:" + root + "**/*.sql")) {
                String url = r.getURL().toString();
                String name = url.substring(url.lastIndexOf(root) + root.length(), url.length() - ".sql".length());
                found.put(name, text(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SQL statements in sql/" + folder, e);
        }
        return found;
    }

    /** The file without its comment lines, blank lines and final semicolon (an end-of-line comment stays on its line). */
    private static String text(Resource resource) throws IOException {
        StringBuilder sql = new StringBuilder();
        for (String line : resource.getContentAsString(StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
                sql.append(sql.isEmpty() ? "" : "\n").append(trimmed);
            }
        }
        String text = sql.toString();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    private static void check(String name, String sql) {
        if (sql.isBlank()) {
            throw new IllegalStateException("SQL statement " + name + " is empty");
        }
        if (sql.contains(";")) {
            throw new IllegalStateException("SQL statement " + name + " holds more than one statement");
        }
    }
}

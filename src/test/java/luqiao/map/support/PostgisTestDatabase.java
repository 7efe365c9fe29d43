package luqiao.map.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fresh databases on the test PostgreSQL server (PostGIS installed by the test command).
 * Settings: LUQIAO_TEST_PG_URL (a maintenance database), LUQIAO_TEST_PG_USER, LUQIAO_TEST_PG_PASSWORD.
 * When the server is missing the tests fail with the reason: they never skip.
 *
 * <p>Database names get a suffix per checkout (LUQIAO_TEST_PG_DB_SUFFIX, by default a hash of the
 * working directory), so test runs of two checkouts sharing one server never drop each other's
 * databases; a rerun in the same checkout replaces its own.
 */
public final class PostgisTestDatabase {

    public static final String MAINTENANCE_URL = env("LUQIAO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = env("LUQIAO_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("LUQIAO_TEST_PG_PASSWORD", "");

    static final String SUFFIX = env(
            "LUQIAO_TEST_PG_DB_SUFFIX",
            "_"
                    + Integer.toHexString(java.nio.file.Path.of("")
                            .toAbsolutePath()
                            .toString()
                            .hashCode()));

    private PostgisTestDatabase() {}

    /** Drops and creates the database {@code name} (with PostGIS when asked); returns its JDBC URL. */
    public static String fresh(String name, boolean withPostgis) {
        if (!name.matches("[a-z_0-9]+")) {
            throw new IllegalArgumentException("test database names are lower-case identifiers: " + name);
        }
        name = name + SUFFIX;
        if (!name.matches("[a-z_0-9]{1,63}")) {
            throw new IllegalArgumentException(
                    "LUQIAO_TEST_PG_DB_SUFFIX must keep names lower-case identifiers: " + name);
        }
        try (Connection c = DriverManager.getConnection(MAINTENANCE_URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The PostGIS tests need a PostgreSQL server at " + MAINTENANCE_URL
                            + " (run the README's test command, which installs and starts it): " + e.getMessage(),
                    e);
        }
        String url = MAINTENANCE_URL.substring(0, MAINTENANCE_URL.lastIndexOf('/') + 1) + name;
        if (withPostgis) {
            try (Connection c = connect(url);
                    Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            } catch (SQLException e) {
                throw new IllegalStateException("PostGIS is not installed on the test server: " + e.getMessage(), e);
            }
        }
        return url;
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
